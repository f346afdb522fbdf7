/** Bootstrap intervals: determinism, degenerate samples, and the two-sample forms. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  bootstrapCi,
  bootstrapDifference,
  bootstrapPairedDifference,
  mean,
  mulberry32,
  quantileSorted,
  sum,
} from '../../../src/metrics/stats/bootstrap.ts';
import { StatsError } from '../../../src/metrics/stats/errors.ts';

const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

test('mulberry32 is deterministic, seed-dependent and in [0, 1)', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const c = mulberry32(43);
  const xs = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(
    xs,
    Array.from({ length: 1000 }, () => b()),
  );
  assert.notEqual(xs[0], c());
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  // Not degenerate: the mean of 1,000 uniforms is within 0.05 of ½ (sd of the mean ≈ 0.009).
  assert.ok(Math.abs(mean(xs) - 0.5) < 0.05);
});

test('quantiles interpolate between order statistics (type 7)', () => {
  // h = (5 − 1)·0.25 = 1 → the 2nd value; h = 4·0.1 = 0.4 → 10 + 0.4·(20 − 10) = 14
  assert.equal(quantileSorted([10, 20, 30, 40, 50], 0.25), 20);
  assert.equal(quantileSorted([10, 20, 30, 40, 50], 0.1), 14);
  assert.ok(Number.isNaN(quantileSorted([], 0.5)));
});

test('same seed gives the same interval; the interval contains the estimate', () => {
  const first = bootstrapCi(oneToTen);
  const again = bootstrapCi(oneToTen, mean, { seed: DEFAULT_SEED });
  assert.deepEqual(first, again);
  assert.equal(first.estimate, 5.5);
  assert.equal(first.resamples, DEFAULT_RESAMPLES);
  assert.equal(first.seed, DEFAULT_SEED);
  assert.ok(first.low < 5.5 && 5.5 < first.high);
  assert.ok(first.low >= 1 && first.high <= 10);
  const other = bootstrapCi(oneToTen, mean, { seed: 7 });
  assert.equal(other.seed, 7);
  assert.notDeepEqual([other.low, other.high], [first.low, first.high]);
  // A wider level gives a wider interval, from the same resamples.
  const wide = bootstrapCi(oneToTen, mean, { level: 0.99 });
  assert.ok(wide.low <= first.low && wide.high >= first.high);
});

test('sums: estimate is the sum, interval brackets it', () => {
  const severities = [9.8, 7.5, 0, 0, 6.1, 8.8];
  const r = bootstrapCi(severities, sum, { resamples: 500 });
  assert.equal(r.estimate, 32.2); // 9.8 + 7.5 + 6.1 + 8.8
  assert.equal(r.resamples, 500);
  assert.ok(r.low <= 32.2 && 32.2 <= r.high);
});

test('constant and empty samples', () => {
  assert.deepEqual(bootstrapCi([4, 4, 4]), { estimate: 4, low: 4, high: 4, resamples: 2000, seed: DEFAULT_SEED });
  const empty = bootstrapCi([]);
  assert.ok(Number.isNaN(empty.estimate) && Number.isNaN(empty.low) && Number.isNaN(empty.high));
  assert.equal(empty.resamples, 0);
  assert.equal(empty.note, 'empty sample');
  // The sum of nothing is 0, still with no interval.
  assert.equal(bootstrapCi([], sum).estimate, 0);
});

test('independent difference: a − b', () => {
  const r = bootstrapDifference([3, 3, 3], [1, 1, 1, 1]);
  assert.deepEqual([r.estimate, r.low, r.high], [2, 2, 2]);
  const spread = bootstrapDifference([1, 1, 1, 0, 1, 1], [0, 0, 1, 0, 0, 0]);
  // 5/6 − 1/6 = 2/3
  assert.ok(Math.abs(spread.estimate - 2 / 3) < 1e-15);
  assert.ok(spread.low <= spread.estimate && spread.estimate <= spread.high);
  assert.deepEqual(spread, bootstrapDifference([1, 1, 1, 0, 1, 1], [0, 0, 1, 0, 0, 0]));
  assert.equal(bootstrapDifference([], [1]).note, 'a sample is empty');
});

test('paired difference: after − before, pairs kept together', () => {
  // Every pair changes by exactly −1, so every resample's mean change is −1.
  const before = [3, 1, 4, 1, 5, 9, 2, 6]; // n = 8 keeps the means exact in binary
  const after = before.map((x) => x - 1);
  const r = bootstrapPairedDifference(before, after);
  assert.deepEqual([r.estimate, r.low, r.high], [-1, -1, -1]);
  // Resampled independently, the same data would give a wide interval: pairing matters.
  const unpaired = bootstrapDifference(after, before);
  assert.ok(unpaired.high - unpaired.low > 1);
  assert.throws(() => bootstrapPairedDifference([1, 2], [1]), StatsError);
  assert.equal(bootstrapPairedDifference([], []).note, 'no pairs');
});

test('bad options are typed errors', () => {
  assert.throws(() => bootstrapCi(oneToTen, mean, { resamples: 0 }), StatsError);
  assert.throws(() => bootstrapCi(oneToTen, mean, { seed: 1.5 }), StatsError);
  assert.throws(() => bootstrapCi(oneToTen, mean, { level: 1 }), StatsError);
});
