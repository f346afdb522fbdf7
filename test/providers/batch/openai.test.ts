/** The OpenAI Batch API client and file formats against a loopback server speaking the real wire format. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OpenAiBatchClient, openAiBatchFile, openAiBatchLine, parseOpenAiBatchOutput,
} from '../../../src/providers/batch/openai.ts';
import type { BatchEntry } from '../../../src/providers/batch/shared.ts';
import { ProviderError } from '../../../src/providers/errors.ts';
import { OpenAiCompatibleProvider } from '../../../src/providers/openai-compatible.ts';
import { json, recordingSleep, startServer, type Handler, type TestServer, serverPool } from '../server.ts';

const KEY = 'sk-proj-SECRET-0123456789';
const serve = serverPool();

/** A plain-text body, as the files content endpoint serves JSONL. */
const text = (body: string): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  res.end(body);
};

const client = (s: TestServer, sleep = recordingSleep().sleep) =>
  new OpenAiBatchClient({ id: 'openai:gpt-4.1-mini', baseUrl: `${s.url}/v1`, apiKey: KEY, pollIntervalMs: 1000, sleep });

const request = {
  messages: [
    { role: 'system' as const, content: 'Be secure.' },
    { role: 'user' as const, content: 'Write a login handler.' },
  ],
  temperature: 0.2,
  maxTokens: 256,
  seed: 7,
  stop: ['END'],
};

const entries: BatchEntry[] = [
  { customId: 'req-a', request, model: 'gpt-4.1-mini' },
  { customId: 'req-b', request: { ...request, sample: 1, model: 'gpt-4.1' }, model: 'gpt-4.1-mini' },
  { customId: 'req-c', request: { messages: [{ role: 'user', content: 'hi' }] }, model: 'gpt-4.1-mini' },
  { customId: 'req-d', request: { messages: [{ role: 'user', content: 'again' }] }, model: 'gpt-4.1-mini' },
  { customId: 'req-e', request: { messages: [{ role: 'user', content: 'lost' }] }, model: 'gpt-4.1-mini' },
];

const completion = (id: string, content: string, finish: string) => ({
  id, object: 'chat.completion', model: 'gpt-4.1-mini-2025-04-14',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish }],
  usage: { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 },
});

const okLine = (customId: string, body: unknown) =>
  JSON.stringify({ id: `batch_req_${customId}`, custom_id: customId, response: { status_code: 200, request_id: `rq-${customId}`, body }, error: null });

const batchObject = (status: string, extra: Record<string, unknown> = {}) => ({
  id: 'batch_abc', object: 'batch', endpoint: '/v1/chat/completions', errors: null,
  input_file_id: 'file-in', completion_window: '24h', status,
  output_file_id: null, error_file_id: null, created_at: 1_760_000_000,
  request_counts: { total: 5, completed: 0, failed: 0 }, metadata: null, ...extra,
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

/** The parts of a multipart/form-data body by field name. */
function multipart(contentType: string, body: string): Record<string, { filename?: string; type?: string; value: string }> {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  assert.ok(boundary, `no boundary in ${contentType}`);
  const out: Record<string, { filename?: string; type?: string; value: string }> = {};
  for (const part of body.split(`--${boundary}`).slice(1, -1)) {
    const [head, ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
    const value = rest.join('\r\n\r\n').replace(/\r\n$/, '');
    const name = /name="([^"]+)"/.exec(head)?.[1] ?? '';
    out[name] = {
      value,
      ...(/filename="([^"]+)"/.exec(head) ? { filename: /filename="([^"]+)"/.exec(head)![1] } : {}),
      ...(/content-type: (.+)/i.exec(head) ? { type: /content-type: (.+)/i.exec(head)![1].trim() } : {}),
    };
  }
  return out;
}

test('a batch line carries exactly the body the non-streaming chat provider sends', () => {
  const provider = new OpenAiCompatibleProvider({ id: 'openai:gpt-4.1-mini', baseUrl: 'http://127.0.0.1:1', model: 'gpt-4.1-mini' });
  assert.deepEqual(openAiBatchLine('req-a', request, 'gpt-4.1-mini'), {
    custom_id: 'req-a',
    method: 'POST',
    url: '/v1/chat/completions',
    body: {
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'system', content: 'Be secure.' },
        { role: 'user', content: 'Write a login handler.' },
      ],
      temperature: 0.2,
      max_tokens: 256,
      seed: 7,
      stop: ['END'],
      stream: false,
    },
  });
  assert.deepEqual(openAiBatchLine('req-a', request, 'gpt-4.1-mini').body, provider.body(request));
  const modern = openAiBatchLine('x', request, 'gpt-5', { maxTokensField: 'max_completion_tokens' }).body;
  assert.equal(modern.max_completion_tokens, 256);
  assert.equal(modern.max_tokens, undefined);
  assert.equal(modern.model, 'gpt-5');
});

test('the input file: one line per entry; duplicate ids and empty batches are rejected', () => {
  const file = openAiBatchFile(entries.slice(0, 2));
  assert.equal(file, `${JSON.stringify(openAiBatchLine('req-a', request, 'gpt-4.1-mini'))}\n${JSON.stringify(openAiBatchLine('req-b', entries[1].request, 'gpt-4.1-mini'))}\n`);
  assert.equal(JSON.parse(file.split('\n')[1]).body.model, 'gpt-4.1');
  assert.throws(() => openAiBatchFile([entries[0], entries[0]]), (e: unknown) =>
    e instanceof ProviderError && e.kind === 'bad-request' && e.message === 'openai-batch: duplicate custom id "req-a" in one batch');
  assert.throws(() => openAiBatchFile([]), (e: unknown) =>
    e instanceof ProviderError && e.message === 'openai-batch: a batch holds 1 to 50000 requests, got 0');
});

test('happy path: upload, create, poll twice in progress, completed, download output and error files', async () => {
  const output = [
    okLine('req-a', completion('chatcmpl-a', 'def login(): pass', 'stop')),
    okLine('req-b', completion('chatcmpl-b', 'def login(', 'length')),
    okLine('req-c', { choices: [] }),
  ].join('\n');
  const errors = [
    JSON.stringify({
      id: 'batch_req_d', custom_id: 'req-d',
      response: { status_code: 400, request_id: 'rq-d', body: { error: { message: 'bad max_tokens', type: 'invalid_request_error' } } },
      error: null,
    }),
    JSON.stringify({ id: 'batch_req_e', custom_id: 'req-e', response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } }),
  ].join('\n') + '\n';
  const s = await serve(
    json(200, { id: 'file-in', object: 'file', bytes: 1234, created_at: 1_760_000_000, filename: 'secfix-batch.jsonl', purpose: 'batch' }),
    json(200, batchObject('validating')),
    json(200, batchObject('in_progress')),
    json(200, batchObject('in_progress')),
    json(200, batchObject('completed', { output_file_id: 'file-out', error_file_id: 'file-err', request_counts: { total: 5, completed: 3, failed: 2 } })),
    text(output),
    text(errors),
  );
  const { sleep, delays } = recordingSleep();
  const polled: string[] = [];
  const results = await client(s, sleep).run(entries, { onPoll: (st) => polled.push(st) });

  assert.deepEqual(
    s.requests.map((r) => `${r.method} ${r.url}`),
    [
      'POST /v1/files',
      'POST /v1/batches',
      'GET /v1/batches/batch_abc',
      'GET /v1/batches/batch_abc',
      'GET /v1/batches/batch_abc',
      'GET /v1/files/file-out/content',
      'GET /v1/files/file-err/content',
    ],
  );
  for (const r of s.requests) assert.equal(r.headers.authorization, `Bearer ${KEY}`);
  assert.deepEqual(delays, [1000, 1000]);
  assert.deepEqual(polled, ['in_progress', 'in_progress', 'completed']);

  const upload = s.requests[0];
  assert.match(String(upload.headers['content-type']), /^multipart\/form-data; boundary=/);
  const parts = multipart(String(upload.headers['content-type']), upload.body);
  assert.deepEqual(Object.keys(parts).sort(), ['file', 'purpose']);
  assert.equal(parts.purpose.value, 'batch');
  assert.equal(parts.file.filename, 'secfix-batch.jsonl');
  assert.equal(parts.file.value, openAiBatchFile(entries));

  const create = s.requests[1];
  assert.equal(create.headers['content-type'], 'application/json');
  assert.deepEqual(create.body, { input_file_id: 'file-in', endpoint: '/v1/chat/completions', completion_window: '24h' });

  assert.deepEqual(
    [...results.entries()],
    [
      ['req-a', { generation: {
        text: 'def login(): pass', finishReason: 'stop', rawFinishReason: 'stop',
        usage: { inputTokens: 20, outputTokens: 9 }, latencyMs: 0, cached: false,
        raw: { id: 'chatcmpl-a', model: 'gpt-4.1-mini-2025-04-14' },
      } }],
      ['req-b', { generation: {
        text: 'def login(', finishReason: 'length', rawFinishReason: 'length',
        usage: { inputTokens: 20, outputTokens: 9 }, latencyMs: 0, cached: false,
        raw: { id: 'chatcmpl-b', model: 'gpt-4.1-mini-2025-04-14' },
      } }],
      ['req-c', { error: { kind: 'bad-response', message: 'openai:gpt-4.1-mini: malformed response: no choices[0].message in the completion', retryable: false } }],
      ['req-d', { error: { kind: 'bad-request', message: 'HTTP 400: invalid_request_error: bad max_tokens', status: 400, retryable: false } }],
      ['req-e', { error: { kind: 'expired', message: 'batch_expired: This request could not be executed before the completion window expired.', retryable: true } }],
    ],
  );
});

test('a failed batch (input rejected) is a typed error listing the API’s errors', async () => {
  const s = await serve(
    json(200, { id: 'file-in', object: 'file', purpose: 'batch' }),
    json(200, batchObject('validating')),
    json(200, batchObject('failed', {
      errors: { object: 'list', data: [{ code: 'invalid_json_line', message: 'This line is not parseable as valid JSON.', param: null, line: 2 }] },
    })),
  );
  const err = await rejects(client(s).run(entries.slice(0, 2)));
  assert.equal(err.kind, 'bad-request');
  assert.equal(err.retryable, false);
  assert.equal(err.message, 'openai:gpt-4.1-mini: batch batch_abc failed: line 2: invalid_json_line: This line is not parseable as valid JSON.');
  assert.equal(s.requests.length, 3);
});

test('a cancelled batch: partial output, every id without a line is missing', async () => {
  const s = await serve(
    json(200, batchObject('cancelled', { output_file_id: 'file-out' })),
    text(`${okLine('req-a', completion('c1', 'ok', 'stop'))}\n${JSON.stringify({ id: 'x', custom_id: 'req-b', response: null, error: { code: 'batch_cancelled', message: 'cancelled' } })}\n`),
  );
  const c = client(s);
  const results = await c.collect(await c.getBatch('batch_abc'), ['req-a', 'req-b', 'req-c']);
  assert.equal((results.get('req-a') as { generation: { text: string } }).generation.text, 'ok');
  assert.deepEqual(results.get('req-b'), { error: { kind: 'canceled', message: 'batch_cancelled: cancelled', retryable: true } });
  assert.deepEqual(results.get('req-c'), { error: { kind: 'missing', message: 'no result line: batch cancelled', retryable: true } });
});

test('401 on create: ProviderError auth, key never in the message', async () => {
  const s = await serve(
    json(200, { id: 'file-in', object: 'file', purpose: 'batch' }),
    json(401, { error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' } }),
  );
  const err = await rejects(client(s).submit(entries));
  assert.equal(err.kind, 'auth');
  assert.equal(err.status, 401);
  assert.equal(err.retryable, false);
  assert.equal(err.message, 'openai:gpt-4.1-mini: HTTP 401: invalid_request_error: Incorrect API key provided: ***.');
  assert.ok(!err.message.includes(KEY));
  assert.equal(s.requests[1].url, '/v1/batches');
});

test('waiting gives up with a timeout error after maxWaitMs of sleeping (the batch keeps running)', async () => {
  const s = await serve(json(200, batchObject('in_progress')));
  const { sleep, delays } = recordingSleep();
  const c = new OpenAiBatchClient({ baseUrl: `${s.url}/v1`, apiKey: KEY, pollIntervalMs: 10, maxWaitMs: 25, sleep });
  const err = await rejects(c.waitForBatch('batch_abc'));
  assert.equal(err.kind, 'timeout');
  assert.equal(err.message, 'openai-batch: batch still in_progress after waiting 20 ms');
  assert.deepEqual(delays, [10, 10]);
  assert.equal(s.requests.length, 3);
});

test('cancel posts to /batches/{id}/cancel', async () => {
  const s = await serve(json(200, batchObject('cancelling')));
  const b = await client(s).cancelBatch('batch_abc');
  assert.equal(b.status, 'cancelling');
  assert.equal(`${s.requests[0].method} ${s.requests[0].url}`, 'POST /v1/batches/batch_abc/cancel');
});

test('malformed result lines: one typed error naming the line', () => {
  const good = okLine('req-a', completion('c1', 'ok', 'stop'));
  const cases: Array<[string, string]> = [
    [`${good}\n{oops`, 'openai-batch: malformed response: batch output line 2 is not JSON ("{oops")'],
    [`${good}\n\n[1,2]`, 'openai-batch: malformed response: batch output line 3 is not a JSON object'],
    [`${good}\n{"response":null,"error":null}`, 'openai-batch: malformed response: batch output line 2 has no custom_id'],
    [
      `{"custom_id":"x","response":{"status_code":"200","body":{}},"error":null}`,
      'openai-batch: malformed response: batch output line 1: response.status_code: Invalid input: expected number, received string',
    ],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => parseOpenAiBatchOutput(input), (e: unknown) => {
      assert.ok(e instanceof ProviderError);
      assert.equal(e.kind, 'bad-response');
      assert.equal(e.message, message);
      return true;
    });
  }
});

test('entry-level failures never throw: non-200, string bodies, missing response, unknown codes', () => {
  const lines = [
    JSON.stringify({ custom_id: 'a', response: { status_code: 429, body: { error: { message: 'slow down' } } }, error: null }),
    JSON.stringify({ custom_id: 'b', response: { status_code: 200, body: '{not json' }, error: null }),
    JSON.stringify({ custom_id: 'c', response: { status_code: 200, body: JSON.stringify(completion('c', 'str body', 'stop')) }, error: null }),
    JSON.stringify({ custom_id: 'd', response: null, error: null }),
    JSON.stringify({ custom_id: 'e', response: null, error: { code: 'server_error', message: 'oops' } }),
    JSON.stringify({ custom_id: 'f', response: { status_code: 500, body: 'upstream' }, error: null }),
  ].join('\r\n');
  const r = parseOpenAiBatchOutput(lines, 'out.jsonl');
  assert.deepEqual(r.get('a'), { error: { kind: 'rate-limit', message: 'HTTP 429: slow down', status: 429, retryable: true } });
  assert.deepEqual(r.get('b'), { error: { kind: 'bad-response', message: 'response body is not JSON ("{not json")', retryable: false } });
  assert.equal((r.get('c') as { generation: { text: string } }).generation.text, 'str body');
  assert.deepEqual(r.get('d'), { error: { kind: 'bad-response', message: 'result line has neither a response nor an error', retryable: false } });
  assert.deepEqual(r.get('e'), { error: { kind: 'server', message: 'server_error: oops', retryable: true } });
  assert.deepEqual(r.get('f'), { error: { kind: 'server', message: 'HTTP 500: upstream', status: 500, retryable: true } });
});
