/** The Ollama native chat provider against a loopback server speaking the real wire format. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OllamaProvider } from '../../src/providers/ollama.ts';
import { ProviderError } from '../../src/providers/errors.ts';
import { withRetry } from '../../src/providers/retry.ts';
import { chunked, clock, hang, json, recordingSleep, startServer, serverPool, type Handler, type TestServer } from './server.ts';

const serve = serverPool();

const provider = (s: TestServer, extra: Partial<ConstructorParameters<typeof OllamaProvider>[0]> = {}) =>
  new OllamaProvider({ id: 'ollama:qwen2.5-coder:7b', baseUrl: s.url, model: 'qwen2.5-coder:7b', ...extra });

const request = {
  messages: [{ role: 'user' as const, content: 'Write a Go handler.' }],
  temperature: 0,
  maxTokens: 128,
  seed: 42,
  stop: ['<|im_end|>'],
};

const final = (content: string, reason: string) => ({
  model: 'qwen2.5-coder:7b', created_at: '2026-11-21T06:00:00.000Z',
  message: { role: 'assistant', content }, done: true, done_reason: reason,
  total_duration: 123, prompt_eval_count: 18, eval_count: 30,
});

async function rejects(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ProviderError, `expected ProviderError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

test('JSON: exact generation and the native wire body (stream false, options)', async () => {
  const s = await serve(json(200, final('package main', 'stop')));
  const g = await provider(s, { now: clock(10, 11) }).generate(request);
  assert.deepEqual(g, {
    text: 'package main',
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 18, outputTokens: 30 },
    latencyMs: 1,
    cached: false,
    raw: { id: '2026-11-21T06:00:00.000Z', model: 'qwen2.5-coder:7b' },
  });
  assert.equal(s.requests[0].url, '/api/chat');
  assert.deepEqual(s.requests[0].body, {
    model: 'qwen2.5-coder:7b',
    messages: request.messages,
    stream: false,
    options: { temperature: 0, seed: 42, num_predict: 128, stop: ['<|im_end|>'] },
  });
});

test('NDJSON streaming: contents joined, counts from the final line, truncated by length', async () => {
  const lines = [
    { model: 'qwen2.5-coder:7b', created_at: 'a', message: { role: 'assistant', content: 'func ' }, done: false },
    { model: 'qwen2.5-coder:7b', created_at: 'b', message: { role: 'assistant', content: 'main(' }, done: false },
    { ...final('', 'length'), created_at: 'c' },
  ];
  const s = await serve(chunked('application/x-ndjson', lines.map((l) => JSON.stringify(l)).join('\n') + '\n', 11));
  const g = await provider(s, { stream: true }).generate(request);
  assert.equal(g.text, 'func main(');
  assert.equal(g.finishReason, 'length');
  assert.deepEqual(g.usage, { inputTokens: 18, outputTokens: 30 });
  assert.equal(s.requests[0].body.stream, true);
});

test('an error line mid-stream is a server error', async () => {
  const s = await serve(chunked('application/x-ndjson', '{"message":{"content":"a"},"done":false}\n{"error":"model runner crashed"}\n'));
  const e = await rejects(provider(s, { stream: true }).generate(request));
  assert.equal(e.kind, 'server');
  assert.equal(e.message, 'ollama:qwen2.5-coder:7b: model runner crashed');
});

test('a stream line that is not JSON → bad-response', async () => {
  const s = await serve(chunked('application/x-ndjson', '{"message":{"content":"a"},"done":false}\n<html>\n'));
  const e = await rejects(provider(s, { stream: true }).generate(request));
  assert.equal(e.kind, 'bad-response');
});

test('a stream that ends without done:true is incomplete', async () => {
  const s = await serve(chunked('application/x-ndjson', '{"message":{"content":"a"},"done":false}\n'));
  const e = await rejects(provider(s, { stream: true }).generate(request));
  assert.equal(e.kind, 'network');
});

test('404 model not found is not retried and carries Ollama’s message', async () => {
  const s = await serve(json(404, { error: "model 'qwen2.5-coder:7b' not found" }));
  const e = await rejects(withRetry(provider(s), { sleep: async () => {} }).generate(request));
  assert.equal(e.kind, 'bad-request');
  assert.equal(e.message, "ollama:qwen2.5-coder:7b: HTTP 404: model 'qwen2.5-coder:7b' not found");
  assert.equal(s.requests.length, 1);
});

test('500 then success', async () => {
  const s = await serve(json(500, { error: 'llama runner process has terminated' }), json(200, final('ok', 'stop')));
  const { sleep, delays } = recordingSleep();
  const g = await withRetry(provider(s), { sleep, random: () => 0.1, baseDelayMs: 1000 }).generate(request);
  assert.equal(g.text, 'ok');
  assert.deepEqual(delays, [100]);
});

test('malformed JSON body → bad-response', async () => {
  const s = await serve(json(200, '{"model":'));
  assert.equal((await rejects(provider(s).generate(request))).kind, 'bad-response');
});

test('timeout on a server that never answers', async () => {
  const s = await serve(hang);
  const e = await rejects(withRetry(provider(s), { timeoutMs: 40, maxAttempts: 1 }).generate(request));
  assert.equal(e.kind, 'timeout');
});
