/** The offline batch path: custom ids from request keys, atomic request files, result files read back. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError } from '../../../src/core/errors.ts';
import {
  ANTHROPIC_CUSTOM_ID, anthropicBatchRequest, batchCustomId, batchFileText, openAiBatchLine, readBatchResults,
  writeBatchFile, type BatchEntry,
} from '../../../src/providers/batch/index.ts';
import { ProviderError } from '../../../src/providers/errors.ts';
import { requestKey } from '../../../src/providers/request-key.ts';
import type { GenerationRequest } from '../../../src/providers/types.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'secfix-batch-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const requests: GenerationRequest[] = [
  { messages: [{ role: 'system', content: 'Be secure.' }, { role: 'user', content: 'Write upload code.' }], temperature: 0.5, maxTokens: 300 },
  { messages: [{ role: 'user', content: 'Write upload code.' }], sample: 1 },
];
const entries = (providerId: string, model: string): BatchEntry[] =>
  requests.map((request) => ({ customId: batchCustomId(requestKey(request, providerId)), request, model }));

test('batchCustomId: sf- plus the first 60 hex digits, valid for Anthropic; anything but a 64-hex key is refused', () => {
  const key = requestKey(requests[0], 'anthropic:claude-sonnet-4-5');
  const id = batchCustomId(key);
  assert.equal(id, `sf-${key.slice(0, 60)}`);
  assert.equal(id.length, 63);
  assert.match(id, ANTHROPIC_CUSTOM_ID);
  for (const bad of ['', key.slice(1), key.toUpperCase(), `${key}0`]) {
    assert.throws(() => batchCustomId(bad), (e: unknown) => e instanceof ProviderError && e.kind === 'bad-request');
  }
});

test('OpenAI round trip: write the input file atomically, then read output and error files by custom id', async () => {
  const es = entries('openai:gpt-4.1-mini', 'gpt-4.1-mini');
  const file = path.join(dir, 'openai-input.jsonl');
  await writeBatchFile('openai', es, file);
  const written = readFileSync(file, 'utf8');
  assert.equal(written, batchFileText('openai', es));
  assert.deepEqual(written.trimEnd().split('\n').map((l) => JSON.parse(l)), es.map((e) => openAiBatchLine(e.customId, e.request, e.model)));
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);

  // what OpenAI would return for this input: one answer in the output file, one failure in the error file
  const lines = written.trimEnd().split('\n').map((l) => JSON.parse(l) as { custom_id: string; body: { model: string } });
  const out = path.join(dir, 'openai-output.jsonl');
  const err = path.join(dir, 'openai-errors.jsonl');
  writeFileSync(out, `${JSON.stringify({
    id: 'batch_req_1', custom_id: lines[0].custom_id,
    response: { status_code: 200, request_id: 'r1', body: {
      id: 'chatcmpl-1', model: lines[0].body.model, choices: [{ index: 0, message: { role: 'assistant', content: '```py\nx=1\n```' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 15, completion_tokens: 6 },
    } },
    error: null,
  })}\n`);
  writeFileSync(err, `${JSON.stringify({ id: 'batch_req_2', custom_id: lines[1].custom_id, response: { status_code: 500, request_id: 'r2', body: { error: { message: 'boom', type: 'server_error' } } }, error: null })}\n`);

  const results = await readBatchResults('openai', [out, err]);
  assert.deepEqual([...results.entries()], [
    [es[0].customId, { generation: {
      text: '```py\nx=1\n```', finishReason: 'stop', rawFinishReason: 'stop', usage: { inputTokens: 15, outputTokens: 6 },
      latencyMs: 0, cached: false, raw: { id: 'chatcmpl-1', model: 'gpt-4.1-mini' },
    } }],
    [es[1].customId, { error: { kind: 'server', message: 'HTTP 500: server_error: boom', status: 500, retryable: true } }],
  ]);
});

test('Anthropic round trip: the request file holds {custom_id, params} lines; results read back', async () => {
  const es = entries('anthropic:claude-sonnet-4-5', 'claude-sonnet-4-5');
  const file = path.join(dir, 'anthropic-requests.jsonl');
  await writeBatchFile('anthropic', es, file);
  const written = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(written, es.map((e) => anthropicBatchRequest(e.customId, e.request, e.model)));

  const res = path.join(dir, 'anthropic-results.jsonl');
  writeFileSync(res, [
    JSON.stringify({ custom_id: written[1].custom_id, result: { type: 'expired' } }),
    JSON.stringify({ custom_id: written[0].custom_id, result: { type: 'succeeded', message: {
      id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', usage: { input_tokens: 9, output_tokens: 1 },
    } } }),
  ].join('\n'));
  const results = await readBatchResults('anthropic', res);
  assert.deepEqual(results.get(es[0].customId), { generation: {
    text: 'ok', finishReason: 'stop', rawFinishReason: 'end_turn', usage: { inputTokens: 9, outputTokens: 1 },
    latencyMs: 0, cached: false, raw: { id: 'msg_1', model: 'claude-sonnet-4-5-20250929' },
  } });
  assert.deepEqual(results.get(es[1].customId), { error: { kind: 'expired', message: 'the batch expired before this request was processed', retryable: true } });
});

test('a malformed results file names the file and the line; unreadable paths are InputErrors', async () => {
  const bad = path.join(dir, 'bad.jsonl');
  writeFileSync(bad, '{"custom_id":"a","result":{"type":"expired"}}\nnot json\n');
  await assert.rejects(readBatchResults('anthropic', bad), (e: unknown) =>
    e instanceof ProviderError && e.kind === 'bad-response' && e.message === `anthropic-batch: malformed response: ${bad} line 2 is not JSON ("not json")`);
  await assert.rejects(readBatchResults('openai', path.join(dir, 'absent.jsonl')), (e: unknown) =>
    e instanceof InputError && e.message.startsWith(`cannot read batch results ${path.join(dir, 'absent.jsonl')}: ENOENT`));
});

test('writing into a missing folder is an InputError and leaves no temp file; a refused batch writes nothing', async () => {
  const target = path.join(dir, 'no-such-dir', 'x.jsonl');
  await assert.rejects(writeBatchFile('openai', entries('openai:m', 'm'), target), (e: unknown) =>
    e instanceof InputError && e.message.startsWith(`cannot write batch file ${target}: ENOENT`));
  const dup = entries('anthropic:m', 'm');
  const file = path.join(dir, 'dup.jsonl');
  await assert.rejects(writeBatchFile('anthropic', [dup[0], dup[0]], file), (e: unknown) => e instanceof ProviderError && e.kind === 'bad-request');
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f === 'dup.jsonl'), []);
});
