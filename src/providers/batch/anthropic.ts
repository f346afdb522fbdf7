/**
 * Anthropic Message Batches: request entries (`{custom_id, params}`), the results JSONL parser,
 * and a client for create (`POST /v1/messages/batches`), poll (`GET /v1/messages/batches/{id}`)
 * until `ended`, and the results download. Base URLs exclude `/v1`, as for the Messages provider.
 */
import { z } from 'zod';
import { ANTHROPIC_VERSION, anthropicMessagesBody, parseAnthropicMessage } from '../anthropic.ts';
import { ProviderError } from '../errors.ts';
import type { GenerationRequest } from '../types.ts';
import {
  type BatchEntryErrorKind, type BatchEntry, type BatchResult, type BatchResults, type PollOptions,
  assertUniqueIds, batchGeneration, call, defaultSleep, entryError, jsonBody, markMissing,
  parseResultLines, pollUntil,
} from './shared.ts';

/** What the API accepts as a custom_id. */
export const ANTHROPIC_CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
/** The API's limits for one batch. */
export const ANTHROPIC_BATCH_MAX_REQUESTS = 100_000;
export const ANTHROPIC_BATCH_MAX_BYTES = 256 * 1024 * 1024;

const DEFAULT_ID = 'anthropic-batch';

export interface AnthropicBatchRequest {
  custom_id: string;
  params: Record<string, unknown>;
}

/** One request entry; `params` is exactly the body the (non-streaming) Messages provider sends. */
export function anthropicBatchRequest(customId: string, request: GenerationRequest, model: string): AnthropicBatchRequest {
  if (!ANTHROPIC_CUSTOM_ID.test(customId)) {
    throw new ProviderError(`${DEFAULT_ID}: custom id ${JSON.stringify(customId)} does not match ${ANTHROPIC_CUSTOM_ID}`, {
      kind: 'bad-request',
      providerId: DEFAULT_ID,
      hint: 'derive ids with batchCustomId(requestKey)',
    });
  }
  return { custom_id: customId, params: anthropicMessagesBody(request, { model, stream: false }) };
}

/** All entries, checked against the API's limits (unique ids, count, size). */
export function anthropicBatchRequests(entries: ReadonlyArray<BatchEntry>): AnthropicBatchRequest[] {
  assertUniqueIds(DEFAULT_ID, entries);
  if (entries.length === 0 || entries.length > ANTHROPIC_BATCH_MAX_REQUESTS) {
    throw new ProviderError(`${DEFAULT_ID}: a batch holds 1 to ${ANTHROPIC_BATCH_MAX_REQUESTS} requests, got ${entries.length}`, {
      kind: 'bad-request',
      providerId: DEFAULT_ID,
    });
  }
  return entries.map((e) => anthropicBatchRequest(e.customId, e.request, e.model));
}

/**
 * The offline request file: one `{custom_id, params}` entry per line. To submit it by hand, send
 * `{"requests": [<the lines>]}` to `POST /v1/messages/batches`.
 */
export function anthropicBatchFile(entries: ReadonlyArray<BatchEntry>): string {
  const text = anthropicBatchRequests(entries).map((r) => `${JSON.stringify(r)}\n`).join('');
  if (Buffer.byteLength(text) > ANTHROPIC_BATCH_MAX_BYTES) {
    throw new ProviderError(`${DEFAULT_ID}: batch exceeds ${ANTHROPIC_BATCH_MAX_BYTES} bytes`, {
      kind: 'bad-request',
      providerId: DEFAULT_ID,
      hint: 'split the requests over several batches',
    });
  }
  return text;
}

const ResultLineSchema = z.object({
  custom_id: z.string().min(1),
  result: z.object({ type: z.string(), message: z.unknown().optional(), error: z.unknown().optional() }),
});

/** Anthropic error type → entry error kind. */
function kindForErrorType(type: string): BatchEntryErrorKind {
  switch (type) {
    case 'invalid_request_error':
    case 'not_found_error':
    case 'request_too_large':
      return 'bad-request';
    case 'authentication_error':
    case 'permission_error':
      return 'auth';
    case 'rate_limit_error':
      return 'rate-limit';
    default:
      return 'server'; // api_error, overloaded_error and types added later
  }
}

function erroredResult(error: unknown): BatchResult {
  // the API wraps the error object as {type: 'error', error: {type, message}}; older docs show it bare
  let e = error as { type?: unknown; message?: unknown; error?: unknown } | null | undefined;
  if (e && e.type === 'error' && e.error && typeof e.error === 'object') e = e.error as typeof e;
  const type = typeof e?.type === 'string' ? e.type : 'error';
  const message = typeof e?.message === 'string' ? e.message : '';
  return entryError(kindForErrorType(type), `${type}${message ? `: ${message}` : ''}`);
}

function lineResult(providerId: string, r: z.infer<typeof ResultLineSchema>['result']): BatchResult {
  switch (r.type) {
    case 'succeeded':
      try {
        return batchGeneration(parseAnthropicMessage(providerId, r.message));
      } catch (err) {
        if (err instanceof ProviderError) return entryError('bad-response', err.message);
        throw err;
      }
    case 'errored':
      return erroredResult(r.error);
    case 'expired':
      return entryError('expired', 'the batch expired before this request was processed');
    case 'canceled':
      return entryError('canceled', 'the batch was canceled before this request was processed');
    default:
      return entryError('bad-response', `unknown result type ${JSON.stringify(r.type)}`);
  }
}

/**
 * Parse a results JSONL text. A line that is not `{custom_id, result: {type}}` throws bad-response
 * naming `source` and its line number; errored, expired and canceled requests are error entries.
 */
export function parseAnthropicBatchResults(
  text: string,
  source = 'batch results',
  into: BatchResults = new Map(),
  providerId = DEFAULT_ID,
): BatchResults {
  return parseResultLines(providerId, text, source, into, ResultLineSchema, (l) => lineResult(providerId, l.result));
}

const BatchSchema = z.object({
  id: z.string().min(1),
  processing_status: z.string().min(1),
  request_counts: z
    .object({ processing: z.number(), succeeded: z.number(), errored: z.number(), canceled: z.number(), expired: z.number() })
    .partial()
    .nullish(),
  results_url: z.string().nullish(),
});
/** The fields of a message batch object this module reads. */
export type AnthropicBatch = z.infer<typeof BatchSchema>;

export interface AnthropicBatchClientOptions {
  /** Used in error messages, e.g. `anthropic:claude-sonnet-4-5`. */
  id?: string;
  /** The API root without `/v1`, e.g. `https://api.anthropic.com`. */
  baseUrl: string;
  apiKey?: string;
  /** Time between status reads; default 30 s. */
  pollIntervalMs?: number;
  /** Give up waiting (the batch keeps running) after this much sleeping; default 25 h. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

/** A client for the Message Batches endpoints; errors are ProviderErrors without the key. */
export class AnthropicBatchClient {
  readonly id: string;
  private readonly o: AnthropicBatchClientOptions;

  constructor(options: AnthropicBatchClientOptions) {
    this.o = options;
    this.id = options.id ?? DEFAULT_ID;
  }

  private root(): string {
    return this.o.baseUrl.replace(/\/+$/, '');
  }

  private async send(method: 'GET' | 'POST', url: string, body?: unknown, signal?: AbortSignal): Promise<string> {
    return call({
      providerId: this.id,
      url,
      method,
      headers: {
        ...(this.o.apiKey ? { 'x-api-key': this.o.apiKey } : {}),
        'anthropic-version': ANTHROPIC_VERSION,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      secrets: [this.o.apiKey],
      signal,
      fetch: this.o.fetch,
    });
  }

  private batch(text: string): AnthropicBatch {
    const parsed = BatchSchema.safeParse(jsonBody(this.id, text, 'message batch'));
    if (!parsed.success) {
      throw new ProviderError(`${this.id}: malformed response: message batch without id and processing_status`, {
        kind: 'bad-response',
        providerId: this.id,
      });
    }
    return parsed.data;
  }

  /** Create a batch of the entries. */
  async createBatch(entries: ReadonlyArray<BatchEntry>, signal?: AbortSignal): Promise<AnthropicBatch> {
    const requests = anthropicBatchRequests(entries);
    return this.batch(await this.send('POST', `${this.root()}/v1/messages/batches`, { requests }, signal));
  }

  /** Read a batch's current state. */
  async getBatch(batchId: string, signal?: AbortSignal): Promise<AnthropicBatch> {
    return this.batch(await this.send('GET', `${this.root()}/v1/messages/batches/${encodeURIComponent(batchId)}`, undefined, signal));
  }

  /** Ask the API to cancel a batch; it ends once in-flight requests finish. */
  async cancelBatch(batchId: string, signal?: AbortSignal): Promise<AnthropicBatch> {
    return this.batch(await this.send('POST', `${this.root()}/v1/messages/batches/${encodeURIComponent(batchId)}/cancel`, undefined, signal));
  }

  /** Poll until `processing_status` is `ended`, and return the batch. */
  async waitForBatch(batchId: string, options: PollOptions = {}): Promise<AnthropicBatch> {
    return pollUntil(
      this.id,
      () => this.getBatch(batchId, options.signal),
      (b) => b.processing_status,
      (b) => b.processing_status === 'ended',
      {
        ...options,
        intervalMs: this.o.pollIntervalMs ?? 30_000,
        maxWaitMs: this.o.maxWaitMs ?? 25 * 3600_000,
        sleep: this.o.sleep ?? defaultSleep,
      },
    );
  }

  /**
   * Where to read the results: the batch's `results_url` when it is on the configured origin;
   * otherwise the documented path, so the API key is never sent to a host the user did not name.
   */
  private resultsUrl(batch: AnthropicBatch): string {
    const fallback = `${this.root()}/v1/messages/batches/${encodeURIComponent(batch.id)}/results`;
    if (!batch.results_url) return fallback;
    try {
      const u = new URL(batch.results_url, this.root());
      return u.origin === new URL(this.root()).origin ? u.href : fallback;
    } catch {
      return fallback;
    }
  }

  /** The raw results JSONL of an ended batch. */
  async downloadResults(batch: AnthropicBatch, signal?: AbortSignal): Promise<string> {
    if (batch.processing_status !== 'ended') {
      throw new ProviderError(`${this.id}: batch ${batch.id} is still ${batch.processing_status}`, { kind: 'bad-request', providerId: this.id });
    }
    return this.send('GET', this.resultsUrl(batch), undefined, signal);
  }

  /** The results of an ended batch; with `customIds`, every id without a line becomes `missing`. */
  async collect(batch: AnthropicBatch, customIds?: Iterable<string>, signal?: AbortSignal): Promise<BatchResults> {
    const results = parseAnthropicBatchResults(await this.downloadResults(batch, signal), 'batch results', new Map(), this.id);
    if (customIds) markMissing(results, customIds, 'no result line for this request');
    return results;
  }

  /** create → wait → collect: one outcome per entry. */
  async run(entries: ReadonlyArray<BatchEntry>, options: PollOptions = {}): Promise<BatchResults> {
    const created = await this.createBatch(entries, options.signal);
    const done = await this.waitForBatch(created.id, options);
    return this.collect(done, entries.map((e) => e.customId), options.signal);
  }
}
