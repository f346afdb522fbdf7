/** Row types of the run store's tables and their mapping to plain records. */
import type { FinishReason, GenerationRequest } from '../providers/types.ts';
import type { ComparisonRecord, FindingRecord, GenerationRecord, RunRecord, RunStatus, SampleMode, SampleOutcome, SampleRecord } from './records.ts';

// Raw rows as SQLite returns them.
export interface RunRow { id: string; created: string; config_json: string; config_hash: string; status: RunStatus; secfix_version: string }
export interface GenerationRow {
  id: number; run_id: string; request_key: string; sample_index: number; round: number; provider_id: string; model: string;
  strategy: string; scenario_id: string; language: string; prompt_json: string; response_text: string | null;
  finish_reason: string | null; input_tokens: number; output_tokens: number; latency_ms: number; cached: number;
  error_kind: string | null; error_message: string | null; created: string;
}
export interface SampleRow {
  id: number; run_id: string; generation_id: number; model: string; strategy: string; mode: SampleMode; scenario_id: string; language: string;
  sample_index: number; round: number; outcome: SampleOutcome; code: string | null; truncated: number; parent_sample_id: number | null;
  syntax_errors: number | null;
}
export interface FindingRow {
  id: number; sample_id: number; analyzer: string; rule_id: string; cwe_json: string; severity: number; level: string; confidence: string;
  message: string; file: string; start_line: number; start_column: number; end_line: number; end_column: number; fingerprint: string; snippet: string; sources_json: string;
}
export interface ComparisonRow { id: number; sample_id: number; repaired_sample_id: number; resolved_json: string; persisted_json: string; introduced_json: string }

export function runFromRow(r: RunRow): RunRecord {
  return { id: r.id, created: r.created, config: JSON.parse(r.config_json), configHash: r.config_hash, status: r.status, secfixVersion: r.secfix_version };
}

export function generationFromRow(r: GenerationRow): GenerationRecord {
  const out: GenerationRecord = {
    id: r.id, runId: r.run_id, requestKey: r.request_key, sample: r.sample_index, round: r.round, providerId: r.provider_id,
    model: r.model, strategy: r.strategy, scenarioId: r.scenario_id, language: r.language,
    request: JSON.parse(r.prompt_json) as GenerationRequest, created: r.created,
  };
  if (r.response_text !== null) {
    out.response = {
      text: r.response_text, finishReason: r.finish_reason as FinishReason,
      usage: { inputTokens: r.input_tokens, outputTokens: r.output_tokens }, latencyMs: r.latency_ms, cached: r.cached === 1,
    };
  }
  if (r.error_kind !== null) out.error = { kind: r.error_kind, message: r.error_message ?? '' };
  return out;
}

export function sampleFromRow(r: SampleRow): SampleRecord {
  const out: SampleRecord = {
    id: r.id, runId: r.run_id, generationId: r.generation_id, model: r.model, strategy: r.strategy, mode: r.mode, scenarioId: r.scenario_id,
    language: r.language, sample: r.sample_index, outcome: r.outcome, truncated: r.truncated === 1, round: r.round,
  };
  if (r.code !== null) out.code = r.code;
  if (r.parent_sample_id !== null) out.parentSampleId = r.parent_sample_id;
  if (r.syntax_errors !== null && r.syntax_errors !== undefined) out.syntaxErrors = r.syntax_errors;
  return out;
}

export function findingFromRow(r: FindingRow): FindingRecord {
  return {
    id: r.id, sampleId: r.sample_id, analyzer: r.analyzer, ruleId: r.rule_id, cwe: JSON.parse(r.cwe_json) as string[], severity: r.severity,
    level: r.level as FindingRecord['level'], confidence: r.confidence as FindingRecord['confidence'], message: r.message,
    location: { file: r.file, start: { line: r.start_line, column: r.start_column }, end: { line: r.end_line, column: r.end_column } },
    snippet: r.snippet, fingerprint: r.fingerprint, sources: JSON.parse(r.sources_json) as FindingRecord['sources'],
  };
}

export function comparisonFromRow(r: ComparisonRow): ComparisonRecord {
  return {
    id: r.id, sampleId: r.sample_id, repairedSampleId: r.repaired_sample_id,
    resolved: JSON.parse(r.resolved_json) as string[], persisted: JSON.parse(r.persisted_json) as string[], introduced: JSON.parse(r.introduced_json) as string[],
  };
}

