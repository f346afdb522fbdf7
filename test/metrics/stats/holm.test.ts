/** Holm and Benjamini–Hochberg adjustments worked by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustPValues, benjaminiHochberg, holm } from '../../../src/metrics/stats/holm.ts';
import { StatsError } from '../../../src/metrics/stats/errors.ts';

const round = (xs: number[]) => xs.map((x) => Math.round(x * 1e12) / 1e12);

test('Holm on [0.01, 0.04, 0.03, 0.005]', () => {
  // Sorted: 0.005, 0.01, 0.03, 0.04 times m − j + 1 = 4, 3, 2, 1 → 0.02, 0.03, 0.06, 0.04
  // Running max → 0.02, 0.03, 0.06, 0.06; back in input order → [0.03, 0.06, 0.06, 0.02]
  assert.deepEqual(round(holm([0.01, 0.04, 0.03, 0.005])), [0.03, 0.06, 0.06, 0.02]);
  assert.deepEqual(round(adjustPValues([0.01, 0.04, 0.03, 0.005])), [0.03, 0.06, 0.06, 0.02]);
});

test('Benjamini–Hochberg on the same p-values', () => {
  // Sorted p·m/j: 0.005·4/1, 0.01·4/2, 0.03·4/3, 0.04·4/4 = 0.02, 0.02, 0.04, 0.04
  // Running min from the top → unchanged; input order → [0.02, 0.04, 0.04, 0.02]
  assert.deepEqual(round(benjaminiHochberg([0.01, 0.04, 0.03, 0.005])), [0.02, 0.04, 0.04, 0.02]);
  assert.deepEqual(round(adjustPValues([0.01, 0.04, 0.03, 0.005], 'bh')), [0.02, 0.04, 0.04, 0.02]);
  // Monotonicity: 0.01·3/1 = 0.03 but the larger p 0.012·3/2 = 0.018 pulls it down; 0.9·3/3 = 0.9
  assert.deepEqual(round(benjaminiHochberg([0.01, 0.012, 0.9])), [0.018, 0.018, 0.9]);
});

test('capped at 1, ties, empty and single inputs', () => {
  // 0.5·2 = 1, then max(1, 0.6·1) = 1
  assert.deepEqual(holm([0.6, 0.5]), [1, 1]);
  assert.deepEqual(holm([0.02, 0.02]), [0.04, 0.04]);
  assert.deepEqual(holm([]), []);
  assert.deepEqual(benjaminiHochberg([]), []);
  assert.deepEqual(holm([0.3]), [0.3]);
  assert.deepEqual(benjaminiHochberg([1, 1]), [1, 1]);
});

test('p-values outside [0, 1] are typed errors', () => {
  assert.throws(() => holm([0.1, 1.2]), StatsError);
  assert.throws(() => benjaminiHochberg([NaN]), StatsError);
});
