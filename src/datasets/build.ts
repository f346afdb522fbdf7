/**
 * The dataset pipeline, without I/O: sources → unique ids → leakage guard → exact and near
 * duplicates → stratified split → content hash. Rows the sources could not read and candidates that
 * failed verification are counted where the sources report them. The leakage guard runs before
 * deduplication, so that a leaked example never stands in for a clean duplicate of itself.
 */
import { createHash } from 'node:crypto';
import { dedupe, type DuplicateOf } from './dedup.ts';
import type { Example, SourceResult } from './example.ts';
import { canonicalLine, jsonl } from './export.ts';
import { guardLeakage, type EvaluationSet, type Leak } from './leakage.ts';
import { DEFAULT_RATIOS, SPLITS, splitExamples, type Ratios, type Splits } from './split.ts';

export interface BuildOptions {
  /** Jaccard threshold for near duplicates and for the leakage guard (default 0.85). */
  threshold?: number;
  ratios?: Ratios;
  seed?: number;
  /** What the evaluation uses; nothing is guarded without it. */
  evaluation?: EvaluationSet;
  /** How the evaluation was named (`run STORE:RUN`, `scenarios a,b`), for the card. */
  evaluationLabels?: string[];
}

export interface SourceSummary {
  spec: string;
  examples: number;
  problems: number;
  skipped: Record<string, number>;
}

export interface DatasetBuild {
  settings: { threshold: number; ratios: Ratios; seed: number; evaluation: string[] };
  sources: SourceSummary[];
  /** The first few problems of every source, as `file:line: message`. */
  problems: string[];
  dropped: { duplicateId: Example[]; leakage: Leak[]; exact: DuplicateOf[]; near: DuplicateOf[] };
  splits: Splits;
  /** Canonical JSONL of each split. */
  data: Record<(typeof SPLITS)[number], string>;
  /** sha256 over the canonical JSONL of train, validation and test, in that order. */
  hash: string;
}

/** Runs the pipeline over loaded sources. */
export function buildDataset(sources: readonly SourceResult[], options: BuildOptions = {}): DatasetBuild {
  const threshold = options.threshold ?? 0.85;
  const ratios = options.ratios ?? DEFAULT_RATIOS;
  const seed = options.seed ?? 0;
  const ids = new Set<string>();
  const duplicateId: Example[] = [];
  const all: Example[] = [];
  for (const s of sources) {
    for (const e of s.examples) {
      if (ids.has(e.id)) duplicateId.push(e);
      else {
        ids.add(e.id);
        all.push(e);
      }
    }
  }
  const guarded = options.evaluation ? guardLeakage(all, options.evaluation, { threshold, seed }) : { kept: all, dropped: [] };
  const { kept, exact, near } = dedupe(guarded.kept, { threshold, seed });
  const splits = splitExamples(kept, ratios, seed);
  const data = Object.fromEntries(SPLITS.map((s) => [s, jsonl(splits[s].map(canonicalLine))])) as DatasetBuild['data'];
  const hash = createHash('sha256');
  for (const s of SPLITS) hash.update(data[s]);
  return {
    settings: { threshold, ratios, seed, evaluation: options.evaluationLabels ?? [] },
    sources: sources.map((s) => ({ spec: s.spec, examples: s.examples.length, problems: s.problems.length, skipped: s.skipped })),
    problems: sources.flatMap((s) => s.problems.map((p) => `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`)),
    dropped: { duplicateId, leakage: guarded.dropped, exact, near },
    splits,
    data,
    hash: hash.digest('hex'),
  };
}
