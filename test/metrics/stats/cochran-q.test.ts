/** Cochran's Q against a table worked by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cochranQ } from '../../../src/metrics/stats/cochran-q.ts';
import { mcnemar } from '../../../src/metrics/stats/mcnemar.ts';
import { StatsError } from '../../../src/metrics/stats/errors.ts';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

test('three strategies, six subjects', () => {
  const rows = [
    [1, 1, 0], // R = 2
    [1, 0, 0], // R = 1
    [1, 1, 1], // all 1: drops out
    [0, 0, 0], // all 0: drops out
    [1, 0, 1], // R = 2
    [1, 0, 0], // R = 1
  ] as const;
  // Informative rows: C = [4, 1, 1], N = 6, ΣR² = 4 + 1 + 4 + 1 = 10, k = 3
  // Q = (k − 1)(k·ΣC² − N²)/(k·N − ΣR²) = 2·(3·18 − 36)/(18 − 10) = 36/8 = 4.5
  // p = P(χ²₂ ≥ 4.5) = e^−2.25 = 0.10539922456…
  const r = cochranQ(rows.map((row) => [...row]) as Array<Array<0 | 1>>);
  assert.equal(r.k, 3);
  assert.equal(r.subjects, 6);
  assert.equal(r.informative, 4);
  assert.deepEqual(r.columnTotals, [5, 2, 2]); // over all rows
  assert.equal(r.q, 4.5);
  assert.equal(r.df, 2);
  close(r.pValue, Math.exp(-2.25));
  assert.equal(r.note, undefined);
});

test('with k = 2, Q is McNemar’s uncorrected χ²', () => {
  // b = 1 (1 → 0), c = 7 (0 → 1): Q = (b − c)²/(b + c) = 36/8 = 4.5 on 1 df
  const rows: Array<[boolean, boolean]> = [[true, false], ...Array.from({ length: 7 }, (): [boolean, boolean] => [false, true]), [true, true]];
  const r = cochranQ(rows);
  assert.equal(r.q, 4.5);
  assert.equal(r.df, 1);
  assert.equal(r.q, mcnemar(rows).statistic);
  // P(χ²₁ ≥ 4.5) = erfc(√2.25) = erfc(1.5) = 0.0338949…
  assert.ok(Math.abs(r.pValue - 0.033894853524689) < 1e-12);
});

test('degenerate inputs give p = 1 with a note', () => {
  assert.deepEqual(cochranQ([]), { k: 0, subjects: 0, informative: 0, columnTotals: [], q: 0, df: 0, pValue: 1, note: 'no subjects' });
  const allEqual = cochranQ([
    [1, 1, 1],
    [0, 0, 0],
  ]);
  assert.equal(allEqual.pValue, 1);
  assert.equal(allEqual.informative, 0);
  assert.equal(allEqual.df, 2);
  assert.equal(allEqual.note, 'no informative subjects: every row is all 0 or all 1');
  const one = cochranQ([[1], [0]]);
  assert.equal(one.pValue, 1);
  assert.equal(one.note, 'need at least 2 outcomes to compare');
});

test('ragged rows are a typed error', () => {
  assert.throws(() => cochranQ([[1, 0], [1]]), StatsError);
});
