/**
 * Examples from a run in the store:
 * - repair pairs: each refine chain's root (the insecure sample) and its last round, kept only when
 *   the comparison class is `fixed` (the root had findings, the repair has none, so nothing was
 *   introduced; both were analyzed) and the repair parsed (syntax errors recorded as 0);
 * - scan-clean generations: samples not made by a repair, with code that was analyzed, parsed
 *   without syntax errors and has no finding, as prompt → secure completion.
 */
import type { Language } from '../../core/types.ts';
import { compareSamples, pairsOf } from '../../metrics/compare.ts';
import { loadRunData, type SampleFacts } from '../../metrics/data.ts';
import type { RunStore } from '../../store/store.ts';
import { bump, fenced, repairPrompt, type Example, type SourceResult } from '../example.ts';

/** A scenario's task as the dataset prompt shows it. */
export interface ScenarioText {
  task: string;
  skeleton?: string;
  cwe?: string[];
}

export interface RunSourceOptions {
  /** Scenario texts by id (e.g. the built-in suite); a sample of another scenario is prompted with the last user message of its request. */
  scenarios?: ReadonlyMap<string, ScenarioText>;
  /** The spec as given, for the result; `run:<runId>` by default. */
  spec?: string;
}

/** The CWE a scenario id names (`py-cwe-089-user-lookup` → CWE-89), if any. */
export function cweOfScenarioId(id: string): string | undefined {
  const m = /-cwe-0*(\d+)-/.exec(id);
  return m ? `CWE-${m[1]}` : undefined;
}

/** The prompt of a scenario: the task, then the skeleton in a fence. */
export function scenarioPrompt(s: ScenarioText, language: Language): string {
  return s.skeleton ? `${s.task.trim()}\n\n${fenced(s.skeleton, language)}` : s.task.trim();
}

/** Repair pairs and clean generations of one run. */
export function examplesFromRun(store: RunStore, runId: string, options: RunSourceOptions = {}): SourceResult {
  const data = loadRunData(store, runId, { code: true });
  const source = `run:${runId}`;
  const generationOf = new Map(store.listSamples(runId).map((s) => [s.id, s.generationId]));
  const lastUserMessage = (s: SampleFacts): string | undefined => {
    const g = store.getGeneration(generationOf.get(s.id)!);
    return g?.request.messages.filter((m) => m.role === 'user').at(-1)?.content;
  };
  const examples: Example[] = [];
  const skipped: Record<string, number> = {};
  const common = (s: SampleFacts) => ({ source, language: s.language as Language, scenarioId: s.scenario, model: s.model, strategy: s.strategy });

  for (const [before, after] of pairsOf(data.samples)) {
    if (after.mode !== 'refine') continue;
    const change = compareSamples(before, after);
    if (change.class !== 'fixed') bump(skipped, `repair ${change.class}`);
    else if (after.syntaxErrors !== 0) bump(skipped, 'repair does not parse');
    else if (before.code === undefined || after.code === undefined) bump(skipped, 'repair without code');
    else {
      const cwe = change.resolvedCwes;
      examples.push({
        id: `${source}:${before.id}-${after.id}`, kind: 'repair', ...common(after), cwe,
        prompt: repairPrompt(before.code, after.language as Language, cwe), insecure: before.code, secure: after.code,
        provenance: { run: runId, insecureSample: before.id, secureSample: after.id, rounds: after.round },
      });
    }
  }

  for (const s of data.samples) {
    if (s.mode === 'refine') continue;
    if (s.outcome !== 'code' || s.code === undefined) bump(skipped, 'generation without code');
    else if (!s.analyzed) bump(skipped, 'generation not analyzed');
    else if (s.syntaxErrors !== 0) bump(skipped, 'generation does not parse');
    else if (s.findings.length) bump(skipped, 'generation has findings');
    else {
      const scenario = options.scenarios?.get(s.scenario);
      const prompt = scenario ? scenarioPrompt(scenario, s.language as Language) : lastUserMessage(s);
      if (!prompt?.trim()) {
        bump(skipped, 'generation without prompt');
        continue;
      }
      const named = scenario?.cwe ?? [cweOfScenarioId(s.scenario)].filter((c): c is string => !!c);
      examples.push({ id: `${source}:${s.id}`, kind: 'generation', ...common(s), cwe: named, prompt, secure: s.code, provenance: { run: runId, sample: s.id } });
    }
  }
  return { spec: options.spec ?? source, examples, problems: [], skipped };
}
