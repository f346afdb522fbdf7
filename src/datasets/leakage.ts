/**
 * The leakage guard: nothing the evaluation measures may be trained on. An example is dropped when
 *   1. it was derived from a scenario the evaluation uses (same scenario id), else
 *   2. its prompt is a near duplicate of an evaluation prompt, else
 *   3. its secure or insecure code is a near duplicate of evaluation code,
 * near meaning a Jaccard similarity of token 5-shingles at or above the threshold (the same test as
 * dedup.ts: MinHash LSH candidates, confirmed exactly). The first matching reason is counted.
 */
import type { Language } from '../core/types.ts';
import type { RunStore } from '../store/store.ts';
import type { Example } from './example.ts';
import { jaccard, LshIndex, MinHasher, shingles } from './minhash.ts';
import { scenarioPrompt, type ScenarioText } from './sources/run.ts';
import { tokensOf } from './tokens.ts';

/** What an evaluation shows a model (prompts) and what it measures (code), and its scenarios. */
export interface EvaluationSet {
  scenarioIds: Set<string>;
  prompts: string[];
  code: Array<{ code: string; language?: Language }>;
}

export type LeakReason = 'scenario' | 'prompt' | 'code';

export interface Leak {
  example: Example;
  reason: LeakReason;
  /** The scenario id, or the Jaccard similarity of the closest match found. */
  detail: string;
}

export interface LeakageResult {
  kept: Example[];
  dropped: Leak[];
}

export function emptyEvaluation(): EvaluationSet {
  return { scenarioIds: new Set(), prompts: [], code: [] };
}

/** The scenarios, prompts (last user message of every request) and sample code of a run. */
export function evaluationFromRun(store: RunStore, runId: string, into: EvaluationSet = emptyEvaluation()): EvaluationSet {
  for (const g of store.listGenerations(runId)) {
    into.scenarioIds.add(g.scenarioId);
    const prompt = g.request.messages.filter((m) => m.role === 'user').at(-1)?.content;
    if (prompt) into.prompts.push(prompt);
  }
  for (const s of store.listSamples(runId)) {
    into.scenarioIds.add(s.scenarioId);
    if (s.code !== undefined) into.code.push({ code: s.code, language: s.language as Language });
  }
  return into;
}

/** Scenarios as an evaluation: their ids, their prompts (task, and task with skeleton) and skeletons as code. */
export function evaluationFromScenarios(scenarios: ReadonlyArray<ScenarioText & { id: string; language: Language }>, into: EvaluationSet = emptyEvaluation()): EvaluationSet {
  for (const s of scenarios) {
    into.scenarioIds.add(s.id);
    into.prompts.push(s.task, scenarioPrompt(s, s.language));
    if (s.skeleton) into.code.push({ code: s.skeleton, language: s.language });
  }
  return into;
}

type Entry = { set: Set<string> };

function indexOf(hasher: MinHasher, sets: Set<string>[]): LshIndex<Entry> {
  const index = new LshIndex<Entry>(hasher);
  for (const set of sets) index.add(hasher.signature(set), { set });
  return index;
}

/** The highest confirmed similarity at or above the threshold, if any. */
function nearest(hasher: MinHasher, index: LshIndex<Entry>, set: Set<string>, threshold: number): number | undefined {
  let best: number | undefined;
  for (const c of index.candidates(hasher.signature(set))) {
    const j = jaccard(set, c.set);
    if (j >= threshold && (best === undefined || j > best)) best = j;
  }
  return best;
}

/** Drops every example that leaks the evaluation, with the reason. */
export function guardLeakage(examples: readonly Example[], evaluation: EvaluationSet, options: { threshold: number; seed: number }): LeakageResult {
  const hasher = new MinHasher(options.seed);
  const prompts = indexOf(hasher, [...new Set(evaluation.prompts)].map((p) => shingles(tokensOf(p))));
  const code = indexOf(hasher, evaluation.code.map((c) => shingles(tokensOf(c.code, c.language))));
  const kept: Example[] = [];
  const dropped: Leak[] = [];
  for (const e of examples) {
    if (e.scenarioId !== undefined && evaluation.scenarioIds.has(e.scenarioId)) {
      dropped.push({ example: e, reason: 'scenario', detail: e.scenarioId });
      continue;
    }
    const p = nearest(hasher, prompts, shingles(tokensOf(e.prompt)), options.threshold);
    if (p !== undefined) {
      dropped.push({ example: e, reason: 'prompt', detail: p.toFixed(3) });
      continue;
    }
    const texts = [e.secure, ...(e.insecure !== undefined ? [e.insecure] : [])];
    const c = texts.map((t) => nearest(hasher, code, shingles(tokensOf(t, e.language)), options.threshold)).filter((x): x is number => x !== undefined);
    if (c.length) {
      dropped.push({ example: e, reason: 'code', detail: Math.max(...c).toFixed(3) });
      continue;
    }
    kept.push(e);
  }
  return { kept, dropped };
}
