/** The report's tables as LaTeX (booktabs), for papers. */
import type { ReportInput } from './report.ts';
import { headline, tables } from './tables.ts';

/** Escapes the characters LaTeX treats specially. */
export function latexEscape(text: string): string {
  return text
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([#$%&_{}])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}')
    .replace(/≥/g, '$\\geq$')
    .replace(/−/g, '$-$')
    .replace(/–/g, '--');
}

export function renderLatex(input: ReportInput): string {
  const out: string[] = [
    `% secfix report of run ${input.run.id}; needs \\usepackage{booktabs}`,
    `% ${latexEscape(headline(input))}`,
    '',
  ];
  for (const t of tables(input)) {
    out.push('\\begin{table}[ht]', '\\centering', '\\small');
    out.push(`\\caption{${latexEscape(t.title)}. ${latexEscape(t.note)}}`, `\\label{tab:secfix-${t.id}}`);
    out.push(`\\begin{tabular}{${t.columns.map((_, i) => (i < 2 ? 'l' : 'r')).join('')}}`, '\\toprule');
    out.push(`${t.columns.map(latexEscape).join(' & ')} \\\\`, '\\midrule');
    for (const r of t.rows) out.push(`${r.map(latexEscape).join(' & ')} \\\\`);
    out.push('\\bottomrule', '\\end{tabular}', '\\end{table}', '');
  }
  return out.join('\n');
}
