/** Zod schemas of what the run store accepts and the plain records it returns. */
import { z } from 'zod';
import { LANGUAGES, type Finding } from '../core/types.ts';
import { FinishReasonSchema, GenerationRequestSchema, type GenerationRequest, type FinishReason } from '../providers/types.ts';

export const RUN_STATUSES = ['pending', 'running', 'interrupted', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const SAMPLE_OUTCOMES = ['code', 'refusal', 'no-code'] as const;
export type SampleOutcome = (typeof SAMPLE_OUTCOMES)[number];

/**
 * How a sample's arm produced it: the strategy shaped the first prompt (generate), the strategy
 * repaired an earlier sample (refine), or it was imported from elsewhere without a model call.
 * A sample is one per (run, model, strategy, mode, scenario, sample number, round); two arms whose
 * first model call is the same request share that generation but keep their own samples.
 */
export const SAMPLE_MODES = ['generate', 'refine', 'import'] as const;
export type SampleMode = (typeof SAMPLE_MODES)[number];

const count = z.number().int().min(0);

/**
 * One model call as the store takes it. There is no field for credentials, the request schema is
 * strict, and the object is strict, so a key cannot ride along in an extra member.
 */
export const GenerationInputSchema = z
  .object({
    runId: z.string().min(1),
    /** The canonical request hash (providers/request-key.ts). */
    requestKey: z.string().min(1),
    sample: count,
    round: count,
    providerId: z.string().min(1),
    model: z.string().min(1),
    strategy: z.string().min(1),
    scenarioId: z.string().min(1),
    language: z.enum(LANGUAGES),
    request: GenerationRequestSchema,
    response: z
      .object({
        text: z.string(),
        finishReason: FinishReasonSchema,
        usage: z.object({ inputTokens: count, outputTokens: count }).strict(),
        latencyMs: z.number().min(0),
        cached: z.boolean(),
      })
      .strict()
      .optional(),
    error: z.object({ kind: z.string().min(1), message: z.string() }).strict().optional(),
  })
  .strict()
  .refine((g) => (g.response === undefined) !== (g.error === undefined), { message: 'exactly one of response and error' });
export type GenerationInput = z.input<typeof GenerationInputSchema>;

export interface GenerationRecord {
  id: number;
  runId: string;
  requestKey: string;
  sample: number;
  round: number;
  providerId: string;
  model: string;
  strategy: string;
  scenarioId: string;
  language: string;
  request: GenerationRequest;
  response?: { text: string; finishReason: FinishReason; usage: { inputTokens: number; outputTokens: number }; latencyMs: number; cached: boolean };
  error?: { kind: string; message: string };
  created: string;
}

export const SampleInputSchema = z
  .object({
    generationId: z.number().int().positive(),
    outcome: z.enum(SAMPLE_OUTCOMES),
    /** Present exactly when the outcome is code. */
    code: z.string().optional(),
    truncated: z.boolean(),
    parentSampleId: z.number().int().positive().optional(),
    round: count,
    /** The strategy arm the sample belongs to. Default: the strategy recorded on its generation. */
    strategy: z.string().min(1).optional(),
    /** How the arm made it. Default: refine when it has a parent sample, else generate. */
    mode: z.enum(SAMPLE_MODES).optional(),
  })
  .strict()
  .refine((s) => (s.outcome === 'code') === (s.code !== undefined), { message: 'code is given exactly when the outcome is code' });
export type SampleInput = z.input<typeof SampleInputSchema>;

export interface SampleRecord {
  id: number;
  runId: string;
  generationId: number;
  model: string;
  /** The strategy arm (a configured strategy label, or `baseline`). */
  strategy: string;
  mode: SampleMode;
  scenarioId: string;
  language: string;
  /** The sample number within its cell. */
  sample: number;
  /** Syntax errors in its code (0: it parses); absent when it was not parsed. */
  syntaxErrors?: number;
  outcome: SampleOutcome;
  code?: string;
  truncated: boolean;
  parentSampleId?: number;
  round: number;
}

const PositionSchema = z.object({ line: z.number().int().min(0), column: z.number().int().min(0) });

/** The stored part of a Finding (remediation and merged sources are derived, not stored). */
export const StoredFindingSchema = z.object({
  ruleId: z.string().min(1),
  analyzer: z.string().min(1),
  cwe: z.array(z.string()),
  severity: z.number().min(0).max(10),
  level: z.enum(['error', 'warning', 'note']),
  confidence: z.enum(['high', 'medium', 'low']),
  message: z.string(),
  location: z.object({ file: z.string(), start: PositionSchema, end: PositionSchema }),
  snippet: z.string(),
  fingerprint: z.string().min(1),
  /** Analyzers merged into this finding; default: only its own analyzer and rule. */
  sources: z.array(z.object({ analyzer: z.string().min(1), ruleId: z.string().min(1) }).strict()).min(1).optional(),
});
export type StoredFinding = Pick<Finding, 'ruleId' | 'analyzer' | 'cwe' | 'severity' | 'level' | 'confidence' | 'message' | 'location' | 'snippet' | 'fingerprint' | 'sources'>;

export interface FindingRecord extends StoredFinding {
  id: number;
  sampleId: number;
  sources: { analyzer: string; ruleId: string }[];
}

export const ComparisonInputSchema = z
  .object({
    sampleId: z.number().int().positive(),
    repairedSampleId: z.number().int().positive(),
    resolved: z.array(z.string()),
    persisted: z.array(z.string()),
    introduced: z.array(z.string()),
  })
  .strict();
export type ComparisonInput = z.input<typeof ComparisonInputSchema>;

export interface ComparisonRecord {
  id: number;
  sampleId: number;
  repairedSampleId: number;
  /** Fingerprints, sorted and without repeats. */
  resolved: string[];
  persisted: string[];
  introduced: string[];
}

export interface RunRecord {
  id: string;
  created: string;
  /** The configuration as stored: credentials removed, keys sorted. */
  config: unknown;
  /** sha256 of the stored configuration text. */
  configHash: string;
  status: RunStatus;
  secfixVersion: string;
}
