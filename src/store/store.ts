/** The run store: one SQLite database per workspace holding runs, generations, samples, findings and comparisons. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { VERSION } from '../core/version.ts';
import { stableStringify } from '../providers/request-key.ts';
import { StoreError } from './errors.ts';
import { exportRun as exportRunImpl, type ExportOptions } from './export.ts';
import { comparisonFromRow, findingFromRow, generationFromRow, runFromRow, sampleFromRow, type ComparisonRow, type FindingRow, type GenerationRow, type RunRow, type SampleRow } from './rows.ts';
import {
  ComparisonInputSchema,
  GenerationInputSchema,
  RUN_STATUSES,
  SampleInputSchema,
  StoredFindingSchema,
  type ComparisonInput,
  type ComparisonRecord,
  type FindingRecord,
  type GenerationInput,
  type GenerationRecord,
  type RunRecord,
  type RunStatus,
  type SampleInput,
  type SampleOutcome,
  type SampleRecord,
  type StoredFinding,
} from './records.ts';
import { migrate } from './schema.ts';
import { scrubConfig, scrubText, secretEnvValues } from './redact.ts';
import { sqlite, type Database, type Statement } from './sqlite.ts';

export * from './records.ts';
export { StoreError } from './errors.ts';
export type { ExportOptions } from './export.ts';

/** Where the database lives inside the directory the caller names. */
export const DEFAULT_STORE_FILE = path.join('.secfix', 'runs.db');

export interface OpenStoreOptions {
  /** Path of the database relative to the directory (default `.secfix/runs.db`). */
  file?: string;
  /** Clock for `created` columns; tests pass a fixed one. */
  now?: () => Date;
  /** Run id generator for runs created without an explicit id. */
  newRunId?: () => string;
  /** How long a write waits for another connection's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
}

export interface CreateRunOptions {
  id?: string;
  status?: RunStatus;
}

export interface RecordFindingsInput {
  sampleId: number;
  /** Syntax errors in the sample's code, when it was parsed. */
  syntaxErrors?: number;
  /** Analyzers that finished on this sample, including those that found nothing. */
  analyzers: string[];
  findings: StoredFinding[];
}

function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new StoreError(`invalid ${what}: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  return r.data;
}

/** Sorted, without repeats: comparisons are sets. */
function fingerprintSet(values: readonly string[]): string {
  return JSON.stringify([...new Set(values)].sort());
}

function defaultRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `run-${stamp}-${randomBytes(3).toString('hex')}`;
}

/** An open run store. Every write is idempotent: repeating it changes nothing and returns the same ids. */
export class RunStore {
  /** Absolute path of the database file. */
  readonly file: string;
  private readonly db: Database;
  private readonly now: () => Date;
  private readonly newRunId?: () => string;
  private readonly stmts = new Map<string, Statement>();

  constructor(file: string, options: OpenStoreOptions = {}) {
    this.file = file;
    this.now = options.now ?? (() => new Date());
    this.newRunId = options.newRunId;
    try {
      this.db = new (sqlite())(file, { timeout: options.busyTimeoutMs ?? 5000 });
    } catch (e) {
      throw new StoreError(`cannot open run store ${file}: ${(e as Error).message}`);
    }
    try {
      this.db.pragma('journal_mode = WAL');
      // NORMAL under WAL keeps every commit atomic and durable across process crashes; only a power loss may lose the last commits.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      migrate(this.db, file);
    } catch (e) {
      this.db.close();
      if (e instanceof StoreError) throw e;
      throw new StoreError(`cannot open run store ${file}: ${(e as Error).message}`, 'is it a secfix run store?');
    }
  }

  /** A prepared statement, compiled once per connection. */
  private stmt<Row = unknown>(sql: string): Statement<Row> {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s as Statement<Row>;
  }

  /** The applied schema version. */
  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Run fn in one transaction (nested calls become savepoints); all of its writes commit or none do. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Create a run; the configuration is stored without credentials and hashed. Repeating an id returns the existing run. */
  createRun(config: unknown, options: CreateRunOptions = {}): RunRecord {
    const stored = stableStringify(scrubConfig(config, secretEnvValues()) ?? null);
    const id = options.id ?? this.newRunId?.() ?? defaultRunId(this.now());
    if (!id) throw new StoreError('a run id must not be empty');
    const status = options.status ?? 'pending';
    if (!RUN_STATUSES.includes(status)) throw new StoreError(`unknown run status ${JSON.stringify(status)}`);
    const hash = createHash('sha256').update(stored).digest('hex');
    this.stmt(
      `INSERT INTO runs (id, created, config_json, config_hash, status, secfix_version) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    ).run(id, this.now().toISOString(), stored, hash, status, VERSION);
    const run = this.getRun(id)!;
    if (run.configHash !== hash) throw new StoreError(`run ${id} already exists with a different configuration`, 'use a new run id, or resume the run with its own configuration');
    return run;
  }

  getRun(id: string): RunRecord | undefined {
    const row = this.stmt<RunRow>('SELECT * FROM runs WHERE id = ?').get(id);
    return row && runFromRow(row);
  }

  /** Every run, oldest first. */
  listRuns(): RunRecord[] {
    return this.stmt<RunRow>('SELECT * FROM runs ORDER BY created, id').all().map(runFromRow);
  }

  /** Set a run's status. */
  runStatus(id: string, status: RunStatus): RunRecord {
    if (!RUN_STATUSES.includes(status)) throw new StoreError(`unknown run status ${JSON.stringify(status)}`);
    const r = this.stmt('UPDATE runs SET status = ? WHERE id = ?').run(status, id);
    if (r.changes === 0) throw new StoreError(`no run ${id}`);
    return this.getRun(id)!;
  }

  /**
   * Record one model call and return its id. Repeating (run, request key, sample, round) returns the
   * existing row untouched, except that a recorded error is replaced by the new attempt, so that a
   * resumed run can retry calls that failed.
   */
  recordGeneration(input: GenerationInput): number {
    const g = parse(GenerationInputSchema, input, 'generation');
    const secrets = secretEnvValues();
    const prompt = scrubText(JSON.stringify(g.request), secrets);
    const text = g.response ? scrubText(g.response.text, secrets) : null;
    const errorMessage = g.error ? scrubText(g.error.message, secrets) : null;
    const row = this.stmt<{ id: number }>(
      `INSERT INTO generations (run_id, request_key, sample_index, round, provider_id, model, strategy, scenario_id, language,
         prompt_json, response_text, finish_reason, input_tokens, output_tokens, latency_ms, cached, error_kind, error_message, created)
       VALUES (@runId, @requestKey, @sample, @round, @providerId, @model, @strategy, @scenarioId, @language,
         @prompt, @text, @finishReason, @inputTokens, @outputTokens, @latencyMs, @cached, @errorKind, @errorMessage, @created)
       ON CONFLICT (run_id, request_key, sample_index, round) DO UPDATE SET
         provider_id = excluded.provider_id, model = excluded.model, strategy = excluded.strategy, scenario_id = excluded.scenario_id,
         language = excluded.language, prompt_json = excluded.prompt_json, response_text = excluded.response_text,
         finish_reason = excluded.finish_reason, input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
         latency_ms = excluded.latency_ms, cached = excluded.cached, error_kind = excluded.error_kind,
         error_message = excluded.error_message, created = excluded.created
       WHERE generations.error_kind IS NOT NULL
       RETURNING id`,
    );
    try {
      const inserted = row.get({
        runId: g.runId, requestKey: g.requestKey, sample: g.sample, round: g.round, providerId: g.providerId, model: g.model,
        strategy: g.strategy, scenarioId: g.scenarioId, language: g.language, prompt, text,
        finishReason: g.response?.finishReason ?? null, inputTokens: g.response?.usage.inputTokens ?? 0,
        outputTokens: g.response?.usage.outputTokens ?? 0, latencyMs: g.response?.latencyMs ?? 0,
        cached: g.response?.cached ? 1 : 0, errorKind: g.error?.kind ?? null, errorMessage, created: this.now().toISOString(),
      });
      if (inserted) return inserted.id;
    } catch (e) {
      throw this.writeError(e, `generation for run ${g.runId}`);
    }
    return this.findGeneration(g.runId, g.requestKey, g.sample, g.round)!.id;
  }

  /** The recorded call for (run, request key, sample, round), if any: resume skips it when it has a response. */
  findGeneration(runId: string, requestKey: string, sample: number, round: number): GenerationRecord | undefined {
    const row = this.stmt<GenerationRow>('SELECT * FROM generations WHERE run_id = ? AND request_key = ? AND sample_index = ? AND round = ?').get(runId, requestKey, sample, round);
    return row && generationFromRow(row);
  }

  getGeneration(id: number): GenerationRecord | undefined {
    const row = this.stmt<GenerationRow>('SELECT * FROM generations WHERE id = ?').get(id);
    return row && generationFromRow(row);
  }

  /** A run's generations in the order they were first recorded. */
  listGenerations(runId: string): GenerationRecord[] {
    return this.stmt<GenerationRow>('SELECT * FROM generations WHERE run_id = ? ORDER BY id').all(runId).map(generationFromRow);
  }

  /**
   * Record what was extracted from a generation, for one strategy arm. A sample is one per (run,
   * model, strategy, mode, scenario, sample number, round): a repeat returns the first id.
   */
  recordSample(input: SampleInput): number {
    const s = parse(SampleInputSchema, input, 'sample');
    const g = this.getGeneration(s.generationId);
    if (!g) throw new StoreError(`cannot record sample of generation ${s.generationId}: it refers to a run, generation or sample that is not in the store`);
    const cell = {
      runId: g.runId, generationId: g.id, model: g.model, strategy: s.strategy ?? g.strategy,
      mode: s.mode ?? (s.parentSampleId !== undefined ? 'refine' : 'generate'), scenarioId: g.scenarioId, language: g.language,
      sample: g.sample, round: s.round,
    };
    try {
      const row = this.stmt<{ id: number }>(
        `INSERT INTO samples (run_id, generation_id, model, strategy, mode, scenario_id, language, sample_index, round, outcome, code, truncated, parent_sample_id)
         VALUES (@runId, @generationId, @model, @strategy, @mode, @scenarioId, @language, @sample, @round, @outcome, @code, @truncated, @parent)
         ON CONFLICT (run_id, model, strategy, mode, scenario_id, sample_index, round) DO NOTHING RETURNING id`,
      ).get({ ...cell, outcome: s.outcome, code: s.code ?? null, truncated: s.truncated ? 1 : 0, parent: s.parentSampleId ?? null });
      if (row) return row.id;
    } catch (e) {
      throw this.writeError(e, `sample of generation ${s.generationId}`);
    }
    return this.stmt<{ id: number }>(
      'SELECT id FROM samples WHERE run_id = @runId AND model = @model AND strategy = @strategy AND mode = @mode AND scenario_id = @scenarioId AND sample_index = @sample AND round = @round',
    ).get(cell)!.id;
  }

  getSample(id: number): SampleRecord | undefined {
    const row = this.stmt<SampleRow>('SELECT * FROM samples WHERE id = ?').get(id);
    return row && sampleFromRow(row);
  }

  /** The first sample extracted from a generation, if recorded (arms sharing a call have one each: see samplesOfGeneration). */
  sampleOfGeneration(generationId: number): SampleRecord | undefined {
    const row = this.stmt<SampleRow>('SELECT * FROM samples WHERE generation_id = ? ORDER BY id LIMIT 1').get(generationId);
    return row && sampleFromRow(row);
  }

  /** Every sample extracted from a generation, in the order recorded. */
  samplesOfGeneration(generationId: number): SampleRecord[] {
    return this.stmt<SampleRow>('SELECT * FROM samples WHERE generation_id = ? ORDER BY id').all(generationId).map(sampleFromRow);
  }

  /** A run's samples in the order recorded. */
  listSamples(runId: string): SampleRecord[] {
    return this.stmt<SampleRow>('SELECT * FROM samples WHERE run_id = ? ORDER BY id').all(runId).map(sampleFromRow);
  }

  /** Record the analyzers that finished on a sample and their findings, in one transaction. */
  recordFindings(input: RecordFindingsInput): void {
    const analyzers = parse(z.array(z.string().min(1)), input.analyzers, 'analyzers');
    const findings = input.findings.map((f, i) => parse(StoredFindingSchema, f, `finding ${i}`));
    for (const f of findings) {
      if (!analyzers.includes(f.analyzer)) throw new StoreError(`finding of analyzer ${f.analyzer} given, but ${f.analyzer} is not among the analyzers recorded`);
    }
    const markDone = this.stmt('INSERT INTO analyses (sample_id, analyzer) VALUES (?, ?) ON CONFLICT DO NOTHING');
    const insert = this.stmt(
      `INSERT INTO findings (sample_id, analyzer, rule_id, cwe_json, severity, level, confidence, message, file,
         start_line, start_column, end_line, end_column, fingerprint, snippet, sources_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    try {
      this.transaction(() => {
        if (input.syntaxErrors !== undefined) this.stmt('UPDATE samples SET syntax_errors = ? WHERE id = ?').run(input.syntaxErrors, input.sampleId);
        for (const a of analyzers) markDone.run(input.sampleId, a);
        for (const f of findings) {
          insert.run(input.sampleId, f.analyzer, f.ruleId, JSON.stringify(f.cwe), f.severity, f.level, f.confidence, f.message,
            f.location.file, f.location.start.line, f.location.start.column, f.location.end.line, f.location.end.column, f.fingerprint, f.snippet,
            JSON.stringify(f.sources ?? [{ analyzer: f.analyzer, ruleId: f.ruleId }]));
        }
      });
    } catch (e) {
      throw this.writeError(e, `findings of sample ${input.sampleId}`);
    }
  }

  /** The analyzers that have finished on a sample, sorted. */
  analyzersDone(sampleId: number): string[] {
    return this.stmt<{ analyzer: string }>('SELECT analyzer FROM analyses WHERE sample_id = ? ORDER BY analyzer').all(sampleId).map((r) => r.analyzer);
  }

  /** A sample's findings in file, line, column, rule order. */
  listFindings(sampleId: number): FindingRecord[] {
    return this.stmt<FindingRow>('SELECT * FROM findings WHERE sample_id = ? ORDER BY file, start_line, start_column, rule_id, analyzer, id').all(sampleId).map(findingFromRow);
  }

  /** Every finding of a run's samples, in sample then file, line, column, rule order (one query, for reports). */
  listRunFindings(runId: string): FindingRecord[] {
    return this.stmt<FindingRow>(
      `SELECT f.* FROM findings f JOIN samples s ON s.id = f.sample_id WHERE s.run_id = ?
       ORDER BY f.sample_id, f.file, f.start_line, f.start_column, f.rule_id, f.analyzer, f.id`,
    ).all(runId).map(findingFromRow);
  }

  /** The analyzers that finished on each of a run's samples (one query, for reports). */
  listRunAnalyses(runId: string): Map<number, string[]> {
    const out = new Map<number, string[]>();
    const rows = this.stmt<{ sample_id: number; analyzer: string }>(
      'SELECT a.sample_id, a.analyzer FROM analyses a JOIN samples s ON s.id = a.sample_id WHERE s.run_id = ? ORDER BY a.sample_id, a.analyzer',
    ).all(runId);
    for (const r of rows) {
      const list = out.get(r.sample_id);
      if (list) list.push(r.analyzer);
      else out.set(r.sample_id, [r.analyzer]);
    }
    return out;
  }

  /** Record how a repair changed a sample's findings; a repeat of the pair returns the first id. */
  recordComparison(input: ComparisonInput): number {
    const c = parse(ComparisonInputSchema, input, 'comparison');
    try {
      const row = this.stmt<{ id: number }>(
        `INSERT INTO comparisons (sample_id, repaired_sample_id, resolved_json, persisted_json, introduced_json) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (sample_id, repaired_sample_id) DO NOTHING RETURNING id`,
      ).get(c.sampleId, c.repairedSampleId, fingerprintSet(c.resolved), fingerprintSet(c.persisted), fingerprintSet(c.introduced));
      if (row) return row.id;
    } catch (e) {
      throw this.writeError(e, `comparison of samples ${c.sampleId} and ${c.repairedSampleId}`);
    }
    return this.stmt<{ id: number }>('SELECT id FROM comparisons WHERE sample_id = ? AND repaired_sample_id = ?').get(c.sampleId, c.repairedSampleId)!.id;
  }

  getComparison(sampleId: number, repairedSampleId: number): ComparisonRecord | undefined {
    const row = this.stmt<ComparisonRow>('SELECT * FROM comparisons WHERE sample_id = ? AND repaired_sample_id = ?').get(sampleId, repairedSampleId);
    return row && comparisonFromRow(row);
  }

  /** Row counts per table, for `runs show` and tests. */
  counts(runId: string): { generations: number; samples: number; findings: number; comparisons: number } {
    const one = (sql: string) => this.stmt<{ n: number }>(sql).get(runId)!.n;
    return {
      generations: one('SELECT count(*) AS n FROM generations WHERE run_id = ?'),
      samples: one('SELECT count(*) AS n FROM samples WHERE run_id = ?'),
      findings: one('SELECT count(*) AS n FROM findings f JOIN samples s ON s.id = f.sample_id WHERE s.run_id = ?'),
      comparisons: one('SELECT count(*) AS n FROM comparisons c JOIN samples s ON s.id = c.sample_id WHERE s.run_id = ?'),
    };
  }

  /**
   * Export a run as JSONL (every record, tagged with its type) or CSV (one row per sample, or per
   * finding). Without `path` it returns a stream; with one it writes that file and resolves when done.
   */
  exportRun(id: string, options: ExportOptions & { path: string }): Promise<void>;
  exportRun(id: string, options: ExportOptions): Readable;
  exportRun(id: string, options: ExportOptions & { path?: string }): Readable | Promise<void> {
    if (!this.getRun(id)) throw new StoreError(`no run ${id}`);
    return exportRunImpl(this.db, id, options);
  }

  /** Close the connection; safe to call twice. */
  close(): void {
    if (this.db.open) this.db.close();
    this.stmts.clear();
  }

  private writeError(e: unknown, what: string): StoreError {
    const msg = (e as Error).message ?? String(e);
    if (/FOREIGN KEY/i.test(msg)) return new StoreError(`cannot record ${what}: it refers to a run, generation or sample that is not in the store`);
    return new StoreError(`cannot record ${what}: ${msg}`);
  }
}

/** Open (creating and migrating as needed) the run store in a directory the caller names. */
export function openStore(dir: string, options: OpenStoreOptions = {}): RunStore {
  if (!dir) throw new StoreError('openStore needs the workspace directory');
  const file = path.resolve(dir, options.file ?? DEFAULT_STORE_FILE);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (e) {
    throw new StoreError(`cannot create ${path.dirname(file)}: ${(e as Error).message}`);
  }
  return new RunStore(file, options);
}
