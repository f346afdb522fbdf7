/**
 * The report's tables, once, as rows of text cells: Markdown, LaTeX and HTML render these same
 * tables, so a number reads the same in every format. Each rate is printed with its n and 95%
 * interval; p-values are exact (McNemar) or from Cochran's Q, with Holm's adjustment across arms.
 */
import { cwe as cweEntry } from '../cwe/catalogue.ts';
import { armOf, armSamples } from '../metrics/metrics.ts';
import type { ReportInput } from './report.ts';
import { num, pValue, rateCell, rateText, signed, usd } from './text.ts';

export interface Table {
  id: string;
  title: string;
  /** One sentence on what the table counts. */
  note: string;
  columns: string[];
  rows: string[][];
  /** Sample ids behind each row (the HTML report links them), when a row stands for samples. */
  samples?: number[][];
}

/** The headline sentence of a report. */
export function headline(input: ReportInput): string {
  const t = input.metrics.totals;
  return (
    `${rateText(t.vulnerable)} samples with code have at least one weakness; ` +
    `${t.refusals} refusal(s), ${t.noCode} answer(s) without code, ${t.callErrors} failed call(s); ` +
    `${t.pairs} pair(s) of a sample and its fix or baseline, ${input.metrics.changes.filter((c) => c.class !== 'not-comparable').length} with code on both sides.`
  );
}

export function tables(input: ReportInput): Table[] {
  const m = input.metrics;
  const out: Table[] = [];
  const { both, final } = armSamples(input.data.samples, m.baseline);
  const byArm = new Map<string, number[]>();
  for (const s of final) {
    const k = `${s.model}\u0000${armOf(s, both)}`;
    (byArm.get(k) ?? byArm.set(k, []).get(k)!).push(s.id);
  }

  out.push({
    id: 'prevalence', title: 'Samples with at least one weakness',
    note: 'Per model and arm; rates count samples with code that an analyzer scanned (refusals, answers without code and unscanned samples are listed apart, never counted as secure).',
    columns: ['model', 'arm', 'samples', 'with code', 'not scanned', '≥1 weakness', 'weaknesses', 'severity sum', 'mean severity [95% CI]', 'refusals', 'no code', 'parses'],
    rows: m.arms.map((a) => [
      a.model, a.arm, String(a.samples), String(a.withCode), String(a.notAnalyzed), rateCell(a.vulnerable), String(a.weaknesses), num(a.severitySum, 1),
      a.severityMean.estimate === null ? '–' : `${num(a.severityMean.estimate)} [${num(a.severityMean.low)}–${num(a.severityMean.high)}]`,
      rateCell(a.refusals), rateCell(a.noCode), rateCell(a.syntaxValid),
    ]),
    samples: m.arms.map((a) => byArm.get(`${a.model}\u0000${a.arm}`) ?? []),
  });

  if (m.improvement.length) {
    out.push({
      id: 'improvement', title: `Change against ${m.baseline}`,
      note: 'The study\'s % improvement: fewer vulnerable samples (by rate) and lower mean severity per sample than the same model\'s baseline; the risk difference (arm − baseline) has a Newcombe 95% interval, the severity difference a percentile-bootstrap one.',
      columns: ['model', 'arm', 'fewer vulnerable samples', 'risk difference [95% CI]', "Cohen's h", 'lower mean severity', 'mean severity difference [95% CI]'],
      rows: m.improvement.map((i) => [
        i.model, i.arm, signed(i.byVulnerable),
        i.riskDifference ? `${num(i.riskDifference.estimate, 3)} [${num(i.riskDifference.low, 3)}, ${num(i.riskDifference.high, 3)}]` : '–',
        num(i.cohensH, 3), signed(i.bySeverity),
        i.severityDifference ? `${num(i.severityDifference.estimate, 3)} [${num(i.severityDifference.low, 3)}, ${num(i.severityDifference.high, 3)}]` : '–',
      ]),
    });
  }

  if (m.repairs.length) {
    out.push({
      id: 'repairs', title: 'What the fixes resolved, kept and introduced',
      note: 'Each arm\'s sample against the sample it started from (refine) or the baseline sample of the same cell (generate); findings matched by fingerprint. McNemar: exact, on vulnerable before/after; p (Holm) adjusted over the arms.',
      columns: ['model', 'arm', 'pairs', 'fixed', 'no change', 'moved', 'refactored', 'introduced', 'clean', 'not comparable', 'fix rate', 'introduction rate', 'resolved', 'persisted', 'new', 'net', 'McNemar b/c', 'p', 'p (Holm)'],
      rows: m.repairs.map((r) => [
        r.model, r.arm, String(r.pairs), String(r.classes.fixed), String(r.classes['no-change']), String(r.classes.moved), String(r.classes.refactored),
        String(r.classes.introduced), String(r.classes.clean), String(r.classes['not-comparable']), rateCell(r.fixRate), rateCell(r.introductionRate),
        String(r.resolved), String(r.persisted), String(r.introduced), `${r.netChange > 0 ? '+' : ''}${r.netChange}`,
        r.mcnemar ? `${r.mcnemar.b}/${r.mcnemar.c}` : '–', pValue(r.mcnemar?.pValue), pValue(r.mcnemar?.pHolm),
      ]),
      samples: m.repairs.map((r) => m.changes.filter((c) => c.after.model === r.model && armOf(c.after, both) === r.arm).map((c) => c.after.id)),
    });
  }

  if (m.acrossArms.length) {
    out.push({
      id: 'across', title: 'Do the arms differ? (Cochran\'s Q)',
      note: 'Vulnerable or not, paired by scenario and sample number across the generated arms of each model.',
      columns: ['model', 'arms', 'paired cells', 'Q', 'df', 'p'],
      rows: m.acrossArms.map((a) => [a.model, a.arms.join(', '), String(a.subjects), num(a.q, 3), String(a.df), a.note ? `${pValue(a.pValue)} (${a.note})` : pValue(a.pValue)]),
    });
  }

  out.push({
    id: 'cwes', title: 'Weaknesses by CWE',
    note: 'Samples with code that have the CWE (a finding counts under its first CWE id), and the severity of those findings.',
    columns: ['CWE', 'name', 'samples', 'severity sum'],
    rows: m.cwes.map((c) => [c.cwe, cweEntry(c.cwe).name, rateCell(c.samples), num(c.severity, 1)]),
    samples: m.cwes.map((c) => input.data.samples.filter((s) => s.outcome === 'code' && s.findings.some((f) => f.cwe === c.cwe)).map((s) => s.id)),
  });

  if (m.cweByArm.length) {
    out.push({
      id: 'cwe-arms', title: 'CWEs by arm',
      note: 'Samples with code of each arm that have the CWE.',
      columns: ['CWE', 'arm', 'samples'],
      rows: m.cweByArm.map((c) => [c.cwe, c.arm, rateCell(c.samples)]),
    });
  }

  if (m.transitions.length) {
    out.push({
      id: 'transitions', title: 'CWE transitions',
      note: 'For each compared pair that gained a CWE: the CWEs the earlier sample had (none: it was clean) and the CWE that appeared.',
      columns: ['before', 'introduced', 'pairs'],
      rows: m.transitions.map((t) => [t.from, t.to, String(t.count)]),
    });
  }

  if (m.cweFix.length) {
    out.push({
      id: 'cwe-fix', title: 'Fix rate per CWE',
      note: 'Of the pairs whose earlier sample had the CWE (and whose later one holds code), those whose later sample no longer has it.',
      columns: ['arm', 'CWE', 'fixed'],
      rows: m.cweFix.map((c) => [c.arm, c.cwe, rateCell(c.fixed)]),
    });
  }

  if (m.cooccurrence.length) {
    out.push({
      id: 'cooccurrence', title: 'CWEs that occur together',
      note: 'Pairs of CWEs found in the same sample (samples with code): counts, Jaccard index, lift and the phi coefficient.',
      columns: ['CWE', 'CWE', 'together', 'only first', 'only second', 'Jaccard', 'lift', 'phi'],
      rows: m.cooccurrence.map((c) => [c.a, c.b, String(c.both), String(c.onlyA), String(c.onlyB), num(c.jaccard, 3), num(c.lift, 2), num(c.phi, 3)]),
    });
  }

  if (new Set(m.byLanguage.map((l) => l.language)).size > 1) {
    out.push({
      id: 'languages', title: 'By language', note: 'Samples with code that have at least one weakness.',
      columns: ['language', 'arm', '≥1 weakness'],
      rows: m.byLanguage.map((l) => [l.language, l.arm, rateCell(l.vulnerable)]),
    });
  }

  out.push({
    id: 'scenarios', title: 'By scenario', note: 'Samples with code that have at least one weakness.',
    columns: ['scenario', 'arm', '≥1 weakness'],
    rows: m.byScenario.map((l) => [l.scenario, l.arm, rateCell(l.vulnerable)]),
  });

  if (m.costs.length) {
    out.push({
      id: 'costs', title: 'Tokens, cost and latency',
      note: 'Model calls per model and strategy (a call two arms share is counted for the first); cached answers cost nothing.',
      columns: ['model', 'strategy', 'calls', 'failed', 'cached', 'input tokens', 'output tokens', 'cost', 'mean latency (ms)'],
      rows: m.costs.map((c) => [c.model, c.strategy, String(c.calls), String(c.errors), String(c.cached), String(c.inputTokens), String(c.outputTokens), usd(c.costUsd), num(c.latencyMsMean, 0)]),
    });
  }
  return out;
}
