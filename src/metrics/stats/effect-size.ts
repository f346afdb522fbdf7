/**
 * Effect sizes for two proportions p1 = x1/n1 (e.g. a strategy) and p2 = x2/n2 (e.g. the
 * baseline), with 95% intervals. Each answers "how much", where a p-value only answers "whether".
 * Quantities that are undefined (an empty group, a zero margin) are NaN, which JSON writes as null.
 */
import { wilson } from '../wilson.ts';
import { StatsError, assertCount } from './errors.ts';

export interface Proportion {
  successes: number;
  n: number;
}

export interface EffectInterval {
  estimate: number;
  low: number;
  high: number;
  /** What was corrected, or why the estimate is undefined. */
  note?: string;
}

export interface RatioInterval extends EffectInterval {
  /** True when the Haldane–Anscombe 0.5 correction was applied. */
  corrected: boolean;
}

function check(p: Proportion, what: string): void {
  assertCount(p.n, `${what} n`);
  assertCount(p.successes, `${what} successes`);
  if (p.successes > p.n) throw new StatsError(`${what}: successes ${p.successes} exceed n ${p.n}`);
}

/**
 * Risk difference p1 − p2 with Newcombe's hybrid score interval (1998, method 10), built from the
 * two Wilson intervals [l1, u1] and [l2, u2]:
 *   low  = (p1 − p2) − √((p1 − l1)² + (u2 − p2)²)
 *   high = (p1 − p2) + √((u1 − p1)² + (p2 − l2)²)
 * It stays inside [−1, 1] and behaves at 0 and n, unlike the Wald interval.
 */
export function riskDifference(a: Proportion, b: Proportion, z = 1.96): EffectInterval {
  check(a, 'first group');
  check(b, 'second group');
  if (a.n === 0 || b.n === 0) return { estimate: NaN, low: -1, high: 1, note: 'a group is empty' };
  const p1 = a.successes / a.n;
  const p2 = b.successes / b.n;
  const w1 = wilson(a.successes, a.n, z);
  const w2 = wilson(b.successes, b.n, z);
  const d = p1 - p2;
  return {
    estimate: d,
    low: d - Math.hypot(p1 - w1.low, w2.high - p2),
    high: d + Math.hypot(w1.high - p1, p2 - w2.low),
  };
}

/** The four cells x1, n1−x1, x2, n2−x2, with 0.5 added to each when any is 0 (Haldane–Anscombe). */
function cells(a: Proportion, b: Proportion): { x1: number; y1: number; x2: number; y2: number; corrected: boolean } {
  const raw = [a.successes, a.n - a.successes, b.successes, b.n - b.successes];
  const corrected = raw.some((v) => v === 0);
  const [x1, y1, x2, y2] = corrected ? raw.map((v) => v + 0.5) : raw;
  return { x1, y1, x2, y2, corrected };
}

const CORRECTION_NOTE = 'a cell was 0: 0.5 added to every cell (Haldane–Anscombe)';

/**
 * Relative risk p1 / p2 with the log-scale (Katz) interval
 *   exp(ln RR ± z·√(1/x1 − 1/n1 + 1/x2 − 1/n2)).
 * When any of the four cells is 0 the ratio or its variance is infinite, so 0.5 is added to every
 * cell (n grows by 1) — the Haldane–Anscombe correction; `corrected` says so.
 */
export function relativeRisk(a: Proportion, b: Proportion, z = 1.96): RatioInterval {
  check(a, 'first group');
  check(b, 'second group');
  if (a.n === 0 || b.n === 0) return { estimate: NaN, low: NaN, high: NaN, corrected: false, note: 'a group is empty' };
  const { x1, y1, x2, y2, corrected } = cells(a, b);
  const n1 = x1 + y1;
  const n2 = x2 + y2;
  const log = Math.log(x1 / n1 / (x2 / n2));
  const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2);
  return withNote({ estimate: Math.exp(log), low: Math.exp(log - z * se), high: Math.exp(log + z * se), corrected });
}

/**
 * Odds ratio (x1·y2)/(y1·x2), where y = n − x, with the Woolf log-scale interval
 *   exp(ln OR ± z·√(1/x1 + 1/y1 + 1/x2 + 1/y2)),
 * and the same Haldane–Anscombe correction as relativeRisk when a cell is 0.
 */
export function oddsRatio(a: Proportion, b: Proportion, z = 1.96): RatioInterval {
  check(a, 'first group');
  check(b, 'second group');
  if (a.n === 0 || b.n === 0) return { estimate: NaN, low: NaN, high: NaN, corrected: false, note: 'a group is empty' };
  const { x1, y1, x2, y2, corrected } = cells(a, b);
  const log = Math.log((x1 * y2) / (y1 * x2));
  const se = Math.sqrt(1 / x1 + 1 / y1 + 1 / x2 + 1 / y2);
  return withNote({ estimate: Math.exp(log), low: Math.exp(log - z * se), high: Math.exp(log + z * se), corrected });
}

function withNote(r: RatioInterval): RatioInterval {
  return r.corrected ? { ...r, note: CORRECTION_NOTE } : r;
}

/**
 * Cohen's h = 2·asin(√p1) − 2·asin(√p2): a difference of proportions on a variance-stabilised
 * scale; |h| ≈ 0.2 small, 0.5 medium, 0.8 large (Cohen 1988).
 */
export function cohensH(p1: number, p2: number): number {
  for (const p of [p1, p2]) if (!(p >= 0 && p <= 1)) throw new StatsError(`Cohen's h needs proportions in [0, 1], got ${p}`);
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/**
 * Phi coefficient of a 2 × 2 table [[a, b], [c, d]]:
 *   φ = (ad − bc) / √((a+b)(c+d)(a+c)(b+d)),
 * the Pearson correlation of two binary variables (|φ| = √(χ²/N)); NaN when a margin is 0.
 */
export function phiCoefficient(table: readonly [readonly [number, number], readonly [number, number]]): number {
  const [[a, b], [c, d]] = table;
  for (const x of [a, b, c, d]) assertCount(x, 'phi table cell');
  const denom = Math.sqrt((a + b) * (c + d) * (a + c) * (b + d));
  return denom === 0 ? NaN : (a * d - b * c) / denom;
}
