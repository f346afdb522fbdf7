/**
 * Two runs side by side (`secfix compare RUN_A RUN_B`): for every model × arm the two runs share,
 * the share of vulnerable samples in each, their difference with a Newcombe 95% interval, and
 * Fisher's exact test (the runs' samples are independent), Holm-adjusted over the rows.
 */
import type { Metrics, Rate } from '../metrics/metrics.ts';
import { riskDifference } from '../metrics/stats/effect-size.ts';
import { fisherExact } from '../metrics/stats/chi-square.ts';
import { holm } from '../metrics/stats/holm.ts';
import { num, pValue, rateCell } from './text.ts';

export interface CompareRow {
  model: string;
  arm: string;
  a: Rate;
  b: Rate;
  /** Rate of B minus rate of A, with its Newcombe interval. */
  difference: { estimate: number; low: number; high: number } | null;
  pValue: number | null;
  pHolm: number | null;
  meanSeverityA: number | null;
  meanSeverityB: number | null;
}

export function compareMetrics(a: Metrics, b: Metrics): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const ra of a.arms) {
    const rb = b.arms.find((x) => x.model === ra.model && x.arm === ra.arm);
    if (!rb) continue;
    const ok = ra.vulnerable.n > 0 && rb.vulnerable.n > 0;
    const d = ok ? riskDifference({ successes: rb.vulnerable.k, n: rb.vulnerable.n }, { successes: ra.vulnerable.k, n: ra.vulnerable.n }) : null;
    rows.push({
      model: ra.model, arm: ra.arm, a: ra.vulnerable, b: rb.vulnerable,
      difference: d ? { estimate: round(d.estimate), low: round(d.low), high: round(d.high) } : null,
      pValue: ok ? fisherExact([[ra.vulnerable.k, ra.vulnerable.n - ra.vulnerable.k], [rb.vulnerable.k, rb.vulnerable.n - rb.vulnerable.k]]) : null,
      pHolm: null, meanSeverityA: ra.severityMean.estimate, meanSeverityB: rb.severityMean.estimate,
    });
  }
  const tested = rows.filter((r) => r.pValue !== null);
  holm(tested.map((r) => r.pValue!)).forEach((p, i) => (tested[i]!.pHolm = p));
  return rows;
}

export function renderCompareMarkdown(runA: string, runB: string, rows: CompareRow[]): string {
  const out = [
    `# ${runA} → ${runB}`, '',
    'Samples with code that have at least one weakness, per model and arm the two runs share; difference = B − A with a Newcombe 95% interval; Fisher\'s exact p, Holm-adjusted over the rows.', '',
    '| model | arm | A | B | B − A [95% CI] | p | p (Holm) | mean severity A | mean severity B |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    out.push(`| ${[r.model, r.arm, rateCell(r.a), rateCell(r.b),
      r.difference ? `${num(r.difference.estimate, 3)} [${num(r.difference.low, 3)}, ${num(r.difference.high, 3)}]` : '–',
      pValue(r.pValue), pValue(r.pHolm), num(r.meanSeverityA), num(r.meanSeverityB)].map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
  }
  if (!rows.length) out.push('| no model × arm in common | | | | | | | | |');
  return `${out.join('\n')}\n`;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
