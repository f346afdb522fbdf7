/** What the OpenAI and Anthropic batch modules share: entry and result types, JSONL, HTTP, polling. */
import type { z } from 'zod';
import { ProviderError } from '../errors.ts';
import { badResponse, errorFromResponse, toProviderError } from '../http.ts';
import type { Generation, GenerationRequest } from '../types.ts';

/** One request of a batch: the id it is filed under, the request, and the default model. */
export interface BatchEntry {
  customId: string;
  request: GenerationRequest;
  model: string;
}

/**
 * Why one entry of a batch has no generation. `expired`, `canceled` and `missing` (no line for
 * the id at all) mean the request was never answered; the others mirror ProviderError kinds.
 */
export type BatchEntryErrorKind =
  | 'auth'
  | 'rate-limit'
  | 'server'
  | 'bad-request'
  | 'bad-response'
  | 'expired'
  | 'canceled'
  | 'missing';

export interface BatchEntryError {
  kind: BatchEntryErrorKind;
  message: string;
  /** The HTTP status the API reported for this entry, when it reported one. */
  status?: number;
  /** Whether submitting the same request again may succeed. */
  retryable: boolean;
}

/** The outcome of one entry: a generation (never cached, latency unknown so 0) or an error. */
export type BatchResult = { generation: Generation } | { error: BatchEntryError };

/** customId → outcome. */
export type BatchResults = Map<string, BatchResult>;

const RETRYABLE: Record<BatchEntryErrorKind, boolean> = {
  auth: false,
  'rate-limit': true,
  server: true,
  'bad-request': false,
  'bad-response': false,
  expired: true,
  canceled: true,
  missing: true,
};

/** An entry error with the default retryability of its kind. */
export function entryError(kind: BatchEntryErrorKind, message: string, status?: number): { error: BatchEntryError } {
  return { error: { kind, message, ...(status !== undefined ? { status } : {}), retryable: RETRYABLE[kind] } };
}

/** HTTP status of a single entry → error kind (as the live providers classify it). */
export function kindForEntryStatus(status: number): BatchEntryErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate-limit';
  if (status >= 500) return 'server';
  return 'bad-request';
}

/** One JSON object per line; blank lines are skipped; a bad line throws naming its 1-based number. */
export function parseJsonl(providerId: string, text: string, source: string): Array<{ line: number; value: Record<string, unknown> }> {
  const out: Array<{ line: number; value: Record<string, unknown> }> = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (!raw.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw badResponse(providerId, `${source} line ${i + 1} is not JSON (${JSON.stringify(clip(raw))})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw badResponse(providerId, `${source} line ${i + 1} is not a JSON object`);
    }
    out.push({ line: i + 1, value: value as Record<string, unknown> });
  }
  return out;
}

/** The custom_id of a result line, or a bad-response naming the line. */
export function customIdOf(providerId: string, value: Record<string, unknown>, line: number, source: string): string {
  const id = value.custom_id;
  if (typeof id !== 'string' || !id) throw badResponse(providerId, `${source} line ${line} has no custom_id`);
  return id;
}

/** Throw when two entries share a custom id (both APIs reject the whole batch for it). */
export function assertUniqueIds(providerId: string, entries: ReadonlyArray<{ customId: string }>): void {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.customId)) {
      throw new ProviderError(`${providerId}: duplicate custom id ${JSON.stringify(e.customId)} in one batch`, {
        kind: 'bad-request',
        providerId,
        hint: 'identical requests need distinct sample numbers',
      });
    }
    seen.add(e.customId);
  }
}

/** Add a `missing` error for every submitted id the result files do not mention. */
export function markMissing(results: BatchResults, customIds: Iterable<string>, why: string): BatchResults {
  for (const id of customIds) if (!results.has(id)) results.set(id, entryError('missing', why));
  return results;
}

export function clip(text: string, n = 80): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

export interface CallOptions {
  providerId: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | FormData;
  secrets: ReadonlyArray<string | undefined>;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** One HTTP call; 2xx → the body text, anything else (or a network failure) → ProviderError. */
export async function call(o: CallOptions): Promise<string> {
  const f = o.fetch ?? fetch;
  try {
    const res = await f(o.url, { method: o.method, headers: o.headers, body: o.body, signal: o.signal });
    if (!res.ok) throw await errorFromResponse(o.providerId, res, o.secrets);
    return await res.text();
  } catch (err) {
    throw toProviderError(err, o.providerId, o.signal, o.secrets);
  }
}

/** Parse a 2xx body as JSON, or throw bad-response. */
export function jsonBody(providerId: string, text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badResponse(providerId, `${what} is not JSON (${JSON.stringify(clip(text))})`);
  }
}

export interface PollOptions {
  signal?: AbortSignal;
  /** Called after every status read, e.g. for progress lines. */
  onPoll?: (status: string) => void;
}

/**
 * Read a batch's status until `done` says it is terminal, sleeping `intervalMs` between reads;
 * gives up with a timeout error once the sleeps add up to more than `maxWaitMs`.
 */
export async function pollUntil<B>(
  providerId: string,
  read: () => Promise<B>,
  status: (b: B) => string,
  done: (b: B) => boolean,
  o: { intervalMs: number; maxWaitMs: number; sleep: (ms: number) => Promise<void> } & PollOptions,
): Promise<B> {
  let waited = 0;
  for (;;) {
    const b = await read();
    o.onPoll?.(status(b));
    if (done(b)) return b;
    if (waited + o.intervalMs > o.maxWaitMs) {
      throw new ProviderError(`${providerId}: batch still ${status(b)} after waiting ${waited} ms`, {
        kind: 'timeout',
        providerId,
        retryable: false,
        hint: 'the batch keeps running on the server; collect it later by its id',
      });
    }
    if (o.signal?.aborted) throw new ProviderError(`${providerId}: waiting cancelled`, { kind: 'aborted', providerId });
    await o.sleep(o.intervalMs);
    waited += o.intervalMs;
  }
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A result line's generation with the fields a batch cannot know filled in honestly. */
export function batchGeneration(g: Omit<Generation, 'latencyMs' | 'cached'>): { generation: Generation } {
  return { generation: { ...g, latencyMs: 0, cached: false } };
}

/**
 * Reads a batch result file into `into`: each line must match `schema` (else bad-response naming
 * `source` and the line) and becomes a result through `toResult`. A generation already in the map
 * is never overwritten, so an error file read after the output file cannot replace an answer.
 */
export function parseResultLines<T>(
  providerId: string,
  text: string,
  source: string,
  into: BatchResults,
  schema: z.ZodType<T>,
  toResult: (line: T) => BatchResult,
): BatchResults {
  for (const { line, value } of parseJsonl(providerId, text, source)) {
    const customId = customIdOf(providerId, value, line, source);
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ProviderError(
        `${providerId}: malformed response: ${source} line ${line}: ${issue.path.join('.') || 'line'}: ${issue.message}`,
        { kind: 'bad-response', providerId },
      );
    }
    const prev = into.get(customId);
    if (prev && 'generation' in prev) continue;
    into.set(customId, toResult(parsed.data));
  }
  return into;
}
