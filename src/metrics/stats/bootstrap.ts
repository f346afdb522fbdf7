/**
 * Percentile bootstrap confidence intervals, seeded so that a report computed twice prints the
 * same interval. Use them where no closed form fits: sums and means of counts or severities, and
 * differences between groups. (For a single rate, prefer Wilson in ../wilson.ts.)
 * The percentile interval is somewhat too narrow for very small samples (below ~20 observations);
 * pair it with the warnings of small-n.ts.
 */
import { StatsError } from './errors.ts';

/** The seed used when none is given: fixed so reports are reproducible. */
export const DEFAULT_SEED = 20_260_521;
/** Resamples drawn when none is asked for. */
export const DEFAULT_RESAMPLES = 2000;

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state advanced by the constant 0x6D2B79F5,
 * then mixed by two xor-shift-multiply rounds. Period 2^32, passes gjrand/PractRand to a few GB —
 * ample for a few thousand resamples, and tiny. Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BootstrapOptions {
  /** Number of resamples (default 2,000). */
  resamples?: number;
  /** PRNG seed (default DEFAULT_SEED). */
  seed?: number;
  /** Confidence level (default 0.95). */
  level?: number;
}

export interface BootstrapInterval {
  /** The statistic on the observed data (a difference for the two-sample forms). */
  estimate: number;
  low: number;
  high: number;
  resamples: number;
  seed: number;
  /** Why the interval is missing or degenerate, when it is. */
  note?: string;
}

export type Statistic = (xs: readonly number[]) => number;

/** Arithmetic mean; NaN for an empty sample. */
export const mean: Statistic = (xs) => (xs.length === 0 ? NaN : sum(xs) / xs.length);
/** Sum; 0 for an empty sample. */
export const sum: Statistic = (xs) => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

/**
 * The q-quantile of sorted values by linear interpolation between order statistics
 * (h = (m−1)q; R's and NumPy's default "type 7").
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

interface Resolved {
  resamples: number;
  seed: number;
  level: number;
}

function resolve(options: BootstrapOptions): Resolved {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new StatsError(`bootstrap resamples must be a positive integer, got ${resamples}`);
  if (!Number.isInteger(seed)) throw new StatsError(`bootstrap seed must be an integer, got ${seed}`);
  if (!(level > 0 && level < 1)) throw new StatsError(`bootstrap level must be in (0, 1), got ${level}`);
  return { resamples, seed, level };
}

/** Draws a resample of `xs` with replacement (length kept). */
function resample(xs: readonly number[], rand: () => number): number[] {
  const out = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[Math.floor(rand() * xs.length)];
  return out;
}

/** Percentile interval: the (α/2, 1−α/2) quantiles of the statistic over the resamples. */
function percentile(estimate: number, stats: number[], opts: Resolved): BootstrapInterval {
  stats.sort((a, b) => a - b);
  const alpha = 1 - opts.level;
  return {
    estimate,
    low: quantileSorted(stats, alpha / 2),
    high: quantileSorted(stats, 1 - alpha / 2),
    resamples: opts.resamples,
    seed: opts.seed,
  };
}

function empty(estimate: number, opts: Resolved, note: string): BootstrapInterval {
  return { estimate, low: NaN, high: NaN, resamples: 0, seed: opts.seed, note };
}

/**
 * Percentile bootstrap CI for `statistic` (default the mean) of one sample: resample the values
 * with replacement B times, take the α/2 and 1−α/2 quantiles. An empty sample gives NaN bounds and a note.
 */
export function bootstrapCi(sample: readonly number[], statistic: Statistic = mean, options: BootstrapOptions = {}): BootstrapInterval {
  const opts = resolve(options);
  if (sample.length === 0) return empty(statistic(sample), opts, 'empty sample');
  const rand = mulberry32(opts.seed);
  const stats = new Array<number>(opts.resamples);
  for (let r = 0; r < opts.resamples; r++) stats[r] = statistic(resample(sample, rand));
  return percentile(statistic(sample), stats, opts);
}

/**
 * CI for statistic(a) − statistic(b) with a and b independent samples (e.g. a strategy against the
 * baseline, unmatched): each is resampled on its own, sizes kept.
 */
export function bootstrapDifference(
  a: readonly number[],
  b: readonly number[],
  statistic: Statistic = mean,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const opts = resolve(options);
  const estimate = statistic(a) - statistic(b);
  if (a.length === 0 || b.length === 0) return empty(estimate, opts, 'a sample is empty');
  const rand = mulberry32(opts.seed);
  const stats = new Array<number>(opts.resamples);
  for (let r = 0; r < opts.resamples; r++) stats[r] = statistic(resample(a, rand)) - statistic(resample(b, rand));
  return percentile(estimate, stats, opts);
}

/**
 * CI for statistic(after) − statistic(before) over paired observations (the same sample before and
 * after a repair): pairs are resampled together, which keeps their correlation.
 */
export function bootstrapPairedDifference(
  before: readonly number[],
  after: readonly number[],
  statistic: Statistic = mean,
  options: BootstrapOptions = {},
): BootstrapInterval {
  if (before.length !== after.length) {
    throw new StatsError(`paired bootstrap needs samples of equal length, got ${before.length} and ${after.length}`);
  }
  const opts = resolve(options);
  const estimate = statistic(after) - statistic(before);
  const n = before.length;
  if (n === 0) return empty(estimate, opts, 'no pairs');
  const rand = mulberry32(opts.seed);
  const stats = new Array<number>(opts.resamples);
  const x = new Array<number>(n);
  const y = new Array<number>(n);
  for (let r = 0; r < opts.resamples; r++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rand() * n);
      x[i] = before[j];
      y[i] = after[j];
    }
    stats[r] = statistic(y) - statistic(x);
  }
  return percentile(estimate, stats, opts);
}
