/** The Anthropic Message Batches client and file formats against a loopback server speaking the real wire format. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnthropicProvider } from '../../../src/providers/anthropic.ts';
import {
  AnthropicBatchClient, anthropicBatchFile, anthropicBatchRequest, parseAnthropicBatchResults,
} from '../../../src/providers/batch/anthropic.ts';
import type { BatchEntry } from '../../../src/providers/batch/shared.ts';
import { ProviderError } from '../../../src/providers/errors.ts';
import { json, recordingSleep, startServer, type Handler, type TestServer, serverPool } from '../server.ts';

const KEY = 'sk-ant-api03-SECRET-abcdef';
const serve = serverPool();

const text = (body: string): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/binary' });
  res.end(body);
};

const client = (s: TestServer, sleep = recordingSleep().sleep) =>
  new AnthropicBatchClient({ id: 'anthropic:claude-sonnet-4-5', baseUrl: s.url, apiKey: KEY, pollIntervalMs: 500, sleep });

const request = {
  messages: [
    { role: 'system' as const, content: 'Be secure.' },
    { role: 'user' as const, content: 'Write a login handler.' },
  ],
  temperature: 1.4,
  maxTokens: 512,
  seed: 3,
  stop: ['END'],
};

const entries: BatchEntry[] = [
  { customId: 'req-a', request, model: 'claude-sonnet-4-5' },
  { customId: 'req-b', request: { messages: [{ role: 'user', content: 'b' }] }, model: 'claude-sonnet-4-5' },
  { customId: 'req-c', request: { messages: [{ role: 'user', content: 'c' }] }, model: 'claude-sonnet-4-5' },
  { customId: 'req-d', request: { messages: [{ role: 'user', content: 'd' }] }, model: 'claude-sonnet-4-5' },
  { customId: 'req-e', request: { messages: [{ role: 'user', content: 'e' }] }, model: 'claude-sonnet-4-5' },
];

const message = (id: string, text: string, stop: string) => ({
  id, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'text', text }], stop_reason: stop, stop_sequence: null,
  usage: { input_tokens: 30, output_tokens: 11 },
});

const batchObject = (status: string, extra: Record<string, unknown> = {}) => ({
  id: 'msgbatch_01', type: 'message_batch', processing_status: status,
  request_counts: { processing: status === 'ended' ? 0 : 5, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
  ended_at: null, created_at: '2026-11-21T07:00:00Z', expires_at: '2026-11-22T07:00:00Z',
  cancel_initiated_at: null, results_url: null, ...extra,
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

test('a request entry carries exactly the params the non-streaming Messages provider sends', () => {
  const provider = new AnthropicProvider({ id: 'anthropic:claude-sonnet-4-5', baseUrl: 'http://127.0.0.1:1', model: 'claude-sonnet-4-5' });
  assert.deepEqual(anthropicBatchRequest('req-a', request, 'claude-sonnet-4-5'), {
    custom_id: 'req-a',
    params: {
      model: 'claude-sonnet-4-5',
      max_tokens: 512,
      system: 'Be secure.',
      messages: [{ role: 'user', content: 'Write a login handler.' }],
      temperature: 1,
      stop_sequences: ['END'],
    },
  });
  assert.deepEqual(anthropicBatchRequest('req-a', request, 'claude-sonnet-4-5').params, provider.body(request));
  assert.equal(anthropicBatchRequest('x', entries[1].request, 'claude-haiku-4-5').params.max_tokens, 4096);
});

test('custom ids outside ^[a-zA-Z0-9_-]{1,64}$ are rejected before anything is sent', () => {
  for (const bad of ['', 'has space', 'a.b', 'x'.repeat(65)]) {
    assert.throws(() => anthropicBatchRequest(bad, request, 'm'), (e: unknown) =>
      e instanceof ProviderError && e.kind === 'bad-request' && e.message.startsWith(`anthropic-batch: custom id ${JSON.stringify(bad)} does not match`));
  }
  assert.equal(anthropicBatchRequest('A_b-9'.padEnd(64, 'z'), request, 'm').custom_id.length, 64);
});

test('happy path: create, poll twice in progress, ended, results: succeeded, errored, expired, canceled, missing', async () => {
  const results = [
    JSON.stringify({ custom_id: 'req-b', result: { type: 'errored', error: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: too large' } } } }),
    JSON.stringify({ custom_id: 'req-a', result: { type: 'succeeded', message: message('msg_a', 'func login() {}', 'end_turn') } }),
    JSON.stringify({ custom_id: 'req-c', result: { type: 'expired' } }),
    JSON.stringify({ custom_id: 'req-d', result: { type: 'canceled' } }),
  ].join('\n') + '\n';
  let base = '';
  const s = await serve(
    json(200, batchObject('in_progress')),
    json(200, batchObject('in_progress')),
    json(200, batchObject('in_progress')),
    (req, res) => json(200, batchObject('ended', { results_url: `${base}/v1/messages/batches/msgbatch_01/results` }))(req, res),
    text(results),
  );
  base = s.url;
  const { sleep, delays } = recordingSleep();
  const polled: string[] = [];
  const out = await client(s, sleep).run(entries, { onPoll: (st) => polled.push(st) });

  assert.deepEqual(
    s.requests.map((r) => `${r.method} ${r.url}`),
    [
      'POST /v1/messages/batches',
      'GET /v1/messages/batches/msgbatch_01',
      'GET /v1/messages/batches/msgbatch_01',
      'GET /v1/messages/batches/msgbatch_01',
      'GET /v1/messages/batches/msgbatch_01/results',
    ],
  );
  for (const r of s.requests) {
    assert.equal(r.headers['x-api-key'], KEY);
    assert.equal(r.headers['anthropic-version'], '2023-06-01');
    assert.equal(r.headers.authorization, undefined);
  }
  assert.deepEqual(delays, [500, 500]);
  assert.deepEqual(polled, ['in_progress', 'in_progress', 'ended']);
  assert.equal(s.requests[0].headers['content-type'], 'application/json');
  assert.deepEqual(s.requests[0].body, { requests: entries.map((e) => anthropicBatchRequest(e.customId, e.request, e.model)) });
  assert.equal(s.requests[0].body.requests[0].params.system, 'Be secure.');

  assert.deepEqual(
    [...out.entries()],
    [
      ['req-b', { error: { kind: 'bad-request', message: 'invalid_request_error: max_tokens: too large', retryable: false } }],
      ['req-a', { generation: {
        text: 'func login() {}', finishReason: 'stop', rawFinishReason: 'end_turn',
        usage: { inputTokens: 30, outputTokens: 11 }, latencyMs: 0, cached: false,
        raw: { id: 'msg_a', model: 'claude-sonnet-4-5-20250929' },
      } }],
      ['req-c', { error: { kind: 'expired', message: 'the batch expired before this request was processed', retryable: true } }],
      ['req-d', { error: { kind: 'canceled', message: 'the batch was canceled before this request was processed', retryable: true } }],
      ['req-e', { error: { kind: 'missing', message: 'no result line for this request', retryable: true } }],
    ],
  );
});

test('a results_url on another host is not followed: the key stays on the configured origin', async () => {
  const s = await serve(
    json(200, batchObject('ended', { results_url: 'https://elsewhere.invalid/v1/messages/batches/msgbatch_01/results' })),
    text(`${JSON.stringify({ custom_id: 'req-a', result: { type: 'succeeded', message: message('m', 'ok', 'max_tokens') } })}\n`),
  );
  const c = client(s);
  const out = await c.collect(await c.getBatch('msgbatch_01'));
  assert.equal(s.requests[1].url, '/v1/messages/batches/msgbatch_01/results');
  assert.equal((out.get('req-a') as { generation: { finishReason: string } }).generation.finishReason, 'length');
});

test('401 on create: ProviderError auth, key never in the message', async () => {
  const s = await serve(json(401, { type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${KEY}` } }));
  const err = await rejects(client(s).createBatch(entries));
  assert.equal(err.kind, 'auth');
  assert.equal(err.status, 401);
  assert.equal(err.message, 'anthropic:claude-sonnet-4-5: HTTP 401: authentication_error: invalid x-api-key ***');
  assert.ok(!err.message.includes(KEY));
  assert.equal(s.requests.length, 1);
});

test('results of a batch still in progress are refused; cancel posts to /cancel', async () => {
  const s = await serve(json(200, batchObject('canceling')));
  const c = client(s);
  const b = await c.cancelBatch('msgbatch_01');
  assert.equal(`${s.requests[0].method} ${s.requests[0].url}`, 'POST /v1/messages/batches/msgbatch_01/cancel');
  const err = await rejects(c.collect(b));
  assert.equal(err.message, 'anthropic:claude-sonnet-4-5: batch msgbatch_01 is still canceling');
  assert.equal(s.requests.length, 1);
});

test('malformed result lines: one typed error naming the line', () => {
  const good = JSON.stringify({ custom_id: 'a', result: { type: 'expired' } });
  const cases: Array<[string, string]> = [
    [`${good}\n{"custom_id":`, 'anthropic-batch: malformed response: results.jsonl line 2 is not JSON ("{\\"custom_id\\":")'],
    [`${good}\n\n{"custom_id":"b"}`, 'anthropic-batch: malformed response: results.jsonl line 3: result: Invalid input: expected object, received undefined'],
    [`{"result":{"type":"expired"}}`, 'anthropic-batch: malformed response: results.jsonl line 1 has no custom_id'],
  ];
  for (const [input, msg] of cases) {
    assert.throws(() => parseAnthropicBatchResults(input, 'results.jsonl'), (e: unknown) => {
      assert.ok(e instanceof ProviderError);
      assert.equal(e.kind, 'bad-response');
      assert.equal(e.message, msg);
      return true;
    });
  }
});

test('entry-level oddities are error entries: bare error objects, unreadable messages, unknown types', () => {
  const r = parseAnthropicBatchResults([
    JSON.stringify({ custom_id: 'a', result: { type: 'errored', error: { type: 'overloaded_error', message: 'Overloaded' } } }),
    JSON.stringify({ custom_id: 'b', result: { type: 'succeeded', message: { id: 'x' } } }),
    JSON.stringify({ custom_id: 'c', result: { type: 'postponed' } }),
    JSON.stringify({ custom_id: 'd', result: { type: 'errored', error: { type: 'error', error: { type: 'rate_limit_error', message: 'slow' } } } }),
  ].join('\n'));
  assert.deepEqual(r.get('a'), { error: { kind: 'server', message: 'overloaded_error: Overloaded', retryable: true } });
  assert.deepEqual(r.get('b'), { error: { kind: 'bad-response', message: 'anthropic-batch: malformed response: no content array in the message', retryable: false } });
  assert.deepEqual(r.get('c'), { error: { kind: 'bad-response', message: 'unknown result type "postponed"', retryable: false } });
  assert.deepEqual(r.get('d'), { error: { kind: 'rate-limit', message: 'rate_limit_error: slow', retryable: true } });
});

test('the offline request file: one {custom_id, params} entry per line', () => {
  const file = anthropicBatchFile(entries.slice(0, 2));
  const lines = file.split('\n');
  assert.equal(lines.length, 3);
  assert.equal(lines[2], '');
  assert.deepEqual(JSON.parse(lines[0]), anthropicBatchRequest('req-a', request, 'claude-sonnet-4-5'));
  assert.deepEqual(JSON.parse(lines[1]), { custom_id: 'req-b', params: { model: 'claude-sonnet-4-5', max_tokens: 4096, messages: [{ role: 'user', content: 'b' }] } });
});
