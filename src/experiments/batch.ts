/**
 * Batch APIs for a whole study, in passes. A study's calls are known only as it runs (a
 * multi-step strategy asks its next question after an answer), so each pass runs the study with
 * providers that answer nothing: what the response cache already holds is served from it and the
 * study goes further; every miss is collected. The misses go to a batch file (or straight to the
 * API); their answers are put into the response cache; the next pass gets further. When nothing
 * is pending, `secfix run` is answered entirely from the cache.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { ModelSpec, StudyConfig } from '../config/schema.ts';
import { ConfigError, InputError } from '../core/errors.ts';
import {
  AnthropicBatchClient, OpenAiBatchClient, batchCustomId, readBatchResults, writeBatchFile,
  type BatchEntry, type BatchEntryErrorKind, type BatchKind, type BatchResults, type OpenAiBatchBodyOptions,
} from '../providers/batch/index.ts';
import { isCacheable, ResponseCache } from '../providers/cache.ts';
import { ProviderError } from '../providers/errors.ts';
import { canonicalRequest, requestKey } from '../providers/request-key.ts';
import type { GenerationRequest, Provider } from '../providers/types.ts';
import { openStore } from '../store/store.ts';
import { runStudy } from './runner.ts';

/** Providers that have a batch API. */
export const BATCH_KINDS = ['openai', 'anthropic'] as const satisfies readonly BatchKind[];

/** As the live OpenAI provider sends it, so a batch answer is the answer to the same request. */
const OPENAI_BODY: OpenAiBatchBodyOptions = { maxTokensField: 'max_completion_tokens' };

const DEFAULT_BASE_URL: Record<BatchKind, string> = { openai: 'https://api.openai.com/v1', anthropic: 'https://api.anthropic.com' };
const DEFAULT_KEY_ENV: Record<BatchKind, string> = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' };

/** One model call the study needs and the cache cannot answer yet. */
export interface PendingRequest {
  model: ModelSpec;
  request: GenerationRequest;
  /** requestKey(request, model.id): the key the runner's response cache looks it up by. */
  key: string;
}

export interface PendingCollection {
  /** Distinct by key, ordered by the study's models, then prompt and sample number (not by the order calls happened to run). */
  requests: PendingRequest[];
  /** Calls of this pass the response cache answered. */
  answered: number;
}

function isBatchKind(p: string): p is BatchKind {
  return (BATCH_KINDS as readonly string[]).includes(p);
}

/** Refuses a study without a response cache: the cache is where batch answers are put. */
export function requireCache(config: StudyConfig): void {
  if (!config.cache.enabled) {
    throw new ConfigError(`${config.file}: batches need the response cache, and cache.enabled is false`, 'remove cache: {enabled: false} from the study (batch answers are put into the cache)');
  }
}

/** The study's batchable models, or those named (each must exist and be batchable). */
export function batchModels(config: StudyConfig, labels?: ReadonlyArray<string>): ModelSpec[] {
  if (!labels?.length) return config.models.filter((m) => isBatchKind(m.provider));
  return labels.map((label) => {
    const m = config.models.find((x) => x.label === label || x.id === label);
    if (!m) throw new ConfigError(`no model ${JSON.stringify(label)} in ${config.file}`, `models of this study: ${config.models.map((x) => x.label).join(', ') || 'none'}`);
    if (!isBatchKind(m.provider)) throw new ConfigError(`${m.label}: provider ${m.provider} has no batch API`, `batch APIs exist for ${BATCH_KINDS.join(' and ')} models`);
    return m;
  });
}

/**
 * Runs the study once without making a call and returns the requests the response cache cannot
 * answer, for the batchable models (or only `models`, by label or id). The run store is a
 * throwaway one in a private temporary folder, deleted afterwards.
 */
export async function collectPendingRequests(config: StudyConfig, o: { models?: ReadonlyArray<string>; tempRoot?: string } = {}): Promise<PendingCollection> {
  requireCache(config);
  const wanted = new Set(batchModels(config, o.models).map((m) => m.label));
  const pending = new Map<string, PendingRequest>();
  const factory = (model: ModelSpec): Provider => ({
    id: model.id,
    async generate(request) {
      if (wanted.has(model.label)) {
        const key = requestKey(request, model.id);
        if (!pending.has(key)) pending.set(key, { model, request, key });
      }
      // nothing is ever called live here, batchable or not
      throw new ProviderError(`${model.id}: deferred to a batch`, { kind: 'bad-request', providerId: model.id, retryable: false });
    },
  });
  const dir = await mkdtemp(path.join(o.tempRoot ?? os.tmpdir(), 'secfix-batch-'));
  const store = openStore(dir, { file: 'pass.db' });
  try {
    // rate limits and budgets govern real calls; a pass makes none, and must not wait or stop for them
    const summary = await runStudy({ ...config, rateLimit: {}, budget: {} }, { store, providerFactory: factory, loadLlamaCpp: async () => undefined });
    // A stable order whatever the concurrency: the study's model order, then prompt, then sample number.
    const modelIndex = new Map(config.models.map((m, i) => [m.label, String(i).padStart(4, '0')]));
    const order = (r: PendingRequest) => [modelIndex.get(r.model.label) ?? r.model.label, JSON.stringify(r.request.messages), String(r.request.sample ?? 0).padStart(8, '0'), r.key];
    const requests = [...pending.values()].sort((a, b) => {
      const x = order(a);
      const y = order(b);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
      return 0;
    });
    return { requests, answered: summary.cached };
  } finally {
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** One sidecar entry: how to file a batch answer in the response cache. */
const KeyEntrySchema = z.strictObject({
  requestKey: z.string().regex(/^[0-9a-f]{64}$/),
  providerId: z.string().min(1),
  model: z.string().min(1),
  /** canonicalRequest(request, providerId): stored in the cache entry, and hashed back to the key. */
  request: z.string().min(1),
});

export const KeysFileSchema = z.strictObject({
  format: z.literal('secfix-batch-keys'),
  version: z.literal(1),
  kind: z.enum(BATCH_KINDS),
  model: z.string().min(1),
  providerId: z.string().min(1),
  requestFile: z.string().min(1),
  entries: z.record(z.string(), KeyEntrySchema),
});
export type KeysFile = z.infer<typeof KeysFileSchema>;

/** One model's batch: request file, sidecar and the entries written to them. */
export interface BatchFileSet {
  model: ModelSpec;
  kind: BatchKind;
  requestFile: string;
  keysFile: string;
  entries: BatchEntry[];
  keys: KeysFile;
}

/** A model label as a file name: anything but letters, digits, dot, dash and underscore becomes `_`. */
export function safeLabel(label: string): string {
  return label.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || '_';
}

/**
 * Writes, per model with pending requests, `DIR/<label>.<kind>.jsonl` (the provider's batch input)
 * and `DIR/<label>.keys.json` (custom id → request key, provider id, label, canonical request).
 */
export async function writeBatchFiles(pending: ReadonlyArray<PendingRequest>, dir: string): Promise<BatchFileSet[]> {
  const byModel = new Map<string, PendingRequest[]>();
  for (const p of pending) byModel.set(p.model.label, [...(byModel.get(p.model.label) ?? []), p]);
  if (byModel.size) {
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw new InputError(`cannot create ${dir}: ${(e as Error).message}`);
    }
  }
  const used = new Set<string>();
  const out: BatchFileSet[] = [];
  for (const list of byModel.values()) {
    const model = list[0]!.model;
    const kind = model.provider as BatchKind;
    let base = safeLabel(model.label);
    for (let i = 2; used.has(base); i++) base = `${safeLabel(model.label)}-${i}`;
    used.add(base);
    const requestFile = path.join(dir, `${base}.${kind}.jsonl`);
    const keysFile = path.join(dir, `${base}.keys.json`);
    const entries: BatchEntry[] = list.map((p) => ({ customId: batchCustomId(p.key), request: p.request, model: model.model }));
    const keys: KeysFile = {
      format: 'secfix-batch-keys', version: 1, kind, model: model.label, providerId: model.id, requestFile: path.basename(requestFile),
      entries: Object.fromEntries(list.map((p) => [batchCustomId(p.key), { requestKey: p.key, providerId: model.id, model: model.label, request: canonicalRequest(p.request, model.id) }])),
    };
    await writeBatchFile(kind, entries, requestFile, kind === 'openai' ? OPENAI_BODY : {});
    try {
      await writeFile(keysFile, `${JSON.stringify(keys, null, 2)}\n`, 'utf8');
    } catch (e) {
      throw new InputError(`cannot write ${keysFile}: ${(e as Error).message}`);
    }
    out.push({ model, kind, requestFile, keysFile, entries, keys });
  }
  return out;
}

/** Reads and checks a sidecar: every id must be the batch id of its key, every key the hash of its request. */
export async function readKeysFile(file: string): Promise<KeysFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read keys file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`${file}: not JSON`, 'pass the .keys.json file that secfix batch write wrote beside the request file');
  }
  const parsed = KeysFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${file}: not a secfix batch keys file: ${issue.path.join('.') || 'file'}: ${issue.message}`, 'pass the .keys.json file that secfix batch write wrote beside the request file');
  }
  for (const [id, e] of Object.entries(parsed.data.entries)) {
    const hash = createHash('sha256').update(e.request).digest('hex');
    if (batchCustomId(e.requestKey) !== id || hash !== e.requestKey) throw new InputError(`${file}: entry ${id} does not match its request (was the file edited?)`);
  }
  return parsed.data;
}

/** Reads result files of the sidecar's kind; a malformed file is an InputError naming file and line. */
export async function readResultFiles(kind: BatchKind, files: ReadonlyArray<string>): Promise<BatchResults> {
  try {
    return await readBatchResults(kind, files);
  } catch (e) {
    if (e instanceof ProviderError) throw new InputError(`malformed batch results: ${e.message.replace(/^[^:]+: (malformed response: )?/, '')}`, `expected the ${kind} batch result file (JSONL) of this batch`);
    throw e;
  }
}

export interface ImportReport {
  /** Answers put into the response cache. */
  cached: number;
  /** Requests the batch did not answer (or answered with nothing usable); never cached. */
  errors: Array<{ customId: string; kind: BatchEntryErrorKind; message: string }>;
  /** Result ids the sidecar does not know. */
  unknown: string[];
  /** Sidecar ids without any result line. */
  missing: string[];
}

/** Puts a batch's answers into the study's response cache, filed under the sidecar's request keys. */
export async function importBatchResults(config: StudyConfig, keys: KeysFile, results: BatchResults): Promise<ImportReport> {
  requireCache(config);
  const cache = new ResponseCache(config.cache.dir);
  const report: ImportReport = { cached: 0, errors: [], unknown: [], missing: [] };
  for (const [customId, result] of results) {
    const entry = keys.entries[customId];
    if (!entry) {
      report.unknown.push(customId);
      continue;
    }
    if ('error' in result) {
      report.errors.push({ customId, kind: result.error.kind, message: result.error.message });
      continue;
    }
    if (!isCacheable(result.generation)) {
      // as a live call: an empty answer with no known reason to stop is a fault, not an answer
      report.errors.push({ customId, kind: 'bad-response', message: 'empty answer with no finish reason; not cached' });
      continue;
    }
    await cache.put(entry.requestKey, result.generation, { providerId: entry.providerId, request: entry.request });
    report.cached++;
  }
  for (const id of Object.keys(keys.entries)) if (!results.has(id)) report.missing.push(id);
  return report;
}

/** The model a sidecar was written for, looked up in the study. */
export function modelOfKeys(config: StudyConfig, keys: KeysFile): ModelSpec {
  const m = config.models.find((x) => x.label === keys.model) ?? config.models.find((x) => x.id === keys.providerId);
  if (!m) throw new ConfigError(`the keys file is for model ${keys.model}, which ${config.file} does not have`);
  return m;
}

export interface ClientOptions {
  /** Where keys are read from (default process.env). */
  env?: Record<string, string | undefined>;
  pollIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The API key of a model's batch client; a ConfigError naming the variable when it is not set. */
export function batchApiKey(model: ModelSpec, kind: BatchKind, env: Record<string, string | undefined> = process.env): string {
  const name = model.apiKeyEnv ?? DEFAULT_KEY_ENV[kind];
  const key = env[name];
  if (!key) throw new ConfigError(`${model.label}: environment variable ${name} is not set`, `export ${name}=… (the ${kind} API key) before submitting batches`);
  return key;
}

/** A batch client over both APIs: submit, wait, collect. */
export interface StudyBatchClient {
  kind: BatchKind;
  submit(set: BatchFileSet, signal?: AbortSignal): Promise<string>;
  /** Waits until the batch is done and returns one outcome per sidecar id. */
  waitAndCollect(batchId: string, customIds: ReadonlyArray<string>, onPoll?: (status: string) => void, signal?: AbortSignal): Promise<BatchResults>;
}

/** The batch client of a model: base URL and key variable from its spec. */
export function batchClientFor(model: ModelSpec, kind: BatchKind, o: ClientOptions = {}): StudyBatchClient {
  const common = {
    id: model.id, baseUrl: model.baseUrl ?? DEFAULT_BASE_URL[kind], apiKey: batchApiKey(model, kind, o.env),
    ...(o.pollIntervalMs !== undefined ? { pollIntervalMs: o.pollIntervalMs } : {}), ...(o.sleep ? { sleep: o.sleep } : {}),
  };
  if (kind === 'openai') {
    const c = new OpenAiBatchClient({ ...common, ...OPENAI_BODY });
    return {
      kind,
      async submit(set, signal) {
        // upload the very file that was written, so what was submitted can be read on disk
        const text = await readFile(set.requestFile, 'utf8');
        const fileId = await c.uploadFile(text, path.basename(set.requestFile), signal);
        return (await c.createBatch(fileId, undefined, signal)).id;
      },
      async waitAndCollect(id, ids, onPoll, signal) {
        const done = await c.waitForBatch(id, { ...(onPoll ? { onPoll } : {}), ...(signal ? { signal } : {}) });
        return c.collect(done, ids, signal);
      },
    };
  }
  const c = new AnthropicBatchClient(common);
  return {
    kind,
    async submit(set, signal) {
      return (await c.createBatch(set.entries, signal)).id;
    },
    async waitAndCollect(id, ids, onPoll, signal) {
      const done = await c.waitForBatch(id, { ...(onPoll ? { onPoll } : {}), ...(signal ? { signal } : {}) });
      return c.collect(done, ids, signal);
    },
  };
}
