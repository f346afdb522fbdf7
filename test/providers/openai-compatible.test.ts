/** The OpenAI Chat Completions provider against a loopback server speaking the real wire format. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { OpenAiCompatibleProvider } from '../../src/providers/openai-compatible.ts';
import { ProviderError } from '../../src/providers/errors.ts';
import { parseRetryAfter } from '../../src/providers/http.ts';
import { withRetry } from '../../src/providers/retry.ts';
import { chunked, clock, hang, json, recordingSleep, sse, startServer, serverPool, type Handler, type TestServer } from './server.ts';

const KEY = 'sk-test-SECRET-0123456789';
const serve = serverPool();

function provider(s: TestServer, extra: Partial<ConstructorParameters<typeof OpenAiCompatibleProvider>[0]> = {}) {
  return new OpenAiCompatibleProvider({ id: 'openai:gpt-4.1', baseUrl: `${s.url}/v1`, model: 'gpt-4.1', apiKey: KEY, ...extra });
}

const request = {
  messages: [
    { role: 'system' as const, content: 'You write secure code.' },
    { role: 'user' as const, content: 'Write a function.' },
  ],
  temperature: 0.2,
  maxTokens: 256,
  seed: 7,
  stop: ['```\n\n'],
};

const completion = (content: string, finish: string) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model: 'gpt-4.1-2025-04-14',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish }],
  usage: { prompt_tokens: 21, completion_tokens: 9, total_tokens: 30 },
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

test('JSON: exact text, usage, finish, raw ids, latency; wire body and bearer key', async () => {
  const s = await serve(json(200, completion('def f():\n    return 1', 'stop')));
  const g = await provider(s, { now: clock(1000, 1042.5) }).generate(request);
  assert.deepEqual(g, {
    text: 'def f():\n    return 1',
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 21, outputTokens: 9 },
    latencyMs: 42.5,
    cached: false,
    raw: { id: 'chatcmpl-1', model: 'gpt-4.1-2025-04-14' },
  });
  assert.equal(s.requests.length, 1);
  const r = s.requests[0];
  assert.equal(r.method, 'POST');
  assert.equal(r.url, '/v1/chat/completions');
  assert.equal(r.headers.authorization, `Bearer ${KEY}`);
  assert.deepEqual(r.body, {
    model: 'gpt-4.1',
    messages: request.messages,
    temperature: 0.2,
    max_tokens: 256,
    seed: 7,
    stop: ['```\n\n'],
    stream: false,
  });
});

test('max_completion_tokens when configured, and the request model overrides the default', async () => {
  const s = await serve(json(200, completion('x', 'stop')));
  await provider(s, { maxTokensField: 'max_completion_tokens' }).generate({ ...request, model: 'gpt-5' });
  assert.equal(s.requests[0].body.max_completion_tokens, 256);
  assert.equal(s.requests[0].body.max_tokens, undefined);
  assert.equal(s.requests[0].body.model, 'gpt-5');
});

test('truncation: finish_reason length → finishReason length', async () => {
  const s = await serve(json(200, completion('def f(', 'length')));
  const g = await provider(s).generate(request);
  assert.equal(g.finishReason, 'length');
  assert.equal(g.text, 'def f(');
});

test('SSE streaming: deltas joined across split chunks, usage chunk, [DONE]', async () => {
  const chunk = (content: string | null, finish: string | null) => ({
    id: 'chatcmpl-2', object: 'chat.completion.chunk', model: 'gpt-4.1-2025-04-14',
    choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }],
  });
  const s = await serve(
    sse([
      { data: { ...chunk('', null), choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] } },
      { data: chunk('print("héllo', null) },
      { data: chunk(' wörld")', null) },
      { data: chunk(null, 'stop') },
      { data: { id: 'chatcmpl-2', object: 'chat.completion.chunk', model: 'gpt-4.1-2025-04-14', choices: [], usage: { prompt_tokens: 12, completion_tokens: 5 } } },
      { data: '[DONE]' },
    ]),
  );
  const g = await provider(s, { stream: true, now: clock(0, 7) }).generate(request);
  assert.deepEqual(g, {
    text: 'print("héllo wörld")',
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 12, outputTokens: 5 },
    latencyMs: 7,
    cached: false,
    raw: { id: 'chatcmpl-2', model: 'gpt-4.1-2025-04-14' },
  });
  assert.equal(s.requests[0].body.stream, true);
  assert.deepEqual(s.requests[0].body.stream_options, { include_usage: true });
});

test('SSE streaming: CRLF lines and comments, truncated by length', async () => {
  const s = await serve(
    chunked(
      'text/event-stream',
      ': keep-alive\r\n\r\ndata: {"choices":[{"delta":{"content":"ab"},"finish_reason":null}]}\r\n\r\n' +
        'data: {"choices":[{"delta":{"content":"c"},"finish_reason":"length"}]}\r\n\r\ndata: [DONE]\r\n\r\n',
      5,
    ),
  );
  const g = await provider(s, { stream: true }).generate(request);
  assert.equal(g.text, 'abc');
  assert.equal(g.finishReason, 'length');
  assert.deepEqual(g.usage, { inputTokens: 0, outputTokens: 0 });
});

test('SSE stream cut before [DONE] and without a finish reason is a retryable network error', async () => {
  const s = await serve(sse([{ data: { choices: [{ delta: { content: 'a' }, finish_reason: null }] } }]));
  const e = await rejects(provider(s, { stream: true }).generate(request));
  assert.equal(e.kind, 'network');
  assert.equal(e.retryable, true);
});

test('an error object inside the stream is a server error', async () => {
  const s = await serve(sse([{ data: { error: { message: 'model overloaded', type: 'server_error' } } }]));
  const e = await rejects(provider(s, { stream: true }).generate(request));
  assert.equal(e.kind, 'server');
  assert.equal(e.message, 'openai:gpt-4.1: stream error: model overloaded');
});

test('429 with Retry-After: retried once after exactly the server delay', async () => {
  const s = await serve(
    json(429, { error: { message: 'Rate limit reached', type: 'requests' } }, { 'retry-after': '3' }),
    json(200, completion('ok', 'stop')),
  );
  const { sleep, delays } = recordingSleep();
  const g = await withRetry(provider(s), { sleep, random: () => 0.5, baseDelayMs: 1000 }).generate(request);
  assert.equal(g.text, 'ok');
  assert.equal(s.requests.length, 2);
  // jitter would give 500 ms; the server asked for 3 s
  assert.deepEqual(delays, [3000]);
});

test('500 then success: one retry after the full-jitter backoff', async () => {
  const s = await serve(json(500, { error: { message: 'internal', type: 'server_error' } }), json(502, 'bad gateway'), json(200, completion('ok', 'stop')));
  const { sleep, delays } = recordingSleep();
  const seen: string[] = [];
  const g = await withRetry(provider(s), {
    sleep, random: () => 0.25, baseDelayMs: 1000,
    onRetry: (i) => seen.push(`${i.attempt}:${i.error.kind}:${i.error.status}`),
  }).generate(request);
  assert.equal(g.text, 'ok');
  assert.equal(s.requests.length, 3);
  assert.deepEqual(delays, [250, 500]);
  assert.deepEqual(seen, ['1:server:500', '2:server:502']);
});

test('retries stop at maxAttempts and the last error is thrown', async () => {
  const s = await serve(json(503, { error: { message: 'unavailable' } }));
  const { sleep, delays } = recordingSleep();
  const e = await rejects(withRetry(provider(s), { sleep, random: () => 0.99, baseDelayMs: 100, maxDelayMs: 250, maxAttempts: 4 }).generate(request));
  assert.equal(e.status, 503);
  assert.equal(s.requests.length, 4);
  assert.deepEqual(delays, [99, 198, 247]);
});

test('a Retry-After longer than maxDelayMs ends the retries instead of waiting less', async () => {
  const s = await serve(json(429, { error: { message: 'slow down' } }, { 'retry-after': '120' }));
  const { sleep, delays } = recordingSleep();
  const e = await rejects(withRetry(provider(s), { sleep, maxDelayMs: 60_000 }).generate(request));
  assert.equal(e.kind, 'rate-limit');
  assert.equal(e.retryAfterMs, 120_000);
  assert.equal(e.retryable, true);
  assert.equal(s.requests.length, 1);
  assert.deepEqual(delays, []);
});

test('401 is not retried; the key is sent but never appears in the error', async () => {
  const s = await serve(json(401, { error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error' } }));
  const { sleep, delays } = recordingSleep();
  const e = await rejects(withRetry(provider(s), { sleep }).generate(request));
  assert.equal(s.requests[0].headers.authorization, `Bearer ${KEY}`);
  assert.equal(e.kind, 'auth');
  assert.equal(e.status, 401);
  assert.equal(e.retryable, false);
  assert.equal(s.requests.length, 1);
  assert.deepEqual(delays, []);
  assert.equal(e.message, 'openai:gpt-4.1: HTTP 401: invalid_request_error: Incorrect API key provided: ***.');
  assert.ok(!JSON.stringify({ ...e, message: e.message, stack: e.stack, hint: e.hint }).includes(KEY));
});

test('400 is a non-retryable bad-request', async () => {
  const s = await serve(json(400, { error: { message: "Unsupported parameter: 'max_tokens'" } }));
  const e = await rejects(withRetry(provider(s), { sleep: async () => {} }).generate(request));
  assert.equal(e.kind, 'bad-request');
  assert.equal(e.retryable, false);
  assert.equal(s.requests.length, 1);
});

test('malformed JSON body → bad-response, not retried', async () => {
  const s = await serve(json(200, '{"id": "chatcmpl-3", "choices": [{"mess'));
  const e = await rejects(withRetry(provider(s), { sleep: async () => {} }).generate(request));
  assert.equal(e.kind, 'bad-response');
  assert.equal(e.retryable, false);
  assert.equal(s.requests.length, 1);
  assert.match(e.message, /^openai:gpt-4\.1: malformed response: body is not JSON/);
});

test('JSON without choices → bad-response', async () => {
  const s = await serve(json(200, { id: 'x', choices: [] }));
  const e = await rejects(provider(s).generate(request));
  assert.equal(e.kind, 'bad-response');
});

test('a server that never answers is aborted by the per-attempt timeout and retried', async () => {
  const s = await serve(hang);
  const { sleep } = recordingSleep();
  const e = await rejects(withRetry(provider(s), { sleep, timeoutMs: 50, maxAttempts: 2 }).generate(request));
  assert.equal(e.kind, 'timeout');
  assert.equal(e.retryable, true);
  assert.equal(e.message, 'openai:gpt-4.1: no answer within 50 ms');
  assert.equal(s.requests.length, 2);
});

test('a stream that stalls mid-way is aborted by the timeout too', async () => {
  const s = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: {"choices":[{"delta":{"content":"a"}}]}\n\n');
  });
  const e = await rejects(withRetry(provider(s, { stream: true }), { timeoutMs: 50, maxAttempts: 1 }).generate(request));
  assert.equal(e.kind, 'timeout');
});

test("the caller's signal cancels a hanging call without a retry", async () => {
  const s = await serve(hang);
  const controller = new AbortController();
  const { sleep, delays } = recordingSleep();
  const p = withRetry(provider(s), { sleep, timeoutMs: 60_000 }).generate(request, { signal: controller.signal });
  while (s.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
  controller.abort();
  const e = await rejects(p);
  assert.equal(e.kind, 'aborted');
  assert.equal(e.retryable, false);
  assert.equal(s.requests.length, 1);
  assert.deepEqual(delays, []);
});

test('cancellation during a backoff wait ends the retries', async () => {
  const s = await serve(json(500, { error: { message: 'x' } }));
  const controller = new AbortController();
  const sleep = async (_ms: number, signal?: AbortSignal) => {
    controller.abort();
    if (signal?.aborted) throw signal.reason;
  };
  const e = await rejects(withRetry(provider(s), { sleep }).generate(request, { signal: controller.signal }));
  assert.equal(e.kind, 'aborted');
  assert.equal(s.requests.length, 1);
});

test('connection refused is a retryable network error', async () => {
  const s = await startServer([hang]);
  const url = s.url;
  await s.close();
  const p = new OpenAiCompatibleProvider({ id: 'openai:gpt-4.1', baseUrl: url, model: 'gpt-4.1', apiKey: KEY });
  const e = await rejects(p.generate(request));
  assert.equal(e.kind, 'network');
  assert.equal(e.retryable, true);
  assert.ok(!e.message.includes(KEY));
});

test('parseRetryAfter: seconds, HTTP date, retry-after-ms, garbage', () => {
  const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': '2' }), now), 2000);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': '1.5' }), now), 1500);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 21 Oct 2026 07:28:30 GMT' }), now), 30_000);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 21 Oct 2026 07:27:00 GMT' }), now), 0);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now), 250);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now), undefined);
  assert.equal(parseRetryAfter(new Headers(), now), undefined);
});

test('an invalid request is refused before any call', async () => {
  const s = await serve(json(200, completion('x', 'stop')));
  await assert.rejects(provider(s).generate({ messages: [] }));
  await assert.rejects(provider(s).generate({ ...request, apiKey: KEY } as never));
  assert.equal(s.requests.length, 0);
});
