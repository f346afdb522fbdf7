/** The Anthropic Messages provider against a loopback server speaking the real wire format. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnthropicProvider } from '../../src/providers/anthropic.ts';
import { ProviderError } from '../../src/providers/errors.ts';
import { withRetry } from '../../src/providers/retry.ts';
import { clock, hang, json, recordingSleep, sse, startServer, serverPool, type Handler, type TestServer } from './server.ts';

const KEY = 'sk-ant-api03-SECRET-abcdef';
const serve = serverPool();

const provider = (s: TestServer, extra: Partial<ConstructorParameters<typeof AnthropicProvider>[0]> = {}) =>
  new AnthropicProvider({ id: 'anthropic:claude-sonnet-4-5', baseUrl: s.url, model: 'claude-sonnet-4-5', apiKey: KEY, ...extra });

const request = {
  messages: [
    { role: 'system' as const, content: 'Be secure.' },
    { role: 'system' as const, content: 'Answer with code only.' },
    { role: 'user' as const, content: 'Write a login handler.' },
  ],
  temperature: 0.7,
  maxTokens: 512,
  seed: 3,
  stop: ['END'],
};

const message = (text: string, stop: string) => ({
  id: 'msg_01', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'text', text }],
  stop_reason: stop, stop_sequence: null,
  usage: { input_tokens: 40, output_tokens: 12 },
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

test('JSON: exact generation; headers, top-level system, stop_sequences, no seed on the wire', async () => {
  const s = await serve(json(200, message('func login() {}', 'end_turn')));
  const g = await provider(s, { now: clock(5, 25) }).generate(request);
  assert.deepEqual(g, {
    text: 'func login() {}',
    finishReason: 'stop',
    rawFinishReason: 'end_turn',
    usage: { inputTokens: 40, outputTokens: 12 },
    latencyMs: 20,
    cached: false,
    raw: { id: 'msg_01', model: 'claude-sonnet-4-5-20250929' },
  });
  const r = s.requests[0];
  assert.equal(r.url, '/v1/messages');
  assert.equal(r.headers['x-api-key'], KEY);
  assert.equal(r.headers['anthropic-version'], '2023-06-01');
  assert.equal(r.headers.authorization, undefined);
  assert.deepEqual(r.body, {
    model: 'claude-sonnet-4-5',
    max_tokens: 512,
    system: 'Be secure.\n\nAnswer with code only.',
    messages: [{ role: 'user', content: 'Write a login handler.' }],
    temperature: 0.7,
    stop_sequences: ['END'],
  });
});

test('max_tokens defaults to 4096 and stop_reason max_tokens is truncation', async () => {
  const s = await serve(json(200, message('partial', 'max_tokens')));
  const g = await provider(s).generate({ messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(s.requests[0].body.max_tokens, 4096);
  assert.equal(s.requests[0].body.system, undefined);
  assert.equal(g.finishReason, 'length');
  assert.equal(g.rawFinishReason, 'max_tokens');
});

test('SSE streaming: message_start, text deltas, message_delta usage and stop, message_stop', async () => {
  const s = await serve(
    sse([
      { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_02', model: 'claude-sonnet-4-5-20250929', content: [], usage: { input_tokens: 33, output_tokens: 1 } } } },
      { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
      { event: 'ping', data: { type: 'ping' } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'const ök' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' = 1;' } } },
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
      { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'stop_sequence', stop_sequence: 'END' }, usage: { output_tokens: 6 } } },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ]),
  );
  const g = await provider(s, { stream: true, now: clock(0, 3) }).generate(request);
  assert.deepEqual(g, {
    text: 'const ök = 1;',
    finishReason: 'stop',
    rawFinishReason: 'stop_sequence',
    usage: { inputTokens: 33, outputTokens: 6 },
    latencyMs: 3,
    cached: false,
    raw: { id: 'msg_02', model: 'claude-sonnet-4-5-20250929' },
  });
  assert.equal(s.requests[0].body.stream, true);
});

test('an overloaded error event mid-stream is retryable and retried', async () => {
  const s = await serve(
    sse([
      { event: 'message_start', data: { type: 'message_start', message: { id: 'm', usage: { input_tokens: 1, output_tokens: 0 } } } },
      { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
    ]),
    sse([
      { event: 'message_start', data: { type: 'message_start', message: { id: 'm2', usage: { input_tokens: 1, output_tokens: 0 } } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } } },
      { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } } },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ]),
  );
  const { sleep, delays } = recordingSleep();
  const errors: string[] = [];
  const g = await withRetry(provider(s, { stream: true }), { sleep, random: () => 0, onRetry: (i) => errors.push(i.error.message) }).generate(request);
  assert.equal(g.text, 'ok');
  assert.equal(g.raw.id, 'm2');
  assert.deepEqual(delays, [0]);
  assert.deepEqual(errors, ['anthropic:claude-sonnet-4-5: stream error: overloaded_error: Overloaded']);
});

test('an invalid_request error event is not retryable', async () => {
  const s = await serve(sse([{ event: 'error', data: { type: 'error', error: { type: 'invalid_request_error', message: 'bad' } } }]));
  const e = await rejects(withRetry(provider(s, { stream: true }), { sleep: async () => {} }).generate(request));
  assert.equal(e.retryable, false);
  assert.equal(s.requests.length, 1);
});

test('a stream without message_stop is an incomplete transfer', async () => {
  const s = await serve(sse([{ event: 'content_block_delta', data: { type: 'content_block_delta', delta: { type: 'text_delta', text: 'x' } } }]));
  const e = await rejects(provider(s, { stream: true }).generate(request));
  assert.equal(e.kind, 'network');
  assert.equal(e.message, 'anthropic:claude-sonnet-4-5: stream ended before message_stop');
});

test('529 overloaded, then 429 with Retry-After, then success', async () => {
  const s = await serve(
    json(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    json(429, { type: 'error', error: { type: 'rate_limit_error', message: 'Too many' } }, { 'retry-after': '7' }),
    json(200, message('done', 'end_turn')),
  );
  const { sleep, delays } = recordingSleep();
  const g = await withRetry(provider(s), { sleep, random: () => 0.5, baseDelayMs: 2000 }).generate(request);
  assert.equal(g.text, 'done');
  assert.equal(s.requests.length, 3);
  assert.deepEqual(delays, [1000, 7000]);
});

test('401 is not retried and the key is redacted from the message', async () => {
  const s = await serve(json(401, { type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${KEY}` } }));
  const e = await rejects(withRetry(provider(s), { sleep: async () => {} }).generate(request));
  assert.equal(e.kind, 'auth');
  assert.equal(s.requests.length, 1);
  assert.equal(e.message, 'anthropic:claude-sonnet-4-5: HTTP 401: authentication_error: invalid x-api-key ***');
  assert.ok(!String(e.stack).includes(KEY));
});

test('malformed JSON → bad-response; JSON of the wrong shape → bad-response', async () => {
  const s = await serve(json(200, 'not json at all'), json(200, { id: 'x', content: 'text' }));
  assert.equal((await rejects(provider(s).generate(request))).kind, 'bad-response');
  assert.equal((await rejects(provider(s).generate(request))).kind, 'bad-response');
});

test('timeout on a server that never answers', async () => {
  const s = await serve(hang);
  const e = await rejects(withRetry(provider(s), { timeoutMs: 40, maxAttempts: 1 }).generate(request));
  assert.equal(e.kind, 'timeout');
  assert.equal(e.retryable, true);
});
