/**
 * Pearson's χ² test of independence on an r × c table of counts (e.g. strategies × {vulnerable,
 * clean} for independent samples; for the same samples under several strategies use cochran-q.ts):
 *
 *   E_ij = R_i·C_j / N,   χ² = Σ (O_ij − E_ij)² / E_ij,   df = (r − 1)(c − 1),
 *   Cramér's V = √(χ² / (N·(min(r, c) − 1))).
 *
 * The χ² approximation needs expected counts ≥ 5 (Cochran's rule); below that the result is
 * flagged, and for 2 × 2 tables Fisher's exact p-value is given as well.
 * Rows or columns whose total is 0 carry no information and would divide by zero: they are
 * dropped (and noted) before the test, which lowers df.
 */
import { chiSquareSurvival, logChoose } from './distributions.ts';
import { StatsError, assertCount } from './errors.ts';

/** The expected count below which the χ² approximation is doubtful. */
export const MIN_EXPECTED_COUNT = 5;

export interface ChiSquareResult {
  /** Total count N. */
  n: number;
  statistic: number;
  df: number;
  pValue: number;
  /** Expected counts under independence, same shape as the input (0 in dropped rows/columns). */
  expected: number[][];
  /** Smallest expected count among the cells tested (NaN when nothing is tested). */
  minExpected: number;
  /** True when some tested cell expects fewer than 5: use an exact test. */
  lowExpected: boolean;
  /** Cramér's V in [0, 1]; NaN when the reduced table has fewer than 2 rows or columns. */
  cramersV: number;
  /** Fisher's exact two-sided p-value, for tables that are 2 × 2 after dropping empty rows/columns. */
  fisherP?: number;
  /** Why the test is degenerate or what was dropped. */
  note?: string;
}

/** χ² test of independence with expected counts, a small-count flag, Cramér's V and (2 × 2) Fisher's p. */
export function chiSquareTest(table: ReadonlyArray<ReadonlyArray<number>>): ChiSquareResult {
  const r = table.length;
  const c = r > 0 ? table[0].length : 0;
  for (const [i, row] of table.entries()) {
    if (row.length !== c) throw new StatsError(`χ² table rows must have equal length: row ${i} has ${row.length}, row 0 has ${c}`);
    for (const x of row) assertCount(x, 'χ² table cell');
  }
  const rowTotals = table.map((row) => row.reduce((s, x) => s + x, 0));
  const colTotals = Array.from({ length: c }, (_, j) => table.reduce((s, row) => s + row[j], 0));
  const n = rowTotals.reduce((s, x) => s + x, 0);
  const expected = table.map((row, i) => row.map((_, j) => (n === 0 ? 0 : (rowTotals[i] * colTotals[j]) / n)));
  const rows = rowTotals.flatMap((t, i) => (t > 0 ? [i] : []));
  const cols = colTotals.flatMap((t, j) => (t > 0 ? [j] : []));
  const dropped = r - rows.length + (c - cols.length);
  const droppedNote = dropped > 0 ? `dropped ${r - rows.length} empty row(s) and ${c - cols.length} empty column(s)` : undefined;
  if (rows.length < 2 || cols.length < 2) {
    const why = n === 0 ? 'empty table' : 'fewer than 2 non-empty rows or columns: nothing to compare';
    return { n, statistic: 0, df: 0, pValue: 1, expected, minExpected: NaN, lowExpected: false, cramersV: NaN, note: why };
  }
  let statistic = 0;
  let minExpected = Infinity;
  for (const i of rows) {
    for (const j of cols) {
      const e = expected[i][j];
      const d = table[i][j] - e;
      statistic += (d * d) / e;
      minExpected = Math.min(minExpected, e);
    }
  }
  const df = (rows.length - 1) * (cols.length - 1);
  const result: ChiSquareResult = {
    n,
    statistic,
    df,
    pValue: chiSquareSurvival(statistic, df),
    expected,
    minExpected,
    lowExpected: minExpected < MIN_EXPECTED_COUNT,
    cramersV: Math.sqrt(statistic / (n * (Math.min(rows.length, cols.length) - 1))),
  };
  if (rows.length === 2 && cols.length === 2) {
    const [i0, i1] = rows;
    const [j0, j1] = cols;
    result.fisherP = fisherExact([
      [table[i0][j0], table[i0][j1]],
      [table[i1][j0], table[i1][j1]],
    ]);
  }
  if (droppedNote) result.note = droppedNote;
  return result;
}

/**
 * Fisher's exact test, two-sided, for [[a, b], [c, d]]: with all margins fixed, a is hypergeometric,
 *   P(a) = C(a+b, a)·C(c+d, c) / C(N, a+c),
 * and p = Σ P(x) over every table x no more probable than the observed one (the usual definition,
 * as in R's fisher.test; a relative tolerance of 1e-7 keeps ties from being lost to rounding).
 */
export function fisherExact(table: readonly [readonly [number, number], readonly [number, number]]): number {
  const [[a, b], [c, d]] = table;
  for (const x of [a, b, c, d]) assertCount(x, 'Fisher table cell');
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const n = row1 + row2;
  if (n === 0) return 1;
  const logP = (x: number) => logChoose(row1, x) + logChoose(row2, col1 - x) - logChoose(n, col1);
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  const observed = logP(a);
  const cut = observed + Math.log1p(1e-7);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const lp = logP(x);
    if (lp <= cut) p += Math.exp(lp);
  }
  return Math.min(1, p);
}
