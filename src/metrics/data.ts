/**
 * A run as the metrics see it: every sample with its cell, outcome and findings, and every model
 * call with its usage. Read from the run store in a handful of queries, so that a report over tens
 * of thousands of samples does not ask the database once per sample.
 */
import { ConfigError } from '../core/errors.ts';
import type { RunRecord, RunStore, SampleMode } from '../store/store.ts';

export interface FindingFacts {
  ruleId: string;
  /** The CWE the finding counts under: its first (most specific) CWE id. */
  cwe: string;
  severity: number;
  fingerprint: string;
  line: number;
  analyzers: string[];
}

export type Outcome = 'code' | 'refusal' | 'no-code';

export interface SampleFacts {
  id: number;
  model: string;
  strategy: string;
  mode: SampleMode;
  scenario: string;
  language: string;
  sample: number;
  round: number;
  parent?: number;
  outcome: Outcome;
  truncated: boolean;
  /** Syntax errors in the code; undefined when it was not parsed. */
  syntaxErrors?: number;
  /** Whether any analyzer finished on the sample (a sample with code that nobody scanned is not "clean"). */
  analyzed: boolean;
  findings: FindingFacts[];
  code?: string;
}

export interface CallFacts {
  model: string;
  /** The arm that first made the call (a call shared by two arms is counted once, for the first). */
  strategy: string;
  scenario: string;
  sample: number;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  cached: boolean;
  /** The provider error of a call that failed. */
  error?: string;
  /** The provider id (`import` for imported samples). */
  provider: string;
}

export interface RunData {
  run: RunRecord;
  samples: SampleFacts[];
  calls: CallFacts[];
  /** USD per 1M tokens by model label, from the run's stored configuration. */
  prices: Map<string, { input: number; output: number }>;
}

/** Everything a report needs of one run. */
export function loadRunData(store: RunStore, runId: string, options: { code?: boolean } = {}): RunData {
  const run = store.getRun(runId);
  if (!run) throw new ConfigError(`no run ${runId} in ${store.file}`, 'see secfix runs list');
  const byId = new Map<number, SampleFacts>();
  const analyses = store.listRunAnalyses(runId);
  const samples: SampleFacts[] = store.listSamples(runId).map((s) => {
    const facts: SampleFacts = {
      id: s.id, model: s.model, strategy: s.strategy, mode: s.mode, scenario: s.scenarioId, language: s.language, sample: s.sample,
      round: s.round, outcome: s.outcome, truncated: s.truncated, analyzed: analyses.has(s.id), findings: [],
      ...(s.parentSampleId !== undefined ? { parent: s.parentSampleId } : {}),
      ...(s.syntaxErrors !== undefined ? { syntaxErrors: s.syntaxErrors } : {}),
      ...(options.code && s.code !== undefined ? { code: s.code } : {}),
    };
    byId.set(s.id, facts);
    return facts;
  });
  for (const f of store.listRunFindings(runId)) {
    byId.get(f.sampleId)?.findings.push({
      ruleId: f.ruleId, cwe: f.cwe[0] ?? 'CWE-unknown', severity: f.severity, fingerprint: f.fingerprint, line: f.location.start.line,
      analyzers: [...new Set(f.sources.map((x) => x.analyzer))],
    });
  }
  const calls: CallFacts[] = store.listGenerations(runId).map((g) => ({
    model: g.model, strategy: g.strategy, scenario: g.scenarioId, sample: g.sample, provider: g.providerId,
    inputTokens: g.response?.usage.inputTokens ?? 0, outputTokens: g.response?.usage.outputTokens ?? 0,
    latencyMs: g.response?.latencyMs ?? 0, cached: g.response?.cached ?? false, ...(g.error ? { error: g.error.kind } : {}),
  }));
  return { run, samples, calls, prices: pricesOf(run.config) };
}

/** Model prices from a stored study configuration (models[].label and .price). */
function pricesOf(config: unknown): Map<string, { input: number; output: number }> {
  const out = new Map<string, { input: number; output: number }>();
  const models = (config as { models?: { label?: string; price?: { input: number; output: number } }[] } | null)?.models ?? [];
  for (const m of models) if (m.label && m.price) out.set(m.label, m.price);
  return out;
}

/** Whether a sample with code has at least one weakness. */
export function vulnerable(s: SampleFacts): boolean {
  return s.findings.length > 0;
}

/** The distinct CWEs of a sample's findings, sorted. */
export function cwesOf(s: SampleFacts): string[] {
  return [...new Set(s.findings.map((f) => f.cwe))].sort(compareCwe);
}

/** CWE ids in numeric order (CWE-22 before CWE-200). */
export function compareCwe(a: string, b: string): number {
  const n = (x: string) => Number(x.replace(/^CWE-/, ''));
  return n(a) - n(b) || a.localeCompare(b);
}

export function severitySum(s: SampleFacts): number {
  return s.findings.reduce((t, f) => t + f.severity, 0);
}
