/**
 * `llama-cpp:FILE.gguf`: a local GGUF model run inside this process through node-llama-cpp v3.
 *
 * node-llama-cpp is an optional peer dependency (it brings native binaries of several hundred MB),
 * so it is imported only on the first generate call, and its absence is one clear ProviderError.
 * Only the small part of its API described by `LlamaCppModule` below is used; the shapes follow the
 * package's own type definitions (dist/index.d.ts, LlamaChatSession.d.ts, LlamaModel.d.ts of 3.x).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ProviderError } from './errors.ts';
import { defaultNow } from './http.ts';
import {
  GenerationRequestSchema, type FinishReason, type GenerateOptions, type Generation,
  type GenerationRequest, type Message, type Provider,
} from './types.ts';

/** A message of node-llama-cpp's chat history (`ChatHistoryItem` in its types.d.ts). */
export type LlamaChatHistoryItem =
  | { type: 'system'; text: string }
  | { type: 'user'; text: string }
  | { type: 'model'; response: string[] };

/** The options of `LlamaChatSession.promptWithMeta` that we set. */
export interface LlamaPromptOptions {
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  customStopTriggers?: string[];
  signal?: AbortSignal;
  stopOnAbortSignal?: boolean;
}

/** What `promptWithMeta` resolves to (the fields we read). */
export interface LlamaPromptResult {
  responseText: string;
  /** "eogToken" | "maxTokens" | "customStopTrigger" | "stopGenerationTrigger" | "abort" | "functionCalls" */
  stopReason: string;
}

export interface LlamaChatSessionLike {
  setChatHistory(history: LlamaChatHistoryItem[]): void;
  promptWithMeta(prompt: string, options?: LlamaPromptOptions): Promise<LlamaPromptResult>;
  dispose(options?: { disposeSequence?: boolean }): void;
}

export interface LlamaContextSequenceLike {
  dispose(): Promise<void>;
}

export interface LlamaContextLike {
  getSequence(): LlamaContextSequenceLike;
  dispose(): Promise<void>;
}

export interface LlamaModelLike {
  createContext(options?: { contextSize?: number; sequences?: number }): Promise<LlamaContextLike>;
  tokenize(text: string): readonly unknown[];
  dispose(): Promise<void>;
}

export interface LlamaLike {
  loadModel(options: { modelPath: string; gpuLayers?: 'auto' | 'max' | number }): Promise<LlamaModelLike>;
}

/** The subset of `import('node-llama-cpp')` this provider uses. */
export interface LlamaCppModule {
  getLlama(): Promise<LlamaLike>;
  LlamaChatSession: new (options: { contextSequence: LlamaContextSequenceLike }) => LlamaChatSessionLike;
}

export const LLAMA_CPP_PACKAGE = 'node-llama-cpp';

/** Import node-llama-cpp; the specifier is a variable so TypeScript and the bundler leave it to run time. */
export async function importNodeLlamaCpp(): Promise<LlamaCppModule> {
  const specifier: string = LLAMA_CPP_PACKAGE;
  return (await import(specifier)) as LlamaCppModule;
}

/** node-llama-cpp is not installed: the one error a user without it sees. */
export class LlamaCppNotInstalledError extends ProviderError {
  constructor(providerId: string, cause?: unknown) {
    super(`${providerId}: the optional package node-llama-cpp is not installed`, {
      kind: 'bad-request',
      providerId,
      retryable: false,
      hint: 'run `npm install node-llama-cpp` (v3; it downloads llama.cpp binaries) and give the path of a GGUF model file, e.g. llama-cpp:models/qwen2.5-coder-7b-instruct-q4_k_m.gguf',
      cause,
    });
  }
}

/** True for the loader's "package not found" error about node-llama-cpp itself (not one of its dependencies). */
export function isMissingPackageError(err: unknown, specifier = LLAMA_CPP_PACKAGE): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  return err.message.includes(`'${specifier}'`) || err.message.includes(`"${specifier}"`);
}

export interface LlamaCppProviderOptions {
  id?: string;
  /** The GGUF file; relative paths are resolved against the working directory. */
  modelPath: string;
  /** Context window in tokens; default: node-llama-cpp's "auto" (as large as memory allows, up to the model's). */
  contextSize?: number;
  /** Layers offloaded to the GPU; default: node-llama-cpp's "auto". */
  gpuLayers?: 'auto' | 'max' | number;
  /** How node-llama-cpp is obtained; tests inject a fake module here. */
  load?: () => Promise<LlamaCppModule>;
  now?: () => number;
}

/** A model loaded once per file, with its single chat session (calls on it are serialised by `queueFor`). */
interface LoadedModel {
  model: LlamaModelLike;
  context: LlamaContextLike;
  session: LlamaChatSessionLike;
}

interface Runtime {
  llama?: Promise<LlamaLike>;
  models: Map<string, Promise<LoadedModel>>;
}

// Keyed by module object: the real module is one object per process; each test's fake is its own.
const runtimes = new Map<LlamaCppModule, Runtime>();

/** Dispose every loaded model (call at the end of a run so native memory is freed before exit). */
export async function releaseLlamaCppModels(): Promise<void> {
  const all = [...runtimes.values()];
  runtimes.clear();
  for (const r of all) {
    for (const pending of r.models.values()) {
      const m = await pending.catch(() => undefined);
      if (!m) continue;
      m.session.dispose({ disposeSequence: true });
      await m.context.dispose();
      await m.model.dispose();
    }
  }
}

/** One queue per model file, shared by every provider of that file. */
const queues = new Map<string, SerialQueue>();
function queueFor(modelPath: string): SerialQueue {
  let q = queues.get(modelPath);
  if (!q) queues.set(modelPath, (q = new SerialQueue()));
  return q;
}

/** Runs one task at a time; a caller aborted while waiting leaves the queue without running. */
class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  run<T>(task: () => Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.tail = previous.then(() => mine);
    return (async () => {
      try {
        await waitUnlessAborted(previous, signal, onAbort);
        return await task();
      } finally {
        release();
      }
    })();
  }
}

function waitUnlessAborted(p: Promise<void>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<void>((resolve, reject) => {
    const abort = (): void => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    p.then(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    });
  });
}

/** node-llama-cpp's stopReason → ours. */
export function mapLlamaStopReason(reason: string): FinishReason {
  switch (reason) {
    case 'eogToken':
    case 'customStopTrigger':
    case 'stopGenerationTrigger':
      return 'stop';
    case 'maxTokens':
      return 'length';
    case 'functionCalls':
      return 'tool_calls';
    default:
      return 'other';
  }
}

/**
 * Split a request into the chat history to set and the final user prompt. The history is set in
 * full (system messages included) because LlamaChatSession's `systemPrompt` option substitutes a
 * default "helpful assistant" prompt when none is given, which would alter requests without one.
 */
export function toChatHistory(messages: readonly Message[]): { history: LlamaChatHistoryItem[]; prompt: string } | undefined {
  const last = messages[messages.length - 1];
  if (!last || last.role !== 'user') return undefined;
  const history = messages.slice(0, -1).map((m): LlamaChatHistoryItem => {
    if (m.role === 'assistant') return { type: 'model', response: [m.content] };
    return { type: m.role, text: m.content };
  });
  return { history, prompt: last.content };
}

/** A GGUF model run in-process; one generation at a time per model file. */
export class LlamaCppProvider implements Provider {
  readonly id: string;
  /** The absolute path of the model file. */
  readonly modelPath: string;
  private readonly load: () => Promise<LlamaCppModule>;
  private readonly now: () => number;

  constructor(private readonly o: LlamaCppProviderOptions) {
    this.modelPath = path.resolve(o.modelPath);
    this.id = o.id ?? `llama-cpp:${o.modelPath}`;
    this.load = o.load ?? importNodeLlamaCpp;
    this.now = o.now ?? defaultNow;
  }

  async generate(request: GenerationRequest, options: GenerateOptions = {}): Promise<Generation> {
    const r = GenerationRequestSchema.parse(request);
    const { signal } = options;
    if (r.model !== undefined && path.resolve(r.model) !== this.modelPath) {
      throw this.badRequest(`request names model ${r.model}, but this provider runs ${this.modelPath}`);
    }
    const split = toChatHistory(r.messages);
    if (!split) throw this.badRequest('the last message must be from the user');
    if (signal?.aborted) throw this.aborted(signal);

    // The queue is taken synchronously, so calls run in the order they arrived (loading the
    // model, which takes a varying time, happens inside the first call's turn).
    return queueFor(this.modelPath).run(async () => {
      const loaded = await this.loaded();
      const started = this.now();
      let result: LlamaPromptResult;
      try {
        loaded.session.setChatHistory(split.history);
        result = await loaded.session.promptWithMeta(split.prompt, {
          ...(r.maxTokens !== undefined ? { maxTokens: r.maxTokens } : {}),
          ...(r.temperature !== undefined ? { temperature: r.temperature } : {}),
          ...(r.seed !== undefined ? { seed: r.seed } : {}),
          ...(r.stop?.length ? { customStopTriggers: [...r.stop] } : {}),
          // without it an abort rejects with whatever signal.reason is; with it we decide the error
          ...(signal ? { signal, stopOnAbortSignal: true } : {}),
        });
      } catch (err) {
        if (signal?.aborted) throw this.aborted(signal);
        throw new ProviderError(`${this.id}: generation failed: ${err instanceof Error ? err.message : String(err)}`, {
          kind: 'server', providerId: this.id, retryable: false, cause: err,
        });
      }
      if (result.stopReason === 'abort' || signal?.aborted) throw this.aborted(signal);
      // llama.cpp reports no usage: count the message texts and the answer with the model's tokenizer
      // (chat-template tokens are not included, so the count does not depend on the template).
      const count = (text: string): number => (text ? loaded.model.tokenize(text).length : 0);
      return {
        text: result.responseText,
        finishReason: mapLlamaStopReason(result.stopReason),
        rawFinishReason: result.stopReason,
        usage: {
          inputTokens: r.messages.reduce((n, m) => n + count(m.content), 0),
          outputTokens: count(result.responseText),
        },
        latencyMs: Math.max(0, this.now() - started),
        cached: false,
        raw: { model: path.basename(this.modelPath) },
      };
    }, signal, () => this.aborted(signal));
  }

  private badRequest(message: string, hint?: string): ProviderError {
    return new ProviderError(`${this.id}: ${message}`, { kind: 'bad-request', providerId: this.id, hint });
  }

  private aborted(signal: AbortSignal | undefined): ProviderError {
    // the retry wrapper aborts with a ProviderError (its timeout) as the reason; keep it
    if (signal?.reason instanceof ProviderError) return signal.reason;
    return new ProviderError(`${this.id}: request cancelled`, { kind: 'aborted', providerId: this.id });
  }

  /** The loaded model for this file, loading node-llama-cpp and the file on first use. */
  private async loaded(): Promise<LoadedModel> {
    await this.checkFile();
    const mod = await this.module();
    let runtime = runtimes.get(mod);
    if (!runtime) {
      runtime = { models: new Map() };
      runtimes.set(mod, runtime);
    }
    const rt = runtime;
    let pending = rt.models.get(this.modelPath);
    if (!pending) {
      pending = this.loadModel(mod, rt);
      rt.models.set(this.modelPath, pending);
      // a failed load is not remembered: the next call tries again
      pending.catch(() => {
        if (rt.models.get(this.modelPath) === pending) rt.models.delete(this.modelPath);
      });
    }
    return pending;
  }

  private async checkFile(): Promise<void> {
    try {
      const s = await stat(this.modelPath);
      if (!s.isFile()) throw this.badRequest(`model path is not a file: ${this.modelPath}`);
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw this.badRequest(
        code === 'ENOENT' ? `model file not found: ${this.modelPath}` : `model file cannot be read (${code}): ${this.modelPath}`,
        'give the path of a downloaded GGUF file, e.g. llama-cpp:models/qwen2.5-coder-7b-instruct-q4_k_m.gguf',
      );
    }
  }

  private async module(): Promise<LlamaCppModule> {
    try {
      return await this.load();
    } catch (err) {
      if (isMissingPackageError(err)) throw new LlamaCppNotInstalledError(this.id, err);
      throw new ProviderError(`${this.id}: node-llama-cpp could not be loaded: ${err instanceof Error ? err.message : String(err)}`, {
        kind: 'bad-request', providerId: this.id, cause: err,
        hint: 'reinstall it with `npm install node-llama-cpp`',
      });
    }
  }

  private async loadModel(mod: LlamaCppModule, rt: Runtime): Promise<LoadedModel> {
    let llama: LlamaLike;
    try {
      if (!rt.llama) {
        rt.llama = mod.getLlama();
        rt.llama.catch(() => (rt.llama = undefined));
      }
      llama = await rt.llama;
    } catch (err) {
      throw new ProviderError(`${this.id}: llama.cpp could not start: ${err instanceof Error ? err.message : String(err)}`, {
        kind: 'bad-request', providerId: this.id, cause: err,
        hint: 'node-llama-cpp has no working binary for this machine; see its troubleshooting guide',
      });
    }
    let model: LlamaModelLike | undefined;
    try {
      model = await llama.loadModel({
        modelPath: this.modelPath,
        ...(this.o.gpuLayers !== undefined ? { gpuLayers: this.o.gpuLayers } : {}),
      });
      // one sequence: generate calls on a model are serialised anyway, and each extra sequence costs memory
      const context = await model.createContext({
        sequences: 1,
        ...(this.o.contextSize !== undefined ? { contextSize: this.o.contextSize } : {}),
      });
      const session = new mod.LlamaChatSession({ contextSequence: context.getSequence() });
      return { model, context, session };
    } catch (err) {
      await model?.dispose().catch(() => undefined);
      throw new ProviderError(`${this.id}: cannot load ${this.modelPath}: ${err instanceof Error ? err.message : String(err)}`, {
        kind: 'bad-request', providerId: this.id, cause: err,
        hint: 'check that the file is a complete GGUF model and that there is enough memory for it',
      });
    }
  }
}
