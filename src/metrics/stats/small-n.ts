/**
 * The one place that decides when a number rests on too little data to say anything, so every
 * report format prints the same warning. Thresholds (all exported):
 * - a rate with n < 10 (MIN_RATE_N): one sample moves it by more than 10 points;
 * - a rate whose 95% Wilson interval is wider than 0.5 (MAX_RATE_CI_WIDTH): the data are
 *   compatible with both "mostly" and "rarely" (near p = ½ that is n ≤ 11);
 * - McNemar with b + c < 10 discordant pairs (MIN_DISCORDANT), and Cochran's Q with fewer than
 *   10 informative subjects: the exact test stays valid but can hardly ever reject
 *   (with b + c ≤ 5 even b = 0 gives p ≥ 0.0625);
 * - χ² with an expected count < 5 (MIN_EXPECTED_COUNT, Cochran's rule): use an exact test.
 */
import { wilson } from '../wilson.ts';
import { MIN_EXPECTED_COUNT } from './chi-square.ts';

export const MIN_RATE_N = 10;
export const MAX_RATE_CI_WIDTH = 0.5;
export const MIN_DISCORDANT = 10;
export { MIN_EXPECTED_COUNT };

export type SampleSizeInput =
  /** A rate of k successes in n. */
  | { kind: 'rate'; n: number; k: number }
  /** McNemar: n is the number of discordant pairs, b + c. */
  | { kind: 'mcnemar'; n: number }
  /** Cochran's Q: n is the number of informative subjects (rows not all equal). */
  | { kind: 'cochran-q'; n: number }
  /** χ² test: n is the table total, minExpected its smallest expected count. */
  | { kind: 'chi-square'; n: number; minExpected: number };

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A short warning when n is too small for the statistic to say anything, else undefined. */
export function sampleSizeWarning(input: SampleSizeInput): string | undefined {
  switch (input.kind) {
    case 'rate': {
      if (input.n === 0) return 'no data';
      if (input.n < MIN_RATE_N) return `only n = ${input.n}: too few to estimate a rate (need ≥ ${MIN_RATE_N})`;
      const { low, high } = wilson(input.k, input.n);
      if (high - low > MAX_RATE_CI_WIDTH) {
        return `95% CI ${Math.round(low * 100)}–${pct(high)} is wider than ${MAX_RATE_CI_WIDTH * 100} points: too few samples to say much`;
      }
      return undefined;
    }
    case 'mcnemar':
      if (input.n === 0) return 'no discordant pairs: no sample changed, so no difference can be shown';
      if (input.n < MIN_DISCORDANT) {
        return `only ${input.n} discordant pair(s): the exact test is valid but has little power (want ≥ ${MIN_DISCORDANT})`;
      }
      return undefined;
    case 'cochran-q':
      if (input.n === 0) return 'no informative subjects: every subject had the same outcome under all strategies';
      if (input.n < MIN_DISCORDANT) {
        return `only ${input.n} informative subject(s): the test has little power (want ≥ ${MIN_DISCORDANT})`;
      }
      return undefined;
    case 'chi-square':
      if (input.n === 0) return 'no data';
      if (input.minExpected < MIN_EXPECTED_COUNT) {
        return `an expected count is ${input.minExpected.toFixed(1)} (< ${MIN_EXPECTED_COUNT}): the χ² approximation is doubtful; use an exact test (Fisher for 2 × 2)`;
      }
      return undefined;
  }
}
