/**
 * OpenAI Batch API for chat completions: the JSONL input file, the output/error file parser, and a
 * client for upload (`POST /files`), create (`POST /batches`), poll (`GET /batches/{id}`) and
 * download (`GET /files/{id}/content`). Base URLs include `/v1`, as for the chat provider.
 */
import { z } from 'zod';
import { ProviderError } from '../errors.ts';
import { openAiChatBody, parseOpenAiCompletion } from '../openai-compatible.ts';
import type { GenerationRequest } from '../types.ts';
import {
  type BatchEntry, type BatchResult, type BatchResults, type PollOptions,
  assertUniqueIds, batchGeneration, call, clip, defaultSleep, entryError, jsonBody,
  kindForEntryStatus, markMissing, parseResultLines, pollUntil,
} from './shared.ts';

export const OPENAI_BATCH_ENDPOINT = '/v1/chat/completions';
/** The API's limits for one batch input file. */
export const OPENAI_BATCH_MAX_REQUESTS = 50_000;
export const OPENAI_BATCH_MAX_BYTES = 200 * 1024 * 1024;
/** Statuses after which a batch changes no more. */
export const OPENAI_TERMINAL_STATUSES = ['completed', 'failed', 'expired', 'cancelled'] as const;

const DEFAULT_ID = 'openai-batch';

export interface OpenAiBatchLine {
  custom_id: string;
  method: 'POST';
  url: typeof OPENAI_BATCH_ENDPOINT;
  body: Record<string, unknown>;
}

export interface OpenAiBatchBodyOptions {
  /** As for the chat provider: newer OpenAI models accept only `max_completion_tokens`. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

/** One line of a batch input file; the body is exactly what the (non-streaming) chat provider sends. */
export function openAiBatchLine(
  customId: string,
  request: GenerationRequest,
  model: string,
  options: OpenAiBatchBodyOptions = {},
): OpenAiBatchLine {
  if (!customId) throw new ProviderError(`${DEFAULT_ID}: empty custom id`, { kind: 'bad-request', providerId: DEFAULT_ID });
  return {
    custom_id: customId,
    method: 'POST',
    url: OPENAI_BATCH_ENDPOINT,
    body: openAiChatBody(request, { model, maxTokensField: options.maxTokensField, stream: false }),
  };
}

/** The whole input file: one line per entry, newline-terminated; checks ids and the API's limits. */
export function openAiBatchFile(entries: ReadonlyArray<BatchEntry>, options: OpenAiBatchBodyOptions = {}): string {
  assertUniqueIds(DEFAULT_ID, entries);
  if (entries.length === 0 || entries.length > OPENAI_BATCH_MAX_REQUESTS) {
    throw new ProviderError(`${DEFAULT_ID}: a batch holds 1 to ${OPENAI_BATCH_MAX_REQUESTS} requests, got ${entries.length}`, {
      kind: 'bad-request',
      providerId: DEFAULT_ID,
    });
  }
  const text = entries.map((e) => `${JSON.stringify(openAiBatchLine(e.customId, e.request, e.model, options))}\n`).join('');
  if (Buffer.byteLength(text) > OPENAI_BATCH_MAX_BYTES) {
    throw new ProviderError(`${DEFAULT_ID}: batch file exceeds ${OPENAI_BATCH_MAX_BYTES} bytes`, {
      kind: 'bad-request',
      providerId: DEFAULT_ID,
      hint: 'split the requests over several batches',
    });
  }
  return text;
}

const OutputLineSchema = z.object({
  id: z.string().optional(),
  custom_id: z.string().min(1),
  response: z.object({ status_code: z.number().int(), request_id: z.string().nullish(), body: z.unknown() }).nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

/** Line-level error codes OpenAI uses for requests it never ran. */
function kindForLineError(code: string | null | undefined): 'expired' | 'canceled' | 'server' {
  if (code === 'batch_expired') return 'expired';
  if (code === 'batch_cancelled' || code === 'batch_canceled') return 'canceled';
  // unknown codes: the request itself was not judged invalid, so trying again is reasonable
  return 'server';
}

function bodyMessage(body: unknown): string | undefined {
  let b = body;
  if (typeof body === 'string') {
    try {
      b = JSON.parse(body);
    } catch {
      return clip(body);
    }
  }
  const e = (b as { error?: { message?: unknown; type?: unknown } } | null)?.error;
  if (e && typeof e === 'object') {
    const parts = [e.type, e.message].filter((x) => typeof x === 'string');
    if (parts.length) return parts.join(': ');
  }
  return undefined;
}

function lineResult(providerId: string, line: z.infer<typeof OutputLineSchema>): BatchResult {
  if (line.error) {
    const msg = `${line.error.code ?? 'error'}${line.error.message ? `: ${line.error.message}` : ''}`;
    return entryError(kindForLineError(line.error.code), msg);
  }
  const r = line.response;
  if (!r) return entryError('bad-response', 'result line has neither a response nor an error');
  if (r.status_code !== 200) {
    const detail = bodyMessage(r.body);
    return entryError(kindForEntryStatus(r.status_code), `HTTP ${r.status_code}${detail ? `: ${detail}` : ''}`, r.status_code);
  }
  let body = r.body;
  if (typeof r.body === 'string') {
    try {
      body = JSON.parse(r.body);
    } catch {
      return entryError('bad-response', `response body is not JSON (${JSON.stringify(clip(r.body))})`);
    }
  }
  try {
    return batchGeneration(parseOpenAiCompletion(providerId, body));
  } catch (err) {
    if (err instanceof ProviderError) return entryError('bad-response', err.message);
    throw err;
  }
}

/**
 * Parse the text of an output or error file into `into` (a fresh map by default). A line that is
 * not a JSON object of the documented shape throws bad-response naming `source` and its line;
 * a failed request is an error entry. A generation already in the map is never overwritten.
 */
export function parseOpenAiBatchOutput(
  text: string,
  source = 'batch output',
  into: BatchResults = new Map(),
  providerId = DEFAULT_ID,
): BatchResults {
  return parseResultLines(providerId, text, source, into, OutputLineSchema, (l) => lineResult(providerId, l));
}

const BatchSchema = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  input_file_id: z.string().nullish(),
  output_file_id: z.string().nullish(),
  error_file_id: z.string().nullish(),
  errors: z
    .object({
      data: z
        .array(z.object({ code: z.string().nullish(), message: z.string().nullish(), line: z.number().nullish() }))
        .nullish(),
    })
    .nullish(),
  request_counts: z.object({ total: z.number(), completed: z.number(), failed: z.number() }).nullish(),
});
/** The fields of a batch object this module reads. */
export type OpenAiBatch = z.infer<typeof BatchSchema>;

const FileSchema = z.object({ id: z.string().min(1) });

export interface OpenAiBatchClientOptions extends OpenAiBatchBodyOptions {
  /** Used in error messages, e.g. `openai:gpt-4.1`. */
  id?: string;
  /** The API root including `/v1`, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  apiKey?: string;
  /** Time between status reads; default 30 s. */
  pollIntervalMs?: number;
  /** Give up waiting (the batch keeps running) after this much sleeping; default 25 h. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

/** A client for OpenAI's Files and Batches endpoints; errors are ProviderErrors without the key. */
export class OpenAiBatchClient {
  readonly id: string;
  private readonly o: OpenAiBatchClientOptions;

  constructor(options: OpenAiBatchClientOptions) {
    this.o = options;
    this.id = options.id ?? DEFAULT_ID;
  }

  private url(path: string): string {
    return `${this.o.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  private auth(): Record<string, string> {
    return this.o.apiKey ? { authorization: `Bearer ${this.o.apiKey}` } : {};
  }

  private async send(method: 'GET' | 'POST', path: string, body?: string | FormData, signal?: AbortSignal, json = false): Promise<string> {
    return call({
      providerId: this.id,
      url: this.url(path),
      method,
      headers: { ...this.auth(), ...(json ? { 'content-type': 'application/json' } : {}) },
      body,
      secrets: [this.o.apiKey],
      signal,
      fetch: this.o.fetch,
    });
  }

  private batch(text: string): OpenAiBatch {
    const parsed = BatchSchema.safeParse(jsonBody(this.id, text, 'batch object'));
    if (!parsed.success) throw new ProviderError(`${this.id}: malformed response: batch object without id and status`, { kind: 'bad-response', providerId: this.id });
    return parsed.data;
  }

  /** Upload a batch input file (multipart, `purpose=batch`); returns the file id. */
  async uploadFile(content: string, filename = 'secfix-batch.jsonl', signal?: AbortSignal): Promise<string> {
    const form = new FormData();
    form.append('purpose', 'batch');
    form.append('file', new Blob([content], { type: 'application/jsonl' }), filename);
    const parsed = FileSchema.safeParse(jsonBody(this.id, await this.send('POST', '/files', form, signal), 'file object'));
    if (!parsed.success) throw new ProviderError(`${this.id}: malformed response: file object without id`, { kind: 'bad-response', providerId: this.id });
    return parsed.data.id;
  }

  /** Create a batch over an uploaded input file (chat completions, 24 h window). */
  async createBatch(inputFileId: string, metadata?: Record<string, string>, signal?: AbortSignal): Promise<OpenAiBatch> {
    const body = {
      input_file_id: inputFileId,
      endpoint: OPENAI_BATCH_ENDPOINT,
      completion_window: '24h',
      ...(metadata ? { metadata } : {}),
    };
    return this.batch(await this.send('POST', '/batches', JSON.stringify(body), signal, true));
  }

  /** Read a batch's current state. */
  async getBatch(batchId: string, signal?: AbortSignal): Promise<OpenAiBatch> {
    return this.batch(await this.send('GET', `/batches/${encodeURIComponent(batchId)}`, undefined, signal));
  }

  /** Ask the API to cancel a batch; finished requests still appear in its output file. */
  async cancelBatch(batchId: string, signal?: AbortSignal): Promise<OpenAiBatch> {
    return this.batch(await this.send('POST', `/batches/${encodeURIComponent(batchId)}/cancel`, undefined, signal));
  }

  /** Poll until the batch is completed, failed, expired or cancelled, and return it. */
  async waitForBatch(batchId: string, options: PollOptions = {}): Promise<OpenAiBatch> {
    return pollUntil(
      this.id,
      () => this.getBatch(batchId, options.signal),
      (b) => b.status,
      (b) => (OPENAI_TERMINAL_STATUSES as readonly string[]).includes(b.status),
      {
        ...options,
        intervalMs: this.o.pollIntervalMs ?? 30_000,
        maxWaitMs: this.o.maxWaitMs ?? 25 * 3600_000,
        sleep: this.o.sleep ?? defaultSleep,
      },
    );
  }

  /** A file's content as text. */
  async downloadFile(fileId: string, signal?: AbortSignal): Promise<string> {
    return this.send('GET', `/files/${encodeURIComponent(fileId)}/content`, undefined, signal);
  }

  /**
   * The results of a finished batch: output and error files parsed; with `customIds`, every id
   * without a line becomes a `missing` entry. A failed batch (its input was rejected) throws.
   */
  async collect(batch: OpenAiBatch, customIds?: Iterable<string>, signal?: AbortSignal): Promise<BatchResults> {
    if (batch.status === 'failed') {
      const errs = (batch.errors?.data ?? [])
        .map((e) => `${e.line != null ? `line ${e.line}: ` : ''}${e.code ?? 'error'}${e.message ? `: ${e.message}` : ''}`)
        .join('; ');
      throw new ProviderError(`${this.id}: batch ${batch.id} failed${errs ? `: ${errs}` : ''}`, {
        kind: 'bad-request',
        providerId: this.id,
        hint: 'the input file was rejected; fix the named lines and submit again',
      });
    }
    if (!(OPENAI_TERMINAL_STATUSES as readonly string[]).includes(batch.status)) {
      throw new ProviderError(`${this.id}: batch ${batch.id} is still ${batch.status}`, { kind: 'bad-request', providerId: this.id });
    }
    const results: BatchResults = new Map();
    if (batch.output_file_id) {
      parseOpenAiBatchOutput(await this.downloadFile(batch.output_file_id, signal), 'batch output file', results, this.id);
    }
    if (batch.error_file_id) {
      parseOpenAiBatchOutput(await this.downloadFile(batch.error_file_id, signal), 'batch error file', results, this.id);
    }
    if (customIds) markMissing(results, customIds, `no result line: batch ${batch.status}`);
    return results;
  }

  /** Write, upload and create a batch for the entries. */
  async submit(entries: ReadonlyArray<BatchEntry>, signal?: AbortSignal): Promise<OpenAiBatch> {
    const file = openAiBatchFile(entries, { maxTokensField: this.o.maxTokensField });
    const fileId = await this.uploadFile(file, undefined, signal);
    return this.createBatch(fileId, undefined, signal);
  }

  /** submit → wait → collect: one outcome per entry. */
  async run(entries: ReadonlyArray<BatchEntry>, options: PollOptions = {}): Promise<BatchResults> {
    const created = await this.submit(entries, options.signal);
    const done = await this.waitForBatch(created.id, options);
    return this.collect(done, entries.map((e) => e.customId), options.signal);
  }
}
