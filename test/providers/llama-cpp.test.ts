/**
 * The embedded GGUF provider. node-llama-cpp is an optional peer dependency and is NOT installed in
 * CI, so these tests run the provider against a fake module implementing exactly the subset of the
 * documented v3 API we call (getLlama → loadModel → createContext → getSequence, LlamaChatSession
 * with setChatHistory and promptWithMeta, model.tokenize), shaped after the package's .d.ts files.
 * They check our use of that API, not llama.cpp itself.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProviderError } from '../../src/providers/errors.ts';
import {
  LlamaCppNotInstalledError, LlamaCppProvider, isMissingPackageError, mapLlamaStopReason, releaseLlamaCppModels,
  type LlamaChatHistoryItem, type LlamaCppModule, type LlamaPromptOptions, type LlamaPromptResult,
} from '../../src/providers/llama-cpp.ts';
import { createProvider, parseProviderId } from '../../src/providers/registry.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-llama-'));
const gguf = path.join(dir, 'tiny.gguf');
writeFileSync(gguf, 'GGUF');
after(() => rmSync(dir, { recursive: true, force: true }));

interface Call {
  history: LlamaChatHistoryItem[];
  prompt: string;
  options: LlamaPromptOptions | undefined;
}

/** A fake node-llama-cpp; `reply` decides each promptWithMeta answer. */
function fakeModule(reply: (call: Call) => Promise<LlamaPromptResult> | LlamaPromptResult = () => ({ responseText: 'print(1)', stopReason: 'eogToken' })) {
  const log = {
    getLlama: 0,
    loadModel: [] as Array<{ modelPath: string; gpuLayers?: unknown }>,
    createContext: [] as unknown[],
    calls: [] as Call[],
    active: 0,
    maxActive: 0,
    disposed: [] as string[],
    failLoads: 0,
  };
  const mod: LlamaCppModule = {
    async getLlama() {
      log.getLlama++;
      return {
        async loadModel(options) {
          log.loadModel.push(options);
          if (log.failLoads > 0) {
            log.failLoads--;
            throw new Error('invalid GGUF magic');
          }
          return {
            async createContext(o) {
              log.createContext.push(o);
              return {
                getSequence: () => ({ dispose: async () => void log.disposed.push('sequence') }),
                dispose: async () => void log.disposed.push('context'),
              };
            },
            // one token per whitespace-separated word: enough to check which texts are counted
            tokenize: (text: string) => text.split(/\s+/).filter(Boolean),
            dispose: async () => void log.disposed.push('model'),
          };
        },
      };
    },
    LlamaChatSession: class {
      private history: LlamaChatHistoryItem[] = [];
      constructor(readonly options: { contextSequence: unknown }) {}
      setChatHistory(h: LlamaChatHistoryItem[]) {
        this.history = h;
      }
      async promptWithMeta(prompt: string, options?: LlamaPromptOptions) {
        log.active++;
        log.maxActive = Math.max(log.maxActive, log.active);
        try {
          const call = { history: this.history, prompt, options };
          log.calls.push(call);
          return await reply(call);
        } finally {
          log.active--;
        }
      }
      dispose() {
        log.disposed.push('session');
      }
    },
  };
  return { mod, log };
}

function clock(...times: number[]): () => number {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)];
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

test('a prompt maps to setChatHistory + promptWithMeta, and the answer to a generation', async () => {
  const { mod, log } = fakeModule(() => ({ responseText: 'def f():\n    return 1', stopReason: 'eogToken' }));
  const p = new LlamaCppProvider({ modelPath: gguf, load: async () => mod, now: clock(100, 350), gpuLayers: 0, contextSize: 4096 });
  const g = await p.generate({
    messages: [{ role: 'system', content: 'You write secure code.' }, { role: 'user', content: 'Write f in Python' }],
    maxTokens: 256, temperature: 0.2, seed: 7, stop: ['\n\n\n'],
  });
  assert.deepEqual(g, {
    text: 'def f():\n    return 1',
    finishReason: 'stop',
    rawFinishReason: 'eogToken',
    usage: { inputTokens: 4 + 4, outputTokens: 4 },
    latencyMs: 250,
    cached: false,
    raw: { model: 'tiny.gguf' },
  });
  assert.deepEqual(log.loadModel, [{ modelPath: gguf, gpuLayers: 0 }]);
  assert.deepEqual(log.createContext, [{ sequences: 1, contextSize: 4096 }]);
  assert.equal(log.calls.length, 1);
  assert.deepEqual(log.calls[0].history, [{ type: 'system', text: 'You write secure code.' }]);
  assert.equal(log.calls[0].prompt, 'Write f in Python');
  assert.deepEqual(log.calls[0].options, { maxTokens: 256, temperature: 0.2, seed: 7, customStopTriggers: ['\n\n\n'] });
  assert.equal(p.id, `llama-cpp:${gguf}`);
});

test('stop reasons: maxTokens is length, stop triggers are stop, anything unknown is other', async () => {
  const reasons = ['maxTokens', 'customStopTrigger', 'stopGenerationTrigger', 'functionCalls', 'somethingNew'];
  const { mod } = fakeModule(({ prompt }) => ({ responseText: 'x', stopReason: prompt }));
  const p = new LlamaCppProvider({ modelPath: gguf, load: async () => mod });
  const got: Array<[string | undefined, string]> = [];
  for (const r of reasons) {
    const g = await p.generate({ messages: [{ role: 'user', content: r }] });
    got.push([g.rawFinishReason, g.finishReason]);
  }
  assert.deepEqual(got, [
    ['maxTokens', 'length'], ['customStopTrigger', 'stop'], ['stopGenerationTrigger', 'stop'],
    ['functionCalls', 'tool_calls'], ['somethingNew', 'other'],
  ]);
  assert.equal(mapLlamaStopReason('eogToken'), 'stop');
});

test('a multi-turn request becomes the chat history; no system message means none is added', async () => {
  const { mod, log } = fakeModule();
  const p = new LlamaCppProvider({ modelPath: gguf, load: async () => mod });
  await p.generate({
    messages: [
      { role: 'system', content: 'Be careful.' },
      { role: 'user', content: 'Write a login handler.' },
      { role: 'assistant', content: 'query = "SELECT " + name' },
      { role: 'user', content: 'Fix the SQL injection.' },
    ],
  });
  await p.generate({ messages: [{ role: 'user', content: 'Hello' }] });
  assert.deepEqual(log.calls.map((c) => [c.history, c.prompt]), [
    [[
      { type: 'system', text: 'Be careful.' },
      { type: 'user', text: 'Write a login handler.' },
      { type: 'model', response: ['query = "SELECT " + name'] },
    ], 'Fix the SQL injection.'],
    // the history is replaced on every call, so nothing leaks from the previous conversation
    [[], 'Hello'],
  ]);
  assert.deepEqual(log.calls[1].options, {});
});

test('requests that cannot be sent are bad-request errors before anything is loaded', async () => {
  let loads = 0;
  const p = new LlamaCppProvider({ id: 'llama-cpp:tiny.gguf', modelPath: gguf, load: async () => (loads++, fakeModule().mod) });
  await assert.rejects(
    p.generate({ messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }] }),
    { name: 'ProviderError', kind: 'bad-request', message: 'llama-cpp:tiny.gguf: the last message must be from the user' },
  );
  await assert.rejects(p.generate({ model: '/elsewhere/other.gguf', messages: [{ role: 'user', content: 'a' }] }), {
    kind: 'bad-request', message: `llama-cpp:tiny.gguf: request names model /elsewhere/other.gguf, but this provider runs ${gguf}`,
  });
  assert.equal(loads, 0);
});

test('abort during generation is an aborted ProviderError (stopOnAbortSignal keeps the partial text out)', async () => {
  const started = deferred<void>();
  const { mod, log } = fakeModule(async ({ options }) => {
    started.resolve();
    const signal = options?.signal as AbortSignal;
    await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
    return { responseText: 'partial', stopReason: 'abort' };
  });
  const p = new LlamaCppProvider({ id: 'llama-cpp:tiny.gguf', modelPath: gguf, load: async () => mod });
  const ac = new AbortController();
  const pending = p.generate({ messages: [{ role: 'user', content: 'go' }] }, { signal: ac.signal });
  await started.promise;
  ac.abort();
  await assert.rejects(pending, (e: unknown) => {
    assert.ok(e instanceof ProviderError);
    assert.equal(e.kind, 'aborted');
    assert.equal(e.message, 'llama-cpp:tiny.gguf: request cancelled');
    return true;
  });
  assert.equal(log.calls[0].options?.stopOnAbortSignal, true);
  assert.equal(log.calls[0].options?.signal, ac.signal);
});

test('an abort whose reason is a ProviderError (the retry timeout) passes that error through; a pre-aborted call never prompts', async () => {
  const { mod, log } = fakeModule(async ({ options }) => {
    const signal = options?.signal as AbortSignal;
    timeout.abort(new ProviderError('llama-cpp:x: timed out after 5 ms', { kind: 'timeout' }));
    // the library rejects with signal.reason when generation had not started
    throw signal.reason;
  });
  const timeout = new AbortController();
  const p = new LlamaCppProvider({ modelPath: gguf, load: async () => mod });
  await assert.rejects(p.generate({ messages: [{ role: 'user', content: 'go' }] }, { signal: timeout.signal }), {
    kind: 'timeout', message: 'llama-cpp:x: timed out after 5 ms',
  });
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(p.generate({ messages: [{ role: 'user', content: 'go' }] }, { signal: ac.signal }), { kind: 'aborted' });
  assert.equal(log.calls.length, 1);
});

test('a library failure during generation is a non-retryable ProviderError', async () => {
  const { mod } = fakeModule(() => {
    throw new Error('context shift failed');
  });
  const p = new LlamaCppProvider({ id: 'llama-cpp:tiny.gguf', modelPath: gguf, load: async () => mod });
  await assert.rejects(p.generate({ messages: [{ role: 'user', content: 'go' }] }), {
    kind: 'server', retryable: false, message: 'llama-cpp:tiny.gguf: generation failed: context shift failed',
  });
});

test('the model is loaded once per file and calls on it run one at a time, in order', async () => {
  const gates = [deferred<void>(), deferred<void>(), deferred<void>()];
  const { mod, log } = fakeModule(async ({ prompt }) => {
    await gates[Number(prompt)].promise;
    return { responseText: `answer ${prompt}`, stopReason: 'eogToken' };
  });
  const a = new LlamaCppProvider({ modelPath: gguf, load: async () => mod });
  const b = new LlamaCppProvider({ modelPath: path.relative(process.cwd(), gguf), load: async () => mod });
  const results = [a, b, a].map((p, i) => p.generate({ messages: [{ role: 'user', content: String(i) }] }));
  // release in reverse: a serial queue still finishes them in arrival order
  gates[2].resolve();
  gates[1].resolve();
  gates[0].resolve();
  assert.deepEqual((await Promise.all(results)).map((g) => g.text), ['answer 0', 'answer 1', 'answer 2']);
  assert.deepEqual(log.calls.map((c) => c.prompt), ['0', '1', '2']);
  assert.equal(log.maxActive, 1);
  assert.equal(log.getLlama, 1);
  assert.equal(log.loadModel.length, 1);
});

test('a caller aborted while queued leaves without prompting; the queue carries on', async () => {
  const gate = deferred<void>();
  const { mod, log } = fakeModule(async ({ prompt }) => {
    if (prompt === 'first') await gate.promise;
    return { responseText: prompt, stopReason: 'eogToken' };
  });
  const p = new LlamaCppProvider({ modelPath: gguf, load: async () => mod });
  const first = p.generate({ messages: [{ role: 'user', content: 'first' }] });
  const ac = new AbortController();
  const queued = p.generate({ messages: [{ role: 'user', content: 'queued' }] }, { signal: ac.signal });
  const third = p.generate({ messages: [{ role: 'user', content: 'third' }] });
  ac.abort();
  await assert.rejects(queued, { kind: 'aborted' });
  gate.resolve();
  assert.equal((await first).text, 'first');
  assert.equal((await third).text, 'third');
  assert.deepEqual(log.calls.map((c) => c.prompt), ['first', 'third']);
});

test('a failed model load is reported and not cached', async () => {
  const { mod, log } = fakeModule();
  log.failLoads = 1;
  const p = new LlamaCppProvider({ id: 'llama-cpp:tiny.gguf', modelPath: gguf, load: async () => mod });
  await assert.rejects(p.generate({ messages: [{ role: 'user', content: 'a' }] }), (e: unknown) => {
    assert.ok(e instanceof ProviderError);
    assert.equal(e.kind, 'bad-request');
    assert.equal(e.message, `llama-cpp:tiny.gguf: cannot load ${gguf}: invalid GGUF magic`);
    assert.equal(e.hint, 'check that the file is a complete GGUF model and that there is enough memory for it');
    return true;
  });
  assert.equal((await p.generate({ messages: [{ role: 'user', content: 'a' }] })).text, 'print(1)');
  assert.equal(log.loadModel.length, 2);
});

test('a missing model file is a clear error naming the absolute path, checked before importing node-llama-cpp', async () => {
  let loads = 0;
  const missing = path.join(dir, 'nope', 'model.gguf');
  const p = new LlamaCppProvider({ modelPath: missing, load: async () => (loads++, fakeModule().mod) });
  await assert.rejects(p.generate({ messages: [{ role: 'user', content: 'a' }] }), (e: unknown) => {
    assert.ok(e instanceof ProviderError);
    assert.equal(e.kind, 'bad-request');
    assert.equal(e.retryable, false);
    assert.equal(e.message, `llama-cpp:${missing}: model file not found: ${missing}`);
    assert.equal(e.hint, 'give the path of a downloaded GGUF file, e.g. llama-cpp:models/qwen2.5-coder-7b-instruct-q4_k_m.gguf');
    return true;
  });
  const sub = path.join(dir, 'a-directory.gguf');
  mkdirSync(sub);
  await assert.rejects(new LlamaCppProvider({ id: 'llama-cpp:d', modelPath: sub, load: async () => fakeModule().mod }).generate({ messages: [{ role: 'user', content: 'a' }] }), {
    message: `llama-cpp:d: model path is not a file: ${sub}`,
  });
  assert.equal(loads, 0);
});

const NOT_INSTALLED_HINT = 'run `npm install node-llama-cpp` (v3; it downloads llama.cpp binaries) and give the path of a GGUF model file, e.g. llama-cpp:models/qwen2.5-coder-7b-instruct-q4_k_m.gguf';

function isInstalled(): boolean {
  try {
    import.meta.resolve('node-llama-cpp');
    return true;
  } catch {
    return false;
  }
}

test('without node-llama-cpp installed, the default loader gives one typed error with an install hint', { skip: isInstalled() && 'node-llama-cpp is installed here' }, async () => {
  const p = new LlamaCppProvider({ id: 'llama-cpp:tiny.gguf', modelPath: gguf });
  await assert.rejects(p.generate({ messages: [{ role: 'user', content: 'a' }] }), (e: unknown) => {
    assert.ok(e instanceof LlamaCppNotInstalledError);
    assert.ok(e instanceof ProviderError);
    assert.equal(e.kind, 'bad-request');
    assert.equal(e.retryable, false);
    assert.equal(e.message, 'llama-cpp:tiny.gguf: the optional package node-llama-cpp is not installed');
    assert.equal(e.hint, NOT_INSTALLED_HINT);
    return true;
  });
});

test('only "node-llama-cpp itself is missing" counts as not installed; other load failures say what failed', async () => {
  const missing = Object.assign(new Error("Cannot find package 'node-llama-cpp' imported from /x/llama-cpp.ts"), { code: 'ERR_MODULE_NOT_FOUND' });
  const depMissing = Object.assign(new Error("Cannot find package 'lifecycle-utils' imported from /x/node_modules/node-llama-cpp/dist/index.js"), { code: 'ERR_MODULE_NOT_FOUND' });
  assert.equal(isMissingPackageError(missing), true);
  assert.equal(isMissingPackageError(depMissing), false);
  assert.equal(isMissingPackageError(new Error('x')), false);

  const a = new LlamaCppProvider({ id: 'llama-cpp:t', modelPath: gguf, load: async () => Promise.reject(missing) });
  await assert.rejects(a.generate({ messages: [{ role: 'user', content: 'a' }] }), { name: 'LlamaCppNotInstalledError', hint: NOT_INSTALLED_HINT });
  const b = new LlamaCppProvider({ id: 'llama-cpp:t', modelPath: gguf, load: async () => Promise.reject(depMissing) });
  await assert.rejects(b.generate({ messages: [{ role: 'user', content: 'a' }] }), {
    name: 'ProviderError', kind: 'bad-request',
    message: "llama-cpp:t: node-llama-cpp could not be loaded: Cannot find package 'lifecycle-utils' imported from /x/node_modules/node-llama-cpp/dist/index.js",
  });
  const { mod } = fakeModule();
  const noBinary: LlamaCppModule = { ...mod, getLlama: async () => Promise.reject(new Error('no prebuilt binary for linux-riscv64')) };
  const c = new LlamaCppProvider({ id: 'llama-cpp:t', modelPath: gguf, load: async () => noBinary });
  await assert.rejects(c.generate({ messages: [{ role: 'user', content: 'a' }] }), {
    kind: 'bad-request', message: 'llama-cpp:t: llama.cpp could not start: no prebuilt binary for linux-riscv64',
  });
});

test('the registry builds a lazy llama-cpp provider from llama-cpp:FILE.gguf', async () => {
  assert.deepEqual(parseProviderId('llama-cpp:models/q.gguf'), { kind: 'llama-cpp', file: 'models/q.gguf' });
  assert.throws(() => parseProviderId('llama-cpp:'), { message: 'model id "llama-cpp:" needs a file after "llama-cpp:"' });
  let loads = 0;
  const { mod, log } = fakeModule();
  const p = createProvider(`llama-cpp:${gguf}`, { llamaCpp: { contextSize: 2048, load: async () => (loads++, mod) } });
  assert.ok(p instanceof LlamaCppProvider);
  assert.equal(p.id, `llama-cpp:${gguf}`);
  assert.equal(loads, 0);
  await p.generate({ messages: [{ role: 'user', content: 'a' }] });
  assert.deepEqual(log.createContext, [{ sequences: 1, contextSize: 2048 }]);
});

test('releaseLlamaCppModels disposes session, context and model; the next call loads again', async () => {
  const { mod, log } = fakeModule();
  const p = new LlamaCppProvider({ modelPath: gguf, load: async () => mod });
  await p.generate({ messages: [{ role: 'user', content: 'a' }] });
  await releaseLlamaCppModels();
  assert.deepEqual(log.disposed, ['session', 'context', 'model']);
  await p.generate({ messages: [{ role: 'user', content: 'a' }] });
  assert.equal(log.loadModel.length, 2);
});
