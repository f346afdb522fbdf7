/** χ² and Fisher's exact test against tables worked by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chiSquareTest, fisherExact } from '../../../src/metrics/stats/chi-square.ts';
import { StatsError } from '../../../src/metrics/stats/errors.ts';

const close = (a: number | undefined, b: number, tol = 1e-12) => assert.ok(a !== undefined && Math.abs(a - b) < tol, `${a} ≠ ${b}`);

test('2 × 2 [[3, 1], [1, 3]]', () => {
  // Margins all 4, N = 8, every E = 4·4/8 = 2. χ² = 4·(1²/2) = 2 on 1 df; p = erfc(1) = 0.1572992070502851
  // Cramér's V = √(2/8) = 0.5.
  // Fisher: a ~ hypergeometric, P(a) = C(4,a)·C(4,4−a)/C(8,4) = [1, 16, 36, 16, 1]/70 for a = 0..4;
  // observed a = 3 (16/70); tables no more probable: a = 0, 1, 3, 4 → 34/70 = 0.4857142857
  const r = chiSquareTest([
    [3, 1],
    [1, 3],
  ]);
  assert.equal(r.n, 8);
  assert.equal(r.statistic, 2);
  assert.equal(r.df, 1);
  close(r.pValue, 0.1572992070502851);
  assert.deepEqual(r.expected, [
    [2, 2],
    [2, 2],
  ]);
  assert.equal(r.minExpected, 2);
  assert.equal(r.lowExpected, true);
  assert.equal(r.cramersV, 0.5);
  close(r.fisherP, 34 / 70);
  assert.equal(r.note, undefined);
});

test('2 × 2 [[20, 10], [10, 20]]: enough expected counts', () => {
  // E = 30·30/60 = 15 everywhere; χ² = 4·(5²/15) = 20/3; V = √((20/3)/60) = 1/3
  const r = chiSquareTest([
    [20, 10],
    [10, 20],
  ]);
  close(r.statistic, 20 / 3);
  assert.equal(r.lowExpected, false);
  assert.equal(r.minExpected, 15);
  close(r.cramersV, 1 / 3);
  // p = 2·(1 − Φ(√(20/3))) = 2·(1 − Φ(2.5820)) = 0.00982
  close(r.pValue, 0.0098232745, 1e-9);
  assert.ok(r.fisherP !== undefined && r.fisherP > r.pValue); // exact test is more conservative here
});

test('Fisher [[8, 2], [1, 5]] term by term', () => {
  // Rows 10, 6; first column 9; N = 16; a runs 3..9; P(a) = C(10,a)·C(6,9−a)/C(16,9), C(16,9) = 11440:
  // a = 3..9 → 120, 1260, 3780, 4200, 1800, 270, 10 (sum 11440). Observed a = 8 (270).
  // No more probable: a = 3, 8, 9 → (120 + 270 + 10)/11440 = 400/11440 = 0.034965034965…
  close(
    fisherExact([
      [8, 2],
      [1, 5],
    ]),
    400 / 11440,
  );
  assert.equal(
    fisherExact([
      [0, 0],
      [0, 0],
    ]),
    1,
  );
  close(
    fisherExact([
      [5, 0],
      [0, 5],
    ]),
    2 / 252,
  ); // only the two extreme tables, each 1/C(10,5)
});

test('2 × 3 table', () => {
  // Rows 26, 15; columns 15, 13, 13; N = 41; E = [[390, 338, 338], [225, 195, 195]]/41
  // χ² = 0.65068 + 1.27645 + 0.06935 + 1.12781 + 2.21249 + 0.12020 = 5.4570 on 2 df
  // p = e^(−5.45696/2) = 0.06532; V = √(5.45696/41) = 0.36482
  const r = chiSquareTest([
    [12, 5, 9],
    [3, 8, 4],
  ]);
  assert.deepEqual(
    r.expected.map((row) => row.map((e) => Math.round(e * 41))),
    [
      [390, 338, 338],
      [225, 195, 195],
    ],
  );
  assert.equal(r.df, 2);
  close(r.statistic, 5.4570, 1e-4);
  close(r.pValue, Math.exp(-r.statistic / 2));
  close(r.pValue, 0.06532, 1e-5);
  close(r.cramersV, 0.36482, 1e-5);
  close(r.minExpected, 195 / 41);
  assert.equal(r.lowExpected, true); // 4.76 < 5
  assert.equal(r.fisherP, undefined);
});

test('a zero row or column is dropped, with a note', () => {
  const r = chiSquareTest([
    [3, 1, 0],
    [0, 0, 0],
    [1, 3, 0],
  ]);
  assert.equal(r.statistic, 2);
  assert.equal(r.df, 1);
  close(r.fisherP, 34 / 70);
  assert.equal(r.note, 'dropped 1 empty row(s) and 1 empty column(s)');
  assert.deepEqual(r.expected[1], [0, 0, 0]);
});

test('degenerate tables give p = 1', () => {
  const empty = chiSquareTest([
    [0, 0],
    [0, 0],
  ]);
  assert.equal(empty.pValue, 1);
  assert.equal(empty.statistic, 0);
  assert.equal(empty.note, 'empty table');
  assert.ok(Number.isNaN(empty.cramersV));
  // All successes: one non-empty column, nothing to compare.
  const allOnes = chiSquareTest([
    [5, 0],
    [7, 0],
  ]);
  assert.equal(allOnes.pValue, 1);
  assert.equal(allOnes.df, 0);
  assert.equal(allOnes.note, 'fewer than 2 non-empty rows or columns: nothing to compare');
  assert.equal(chiSquareTest([]).note, 'empty table');
});

test('bad tables are typed errors', () => {
  assert.throws(() => chiSquareTest([[1, 2], [3]]), StatsError);
  assert.throws(() => chiSquareTest([[1, -2], [3, 4]]), StatsError);
  assert.throws(() => chiSquareTest([[1.5, 2], [3, 4]]), StatsError);
});
