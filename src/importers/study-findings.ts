/**
 * What another tool reported on a study's samples, from a SARIF log or a CSV of CWE ids, attached
 * to the samples it names. A finding that names no imported sample, and a row that cannot be read,
 * is a problem — never dropped in silence; a sample whose rows could not all be read is not
 * recorded as analysed by that tool, because a half-read sample must not look cleaner than it is.
 */
import path from 'node:path';
import { AnalyzerError } from '../core/errors.ts';
import { importSarif } from '../analyzers/sarif-import.ts';
import { levelOf, normaliseCweId, severityOf } from '../cwe/catalogue.ts';
import type { StoredFinding } from '../store/store.ts';
import { readText } from './common.ts';
import { csvObjects } from './csv.ts';
import { ImportError } from './errors.ts';
import { ImportedFingerprints, type IndexedSample, type SampleIndex } from './study-index.ts';
import type { ImportProblem } from './types.ts';

export type FindingsFormat = 'sarif' | 'csv';

/** One tool's findings, by sample. */
export interface ToolReport {
  analyzer: string;
  /** The findings file it was read from. */
  file: string;
  /** The samples the tool analysed: every sample (a SARIF log, or a CSV with cleanUnlisted), or those the CSV lists. */
  covered: 'all' | Set<IndexedSample>;
  /** Samples with a row that could not be read: not recorded as analysed by this tool. */
  incomplete: Set<IndexedSample>;
  findings: Map<IndexedSample, StoredFinding[]>;
  problems: ImportProblem[];
}

/** The format of a findings file by its name: `.csv`, or `.sarif` / `.json`. */
export function findingsFormatOf(file: string): FindingsFormat {
  const name = file.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.sarif') || name.endsWith('.json')) return 'sarif';
  throw new ImportError(`${file}: cannot tell whether the findings are SARIF or CSV from the file name`, 'give the format (--format sarif|csv)');
}

class ReportBuilder {
  readonly report: ToolReport;
  private readonly prints = new Map<IndexedSample, ImportedFingerprints>();

  constructor(analyzer: string, file: string, covered: ToolReport['covered']) {
    this.report = { analyzer, file, covered, incomplete: new Set(), findings: new Map(), problems: [] };
  }

  add(sample: IndexedSample, f: Omit<StoredFinding, 'analyzer' | 'fingerprint' | 'snippet' | 'location'> & { line?: number; column?: number; endLine?: number; endColumn?: number }): void {
    let fp = this.prints.get(sample);
    if (!fp) this.prints.set(sample, (fp = new ImportedFingerprints(sample)));
    const { fingerprint, snippet } = fp.of(f.cwe[0]!, f.line);
    const text = f.line !== undefined ? (sample.lines[f.line - 1] ?? '') : '';
    // Without a line the location is 0:0, "somewhere in the sample", rather than a guessed line 1.
    const line = f.line ?? 0;
    const column = f.column ?? (f.line !== undefined ? text.length - text.trimStart().length + 1 : 0);
    const endLine = Math.max(line, f.endLine ?? line);
    const endColumn = f.endColumn ?? (f.line !== undefined && endLine === line ? Math.max(column, text.trimEnd().length + 1) : 0);
    const stored: StoredFinding = {
      ruleId: f.ruleId, analyzer: this.report.analyzer, cwe: f.cwe, severity: f.severity, level: f.level, confidence: f.confidence,
      message: f.message, location: { file: sample.key, start: { line, column }, end: { line: endLine, column: endColumn } }, snippet, fingerprint,
    };
    const list = this.report.findings.get(sample);
    if (list) list.push(stored);
    else this.report.findings.set(sample, [stored]);
  }
}

/** Every run of a SARIF log as one report each; the analyzer is `tool`, or else the run's driver name. */
export async function readSarifFindings(file: string, index: SampleIndex, tool?: string): Promise<ToolReport[]> {
  const text = await readText(file);
  const files = index.samples.map((s) => ({ file: s.key, abs: path.join(index.root, ...s.key.split('/')), language: s.language }));
  let runs;
  try {
    runs = importSarif(text, { logPath: file, files, cwd: index.root });
  } catch (e) {
    if (e instanceof AnalyzerError) throw new ImportError(e.message, e.hint);
    throw e;
  }
  return runs.map((run) => {
    const b = new ReportBuilder(tool ?? run.tool, file, 'all');
    const problem = (message: string) => b.report.problems.push({ file, message: `${b.report.analyzer}: ${message}` });
    for (const f of run.findings) {
      const r = index.resolve(f.location.file);
      if ('error' in r) {
        problem(`result ${f.ruleId} (${f.cwe.join(', ')}) at ${f.location.file}:${f.location.start.line}: ${r.error}; not recorded`);
        continue;
      }
      b.add(r.sample, {
        ruleId: f.ruleId, cwe: f.cwe, severity: f.severity, level: f.level, confidence: f.confidence, message: f.message,
        line: f.location.start.line, column: f.location.start.column, endLine: f.location.end.line, endColumn: f.location.end.column,
      });
    }
    if (run.withoutCwe) problem(`${run.withoutCwe} result(s) carry no CWE id; not counted as weaknesses`);
    if (run.suppressed.length) problem(`${run.suppressed.length} result(s) are suppressed in the log; not counted`);
    for (const n of run.notes) if (n.kind !== 'outside-scan') problem(n.message.startsWith(`${run.analyzer}: `) ? n.message.slice(run.analyzer.length + 2) : n.message);
    return b.report;
  });
}

const SEVERITY = /^\d+(\.\d+)?$/;

/**
 * A CSV with one finding per row: `file` or `sample_id`, `cwe` (`CWE-89` or `89`), and optionally
 * `line`, `severity` (0–10; default: the catalogue's), `rule` (default: the CWE id) and `message`.
 * A row with an empty `cwe` lists its sample as analysed and clean. Samples the CSV does not list
 * are not analysed by the tool, unless `cleanUnlisted`.
 */
export async function readCsvFindings(file: string, index: SampleIndex, options: { tool?: string; cleanUnlisted?: boolean } = {}): Promise<ToolReport> {
  const rows = csvObjects(await readText(file), file).map(({ line, row }) => ({
    line,
    row: Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v.trim()])) as Record<string, string | undefined>,
  }));
  const header = rows[0] ? Object.keys(rows[0].row) : [];
  if (rows.length && !header.includes('cwe')) throw new ImportError(`${file}: no "cwe" column (columns: ${header.join(', ')})`);
  if (rows.length && !header.includes('file') && !header.includes('sample_id')) throw new ImportError(`${file}: no "file" or "sample_id" column naming the sample of each finding`);
  const listed = new Set<IndexedSample>();
  const b = new ReportBuilder(options.tool ?? 'csv', file, options.cleanUnlisted ? 'all' : listed);
  const problem = (line: number, message: string) => b.report.problems.push({ file, line, message: `${b.report.analyzer}: ${message}` });
  for (const { line, row } of rows) {
    const ref = row.sample_id || row.file || '';
    const r = index.resolve(ref);
    if ('error' in r) {
      problem(line, `${r.error}; row not recorded`);
      continue;
    }
    const sample = r.sample;
    listed.add(sample);
    const bad = (message: string) => {
      problem(line, `${message}; ${sample.key} is not recorded as analysed by ${b.report.analyzer}`);
      b.report.incomplete.add(sample);
    };
    if (!row.cwe) continue;
    const cwe = normaliseCweId(row.cwe);
    if (!cwe || cwe === 'CWE-0') {
      bad(`"${row.cwe}" is not a CWE id (CWE-89 or 89)`);
      continue;
    }
    let at: number | undefined;
    if (row.line) {
      if (!/^\d+$/.test(row.line) || Number(row.line) < 1) {
        bad(`line "${row.line}" is not a line number`);
        continue;
      }
      at = Number(row.line);
    }
    let severity = severityOf([cwe], sample.language);
    if (row.severity) {
      if (!SEVERITY.test(row.severity) || Number(row.severity) > 10) {
        bad(`severity "${row.severity}" is not a number from 0 to 10`);
        continue;
      }
      severity = Number(row.severity);
    }
    b.add(sample, {
      ruleId: row.rule || cwe, cwe: [cwe], severity, level: levelOf(severity), confidence: 'medium',
      message: row.message || `${cwe} reported by ${b.report.analyzer}`, ...(at !== undefined ? { line: at } : {}),
    });
  }
  return b.report;
}
