/**
 * The train/validation/test split, stratified by (first CWE, language). Each stratum is ordered by
 * example id, shuffled with a generator seeded by the seed and the stratum's name (so adding a
 * stratum does not reshuffle the others), and cut in order test, validation, train:
 *   n < 3: every example goes to train (a stratum this small cannot be in all three);
 *   n ≥ 3: test = max(1, round(n·test)) and validation = max(1, round(n·validation)) for each
 *          non-zero ratio, reduced (the larger first) until train keeps at least one; train gets
 *          the rest.
 * Examples without a CWE form the stratum `none`.
 */
import { ConfigError } from '../core/errors.ts';
import type { Example } from './example.ts';
import { fnv1a, seededRandom } from './minhash.ts';

export const SPLITS = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];
export type Ratios = Record<SplitName, number>;
export type Splits = Record<SplitName, Example[]>;

export const DEFAULT_RATIOS: Ratios = { train: 0.8, validation: 0.1, test: 0.1 };

/** `0.8,0.1,0.1` → ratios; they must be non-negative, train positive, summing to 1. */
export function parseRatios(text: string): Ratios {
  const parts = text.split(',').map((x) => Number(x.trim()));
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x) || x < 0)) throw new ConfigError(`--split takes three non-negative numbers train,validation,test; got '${text}'`, 'e.g. --split 0.8,0.1,0.1');
  const [train, validation, test] = parts as [number, number, number];
  if (Math.abs(train + validation + test - 1) > 1e-9) throw new ConfigError(`--split ratios must sum to 1; got '${text}'`);
  if (train <= 0) throw new ConfigError('--split: the train ratio must be above 0');
  return { train, validation, test };
}

/** The stratum of an example: first CWE and language. */
export function stratumOf(e: Example): string {
  return `${e.cwe[0] ?? 'none'}/${e.language}`;
}

/** How many of a stratum of n go to validation and test. */
export function cutSizes(n: number, ratios: Ratios): { validation: number; test: number } {
  if (n < 3) return { validation: 0, test: 0 };
  const size = (r: number) => (r > 0 ? Math.max(1, Math.round(n * r)) : 0);
  let validation = size(ratios.validation);
  let test = size(ratios.test);
  while (validation + test > n - 1) {
    if (test >= validation) test--;
    else validation--;
  }
  return { validation, test };
}

function shuffle<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Splits examples as described above; each split is ordered by id. */
export function splitExamples(examples: readonly Example[], ratios: Ratios, seed: number): Splits {
  const strata = new Map<string, Example[]>();
  for (const e of examples) {
    const k = stratumOf(e);
    const list = strata.get(k);
    if (list) list.push(e);
    else strata.set(k, [e]);
  }
  const out: Splits = { train: [], validation: [], test: [] };
  for (const [name, members] of [...strata].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ordered = shuffle([...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), seededRandom((seed ^ fnv1a(name)) >>> 0));
    const { validation, test } = cutSizes(ordered.length, ratios);
    out.test.push(...ordered.slice(0, test));
    out.validation.push(...ordered.slice(test, test + validation));
    out.train.push(...ordered.slice(test + validation));
  }
  for (const s of SPLITS) out[s].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}
