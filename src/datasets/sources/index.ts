/**
 * Dataset sources named on the command line:
 *   run:<store dir>:<run id>   repair pairs and clean generations of a run (sources/run.ts)
 *   fix-json:<file>            repair pairs from `secfix fix -f json` output (sources/fix-json.ts)
 *   pairs:<file.jsonl|.csv>    a public before/after corpus (sources/pairs.ts)
 * and the evaluation a leakage guard protects: `STORE:RUN`, or scenario ids and built-in tags.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, InputError } from '../../core/errors.ts';
import type { Language } from '../../core/types.ts';
import { loadBuiltinScenarios } from '../../scenarios/load.ts';
import { openStore } from '../../store/store.ts';
import type { SourceResult } from '../example.ts';
import { evaluationFromRun, evaluationFromScenarios, type EvaluationSet } from '../leakage.ts';
import { examplesFromFixJson } from './fix-json.ts';
import { examplesFromPairs } from './pairs.ts';
import { examplesFromRun, type ScenarioText } from './run.ts';

/** The store file inside a store directory, as the other commands open it. */
const STORE_FILE = 'runs.db';

/** `DIR:RUN` split at the last colon. */
export function parseStoreRun(text: string, what: string): { dir: string; runId: string } {
  const at = text.lastIndexOf(':');
  if (at <= 0 || at === text.length - 1) throw new ConfigError(`${what} takes STORE_DIR:RUN_ID; got '${text}'`, 'e.g. run:.secfix:run-20260101-120000-abcdef');
  return { dir: text.slice(0, at), runId: text.slice(at + 1) };
}

function withRun<T>(dir: string, runId: string, fn: (store: ReturnType<typeof openStore>) => T): T {
  // Opening a store creates it; a dataset build only reads, so a missing store is an input error.
  if (!existsSync(path.resolve(dir, STORE_FILE))) throw new InputError(`no run store in ${dir} (expected ${path.join(dir, STORE_FILE)})`, 'name the directory given to secfix run --store');
  const store = openStore(path.resolve(dir), { file: STORE_FILE });
  try {
    if (!store.getRun(runId)) throw new ConfigError(`no run ${runId} in ${store.file}`, 'see secfix runs list');
    return fn(store);
  } finally {
    store.close();
  }
}

/** The built-in scenarios' texts by id. */
export async function builtinScenarioTexts(): Promise<Map<string, ScenarioText & { id: string; language: Language; tags: string[] }>> {
  return new Map((await loadBuiltinScenarios()).map((s) => [s.id, { id: s.id, language: s.language, task: s.task, cwe: s.cwe, tags: s.tags, ...(s.skeleton ? { skeleton: s.skeleton } : {}) }]));
}

/** Loads one source spec. */
export async function loadSource(spec: string, options: { scenarios?: ReadonlyMap<string, ScenarioText> } = {}): Promise<SourceResult> {
  const colon = spec.indexOf(':');
  const kind = colon > 0 ? spec.slice(0, colon) : '';
  const rest = spec.slice(colon + 1);
  if (kind === 'run') {
    const { dir, runId } = parseStoreRun(rest, 'run:');
    return withRun(dir, runId, (store) => examplesFromRun(store, runId, { spec, ...(options.scenarios ? { scenarios: options.scenarios } : {}) }));
  }
  if ((kind === 'fix-json' || kind === 'pairs') && rest && !existsSync(rest)) throw new InputError(`dataset source not found: ${rest}`);
  if (kind === 'fix-json' && rest) return examplesFromFixJson(rest, spec);
  if (kind === 'pairs' && rest) return examplesFromPairs(rest, spec);
  throw new ConfigError(`unknown dataset source '${spec}'`, 'use run:STORE_DIR:RUN_ID, fix-json:FILE or pairs:FILE.jsonl|FILE.csv');
}

/** Adds a run's scenarios, prompts and code to an evaluation. */
export function addEvaluationRun(text: string, into: EvaluationSet): void {
  const { dir, runId } = parseStoreRun(text, '--exclude-run');
  withRun(dir, runId, (store) => evaluationFromRun(store, runId, into));
}

/**
 * Adds scenarios to an evaluation: each name is a built-in scenario id, a built-in tag (every
 * built-in scenario carrying it), `builtin` (the whole suite), or else the id of an imported
 * scenario (guarded by id only, as its texts are not known here).
 */
export function addEvaluationScenarios(names: readonly string[], builtin: ReadonlyMap<string, ScenarioText & { id: string; language: Language; tags: string[] }>, into: EvaluationSet): void {
  const all = [...builtin.values()];
  for (const name of names) {
    const matched = name === 'builtin' ? all : builtin.has(name) ? [builtin.get(name)!] : all.filter((s) => s.tags.includes(name));
    if (matched.length) evaluationFromScenarios(matched, into);
    else into.scenarioIds.add(name);
  }
}
