/**
 * Cochran's Q: do k ≥ 2 related binary outcomes share one success rate? Rows are subjects (e.g.
 * scenario × sample number), columns are strategies, a cell is 1 when that strategy's output for the
 * subject has the property (say, ≥ 1 weakness). With column totals C_j, row totals R_i, N = ΣC_j:
 *
 *   Q = (k − 1)(k·ΣC_j² − N²) / (k·N − ΣR_i²),   Q ~ χ²(k − 1) under H0 (large-sample).
 *
 * Rows that are all 0 or all 1 add nothing to Q (they cancel in both numerator and denominator), so
 * they are dropped and counted. With k = 2 Q equals McNemar's uncorrected χ²; prefer mcnemar.ts there.
 */
import { chiSquareSurvival } from './distributions.ts';
import { StatsError } from './errors.ts';
import type { Binary } from './mcnemar.ts';

export interface CochranQResult {
  /** Outcomes (columns) compared. */
  k: number;
  /** Subjects (rows) given. */
  subjects: number;
  /** Rows that are not all equal; only these inform the test. */
  informative: number;
  /** Successes per column, over all rows. */
  columnTotals: number[];
  q: number;
  df: number;
  pValue: number;
  /** Why the test is degenerate (p = 1), when it is. */
  note?: string;
}

/** Cochran's Q test with its χ² p-value on k − 1 degrees of freedom. */
export function cochranQ(rows: ReadonlyArray<ReadonlyArray<Binary>>): CochranQResult {
  const k = rows.length > 0 ? rows[0].length : 0;
  for (const [i, row] of rows.entries()) {
    if (row.length !== k) throw new StatsError(`Cochran's Q needs rows of equal length: row ${i} has ${row.length}, row 0 has ${k}`);
  }
  const columnTotals = new Array<number>(k).fill(0);
  // Totals over informative rows only, so that N, ΣC_j² and ΣR_i² describe the same rows.
  const informativeTotals = new Array<number>(k).fill(0);
  let informative = 0;
  let grand = 0;
  let rowSquares = 0;
  for (const row of rows) {
    let r = 0;
    row.forEach((cell, j) => {
      if (cell) {
        r++;
        columnTotals[j]++;
      }
    });
    if (r === 0 || r === k) continue;
    informative++;
    grand += r;
    rowSquares += r * r;
    row.forEach((cell, j) => {
      if (cell) informativeTotals[j]++;
    });
  }
  const base = { k, subjects: rows.length, informative, columnTotals };
  const degenerate = (note: string): CochranQResult => ({ ...base, q: 0, df: Math.max(0, k - 1), pValue: 1, note });
  if (rows.length === 0) return degenerate('no subjects');
  if (k < 2) return degenerate('need at least 2 outcomes to compare');
  if (informative === 0) return degenerate('no informative subjects: every row is all 0 or all 1');
  let colSquares = 0;
  for (const t of informativeTotals) colSquares += t * t;
  const q = ((k - 1) * (k * colSquares - grand * grand)) / (k * grand - rowSquares);
  const df = k - 1;
  return { ...base, q, df, pValue: chiSquareSurvival(q, df) };
}
