/**
 * Exact McNemar test for paired binary outcomes — one sample before and after a repair, say
 * "has ≥ 1 weakness". Only discordant pairs carry information: b pairs went 1 → 0, c went 0 → 1.
 * Under H0 (no change in the rate) each discordant pair is a fair coin, so b ~ Bin(b + c, ½).
 * The exact form is valid at any n (the χ² form needs b + c ≳ 25); with b + c < 10 it is valid
 * but has little power, which small-n.ts warns about.
 */
import { binomialCdf, binomialPmf } from './distributions.ts';
import { StatsError, assertCount } from './errors.ts';

export type Binary = boolean | 0 | 1;

export interface McNemarResult {
  /** Pairs that went 1 → 0 (before true, after false). */
  b: number;
  /** Pairs that went 0 → 1. */
  c: number;
  /** Discordant pairs, b + c. */
  n: number;
  /** Two-sided exact p: min(1, 2·P(X ≤ min(b, c))), X ~ Bin(b + c, ½); 1 when b + c = 0. */
  pValue: number;
  /** Mid-p: min(1, 2·P(X ≤ min(b, c)) − P(X = min(b, c))); less conservative, close to nominal size. */
  midP: number;
  /** McNemar's χ² without continuity correction, (b − c)² / (b + c), for reference; undefined when b + c = 0. */
  statistic?: number;
}

/** Counts b (1 → 0) and c (0 → 1) from [before, after] pairs. */
export function discordantCounts(pairs: ReadonlyArray<readonly [Binary, Binary]>): { b: number; c: number } {
  let b = 0;
  let c = 0;
  for (const pair of pairs) {
    if (pair.length !== 2) throw new StatsError(`McNemar pairs need two outcomes, got ${pair.length}`);
    const before = Boolean(pair[0]);
    const after = Boolean(pair[1]);
    if (before && !after) b++;
    else if (!before && after) c++;
  }
  return { b, c };
}

/** Exact (and mid-p) McNemar test from discordant counts or from [before, after] pairs. */
export function mcnemar(input: { b: number; c: number } | ReadonlyArray<readonly [Binary, Binary]>): McNemarResult {
  const { b, c } = Array.isArray(input) ? discordantCounts(input) : (input as { b: number; c: number });
  assertCount(b, 'McNemar b');
  assertCount(c, 'McNemar c');
  const n = b + c;
  if (n === 0) return { b, c, n, pValue: 1, midP: 1 };
  // b = c: both p-values are exactly 1 by symmetry; saying so avoids 0.99999999998 from rounding at large n.
  if (b === c) return { b, c, n, pValue: 1, midP: 1, statistic: 0 };
  const m = Math.min(b, c);
  const tail = binomialCdf(m, n, 0.5);
  return {
    b,
    c,
    n,
    pValue: Math.min(1, 2 * tail),
    midP: Math.min(1, 2 * tail - binomialPmf(m, n, 0.5)),
    statistic: ((b - c) * (b - c)) / n,
  };
}
