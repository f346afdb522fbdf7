/**
 * Multiple-comparison adjustment. When a report tests many comparisons (every strategy against the
 * baseline, per CWE…), some will look significant by chance; adjusted p-values are compared with
 * the usual α directly. Results keep the input order.
 *
 * Holm–Bonferroni (controls the family-wise error rate, any dependence): sort p ascending,
 *   p̃_(i) = max_{j ≤ i} min(1, (m − j + 1)·p_(j)).
 * Benjamini–Hochberg (controls the false discovery rate; independent or positively dependent tests):
 *   p̃_(i) = min_{j ≥ i} min(1, m/j · p_(j)).
 */
import { StatsError } from './errors.ts';

export type AdjustMethod = 'holm' | 'bh';

function check(pValues: readonly number[]): void {
  for (const p of pValues) if (!(p >= 0 && p <= 1)) throw new StatsError(`p-values must be in [0, 1], got ${p}`);
}

/** Indices of `pValues` in ascending order of p (stable for ties). */
function ascending(pValues: readonly number[]): number[] {
  return pValues.map((_, i) => i).sort((i, j) => pValues[i] - pValues[j] || i - j);
}

/** Holm–Bonferroni adjusted p-values: monotone in p, capped at 1, in the input order. */
export function holm(pValues: readonly number[]): number[] {
  check(pValues);
  const m = pValues.length;
  const out = new Array<number>(m);
  let running = 0;
  ascending(pValues).forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[idx]));
    out[idx] = running;
  });
  return out;
}

/** Benjamini–Hochberg adjusted p-values (q-values): monotone in p, capped at 1, in the input order. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  check(pValues);
  const m = pValues.length;
  const out = new Array<number>(m);
  const order = ascending(pValues);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const idx = order[rank];
    running = Math.min(running, Math.min(1, (m / (rank + 1)) * pValues[idx]));
    out[idx] = running;
  }
  return out;
}

/** Adjusts p-values by Holm (default) or Benjamini–Hochberg. */
export function adjustPValues(pValues: readonly number[], method: AdjustMethod = 'holm'): number[] {
  return method === 'bh' ? benjaminiHochberg(pValues) : holm(pValues);
}
