/** The report as Markdown, for READMEs and issues. */
import type { ReportInput } from './report.ts';
import { headline, tables } from './tables.ts';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderMarkdown(input: ReportInput): string {
  const lines: string[] = [];
  const s = input.study;
  lines.push(`# ${s.name}: secfix report`, '');
  lines.push(`Run \`${input.run.id}\` (${input.run.status}, created ${input.run.created}, secfix ${input.run.secfixVersion}).`);
  const design = [
    s.mode && `mode ${s.mode}`, s.models.length && `models ${s.models.join(', ')}`, s.strategies.length && `strategies ${s.strategies.join(', ')}`,
    s.languages.length && `languages ${s.languages.join(', ')}`, s.analyzers.length && `analyzers ${s.analyzers.join(', ')}`, s.profile && `profile ${s.profile}`,
  ].filter(Boolean);
  if (design.length) lines.push(`Design: ${design.join('; ')}.`);
  for (const f of s.fineTuned) lines.push(`Fine-tuned: ${f}.`);
  lines.push('', `**${headline(input)}**`, '');
  for (const t of tables(input)) {
    lines.push(`## ${t.title}`, '', t.note, '');
    lines.push(`| ${t.columns.map(cell).join(' | ')} |`, `| ${t.columns.map(() => '---').join(' | ')} |`);
    for (const r of t.rows) lines.push(`| ${r.map(cell).join(' | ')} |`);
    if (!t.rows.length) lines.push(`| ${t.columns.map((_, i) => (i ? '' : 'no data')).join(' | ')} |`);
    lines.push('');
  }
  if (input.metrics.warnings.length) {
    lines.push('## Warnings', '');
    for (const w of input.metrics.warnings) lines.push(`- ${w}`);
    lines.push('');
  }
  lines.push('Rates: share [Wilson 95% interval] n. Severities are CodeQL-style security-severity scores (0–10).', '');
  return lines.join('\n');
}
