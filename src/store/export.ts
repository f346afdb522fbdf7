/** Exports of one run: JSONL with every record, or CSV tables of samples or findings. */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StoreError } from './errors.ts';
import type { Database } from './sqlite.ts';
import { comparisonFromRow, findingFromRow, generationFromRow, runFromRow, sampleFromRow } from './rows.ts';

export interface ExportOptions {
  format: 'jsonl' | 'csv';
  /** For CSV: one row per generation and its sample (default), or one per finding. */
  table?: 'samples' | 'findings';
  /** Write here instead of returning a stream; the caller chooses the path. */
  path?: string;
}

export const SAMPLE_COLUMNS = [
  'run_id', 'generation_id', 'sample_id', 'provider_id', 'model', 'strategy', 'mode', 'scenario_id', 'language', 'sample', 'round',
  'parent_sample_id', 'outcome', 'truncated', 'finish_reason', 'cached', 'input_tokens', 'output_tokens', 'latency_ms',
  'error_kind', 'analyzers', 'findings', 'cwes', 'max_severity', 'severity_sum', 'fingerprints',
] as const;

export const FINDING_COLUMNS = [
  'run_id', 'sample_id', 'generation_id', 'provider_id', 'model', 'strategy', 'mode', 'scenario_id', 'language', 'sample', 'round',
  'analyzer', 'sources', 'rule_id', 'cwes', 'severity', 'level', 'confidence', 'file', 'start_line', 'start_column', 'end_line',
  'end_column', 'fingerprint', 'message', 'snippet',
] as const;

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge space. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

// All rows are read in one transaction, so an export is a consistent snapshot even while a run writes.
function jsonlLines(db: Database, runId: string): string[] {
  return db.transaction(() => {
    const lines: string[] = [];
    const push = (type: string, rec: object) => lines.push(`${JSON.stringify({ type, ...rec })}\n`);
    push('run', runFromRow(db.prepare<Parameters<typeof runFromRow>[0]>('SELECT * FROM runs WHERE id = ?').get(runId)!));
    for (const r of db.prepare<Parameters<typeof generationFromRow>[0]>('SELECT * FROM generations WHERE run_id = ? ORDER BY id').all(runId)) push('generation', generationFromRow(r));
    const samples = db.prepare<Parameters<typeof sampleFromRow>[0]>(
      'SELECT * FROM samples WHERE run_id = ? ORDER BY id',
    ).all(runId);
    for (const r of samples) push('sample', sampleFromRow(r));
    const analyses = db.prepare<{ sample_id: number; analyzer: string }>(
      `SELECT a.* FROM analyses a JOIN samples s ON s.id = a.sample_id
       WHERE s.run_id = ? ORDER BY a.sample_id, a.analyzer`,
    ).all(runId);
    for (const r of analyses) push('analysis', { sampleId: r.sample_id, analyzer: r.analyzer });
    const findings = db.prepare<Parameters<typeof findingFromRow>[0]>(
      `SELECT f.* FROM findings f JOIN samples s ON s.id = f.sample_id WHERE s.run_id = ? ORDER BY f.id`,
    ).all(runId);
    for (const r of findings) push('finding', findingFromRow(r));
    const comparisons = db.prepare<Parameters<typeof comparisonFromRow>[0]>(
      `SELECT c.* FROM comparisons c JOIN samples s ON s.id = c.sample_id WHERE s.run_id = ? ORDER BY c.id`,
    ).all(runId);
    for (const r of comparisons) push('comparison', comparisonFromRow(r));
    return lines;
  })();
}

function csvSampleLines(db: Database, runId: string): string[] {
  const rows = db.prepare<Record<string, unknown>>(
    `SELECT g.run_id, g.id AS generation_id, s.id AS sample_id, g.provider_id, g.model, coalesce(s.strategy, g.strategy) AS strategy,
       s.mode, g.scenario_id, g.language, g.sample_index AS sample, coalesce(s.round, g.round) AS round, s.parent_sample_id, s.outcome, s.truncated, g.finish_reason, g.cached,
       g.input_tokens, g.output_tokens, g.latency_ms, g.error_kind,
       (SELECT group_concat(analyzer, ' ') FROM (SELECT analyzer FROM analyses WHERE sample_id = s.id ORDER BY analyzer)) AS analyzers,
       CASE WHEN s.id IS NULL THEN NULL ELSE (SELECT count(*) FROM findings WHERE sample_id = s.id) END AS findings,
       (SELECT group_concat(value, ' ') FROM (SELECT DISTINCT j.value FROM findings f, json_each(f.cwe_json) j WHERE f.sample_id = s.id ORDER BY j.value)) AS cwes,
       (SELECT max(severity) FROM findings WHERE sample_id = s.id) AS max_severity,
       (SELECT sum(severity) FROM findings WHERE sample_id = s.id) AS severity_sum,
       (SELECT group_concat(fingerprint, ' ') FROM (SELECT DISTINCT fingerprint FROM findings WHERE sample_id = s.id ORDER BY fingerprint)) AS fingerprints
     FROM generations g LEFT JOIN samples s ON s.generation_id = g.id
     WHERE g.run_id = ? ORDER BY g.id, s.id`,
  ).all(runId);
  return [csvLine(SAMPLE_COLUMNS), ...rows.map((r) => csvLine(SAMPLE_COLUMNS.map((c) => r[c])))];
}

function csvFindingLines(db: Database, runId: string): string[] {
  const rows = db.prepare<Record<string, unknown>>(
    `SELECT s.run_id, s.id AS sample_id, g.id AS generation_id, g.provider_id, s.model, s.strategy, s.mode, s.scenario_id, s.language,
       s.sample_index AS sample, s.round, f.analyzer,
       (SELECT group_concat(json_extract(value, '$.analyzer') || ':' || json_extract(value, '$.ruleId'), ' ') FROM json_each(f.sources_json)) AS sources, f.rule_id,
       (SELECT group_concat(value, ' ') FROM json_each(f.cwe_json)) AS cwes, f.severity, f.level, f.confidence, f.file,
       f.start_line, f.start_column, f.end_line, f.end_column, f.fingerprint, f.message, f.snippet
     FROM findings f JOIN samples s ON s.id = f.sample_id JOIN generations g ON g.id = s.generation_id
     WHERE s.run_id = ? ORDER BY f.id`,
  ).all(runId);
  return [csvLine(FINDING_COLUMNS), ...rows.map((r) => csvLine(FINDING_COLUMNS.map((c) => r[c])))];
}

/** The export of one run as a stream, or written to options.path. */
export function exportRun(db: Database, runId: string, options: ExportOptions): Readable | Promise<void> {
  let lines: string[];
  if (options.format === 'jsonl') lines = jsonlLines(db, runId);
  else if (options.format === 'csv') lines = (options.table ?? 'samples') === 'samples' ? csvSampleLines(db, runId) : csvFindingLines(db, runId);
  else throw new StoreError(`unknown export format ${JSON.stringify(options.format)}`, 'use jsonl or csv');
  if (options.table !== undefined && options.table !== 'samples' && options.table !== 'findings') throw new StoreError(`unknown export table ${JSON.stringify(options.table)}`);
  const stream = Readable.from(lines, { objectMode: false });
  if (options.path === undefined) return stream;
  return pipeline(stream, createWriteStream(options.path)).catch((e: Error) => {
    throw new StoreError(`cannot write export to ${options.path}: ${e.message}`);
  });
}
