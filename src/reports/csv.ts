/**
 * Tidy CSV for pandas and R: one row per sample (its cell, outcome, findings summary and how it
 * compares with the sample it is paired with), or one row per sample × finding.
 */
import { csvField } from '../store/export.ts';
import { cwesOf, severitySum } from '../metrics/data.ts';
import type { ReportInput } from './report.ts';

export const SAMPLE_CSV_COLUMNS = [
  'run_id', 'sample_id', 'model', 'strategy', 'mode', 'scenario', 'language', 'sample', 'round', 'parent_sample_id', 'outcome', 'truncated',
  'syntax_errors', 'analyzed', 'vulnerable', 'findings', 'severity_sum', 'max_severity', 'cwes', 'paired_with', 'class', 'resolved', 'persisted', 'introduced', 'introduced_cwes',
] as const;

export const FINDING_CSV_COLUMNS = ['run_id', 'sample_id', 'model', 'strategy', 'mode', 'scenario', 'language', 'sample', 'round', 'rule_id', 'cwe', 'severity', 'line', 'fingerprint', 'analyzers'] as const;

const line = (values: readonly unknown[]) => `${values.map(csvField).join(',')}\r\n`;

export function renderCsv(input: ReportInput, table: 'samples' | 'findings' = 'samples'): string {
  const runId = input.run.id;
  if (table === 'findings') {
    const rows = [line(FINDING_CSV_COLUMNS)];
    for (const s of input.data.samples) {
      for (const f of s.findings) {
        rows.push(line([runId, s.id, s.model, s.strategy, s.mode, s.scenario, s.language, s.sample, s.round, f.ruleId, f.cwe, f.severity, f.line, f.fingerprint, f.analyzers.join(' ')]));
      }
    }
    return rows.join('');
  }
  const change = new Map(input.metrics.changes.map((c) => [c.after.id, c]));
  const rows = [line(SAMPLE_CSV_COLUMNS)];
  for (const s of input.data.samples) {
    const c = change.get(s.id);
    const code = s.outcome === 'code';
    rows.push(line([
      runId, s.id, s.model, s.strategy, s.mode, s.scenario, s.language, s.sample, s.round, s.parent ?? '', s.outcome, s.truncated ? 1 : 0,
      s.syntaxErrors ?? '', s.analyzed ? 1 : 0, code && s.analyzed ? (s.findings.length ? 1 : 0) : '', code ? s.findings.length : '',
      code ? Math.round(severitySum(s) * 1e6) / 1e6 : '', code && s.findings.length ? Math.max(...s.findings.map((f) => f.severity)) : '',
      cwesOf(s).join(' '), c?.before.id ?? '', c?.class ?? '', c?.resolved.length ?? '', c?.persisted.length ?? '', c?.introduced.length ?? '', c?.introducedCwes.join(' ') ?? '',
    ]));
  }
  return rows.join('');
}
