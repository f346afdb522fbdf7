/** A study through batch files in passes: collect the cache misses, import answers, run from the cache. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseStudyConfig } from '../../src/config/load.ts';
import type { StudyConfig } from '../../src/config/schema.ts';
import { ConfigError, InputError } from '../../src/core/errors.ts';
import {
  batchApiKey, collectPendingRequests, importBatchResults, readKeysFile, readResultFiles, writeBatchFiles,
} from '../../src/experiments/batch.ts';
import { runStudy } from '../../src/experiments/runner.ts';
import { batchCustomId } from '../../src/providers/batch/index.ts';
import { ResponseCache } from '../../src/providers/cache.ts';
import { canonicalRequest } from '../../src/providers/request-key.ts';
import { openStore } from '../../src/store/store.ts';

const VULNERABLE = 'import sqlite3\n\ndef find_user_by_email(email):\n    conn = sqlite3.connect("app.db")\n    cur = conn.execute("SELECT * FROM users WHERE email = \'" + email + "\'")\n    return cur.fetchone()\n';
const FIXED = 'import sqlite3\n\ndef find_user_by_email(email):\n    conn = sqlite3.connect("app.db")\n    cur = conn.execute("SELECT * FROM users WHERE email = ?", (email,))\n    return cur.fetchone()\n';

/** The study of the brief: one scenario, two samples, refine mode, one repairing strategy. */
function studyText(models: string[], extra: string[] = []): string {
  return [
    `models: [${models.map((m) => JSON.stringify(m)).join(', ')}]`,
    'strategies: [baseline, security-checklist]',
    'scenarios: {builtin: {ids: [py-cwe-089-user-lookup]}}',
    'languages: [python]',
    'samples: 2',
    'mode: refine',
    ...extra,
    '',
  ].join('\n');
}

/** One line of an OpenAI batch output file answering `customId` with `code`. */
function openAiOutputLine(customId: string, code: string): string {
  return JSON.stringify({
    id: `batch_req_${customId.slice(3, 9)}`, custom_id: customId, error: null,
    response: {
      status_code: 200, request_id: 'req_1',
      body: {
        id: 'chatcmpl-1', object: 'chat.completion', model: 'gpt-4.1',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: '```python\n' + code + '```' } }],
        usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
      },
    },
  });
}

function inTemp(fn: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-batchlib-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

function config(dir: string, models: string[], extra: string[] = ['cache: {dir: cache}']): StudyConfig {
  const file = path.join(dir, 'study.yaml');
  const text = studyText(models, extra);
  writeFileSync(file, text);
  return parseStudyConfig(text, file);
}

test('three passes: 2 baseline requests, then 2 repairs, then nothing; the run is then answered from the cache alone', inTemp(async (dir) => {
  const study = config(dir, ['openai:gpt-4.1']);
  const tempRoot = path.join(dir, 'tmp');
  mkdirSync(tempRoot);

  const pass1 = await collectPendingRequests(study, { tempRoot });
  assert.deepEqual(readdirSync(tempRoot), []); // the throwaway store is gone
  assert.equal(pass1.requests.length, 2);
  assert.equal(pass1.answered, 0);
  assert.deepEqual(pass1.requests.map((r) => r.request.sample), [0, 1]);
  assert.deepEqual(pass1.requests[0]!.request.messages, pass1.requests[1]!.request.messages);
  assert.notEqual(pass1.requests[0]!.key, pass1.requests[1]!.key);

  const out = path.join(dir, 'out', 'pass1');
  const [set, ...more] = await writeBatchFiles(pass1.requests, out);
  assert.equal(more.length, 0);
  assert.deepEqual(readdirSync(out).sort(), ['openai_gpt-4.1.keys.json', 'openai_gpt-4.1.openai.jsonl']);
  const lines = readFileSync(set!.requestFile, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.custom_id), pass1.requests.map((r) => batchCustomId(r.key)));
  assert.deepEqual(lines.map((l) => [l.method, l.url, l.body.model, l.body.max_completion_tokens, l.body.stream]), [
    ['POST', '/v1/chat/completions', 'gpt-4.1', 4096, false],
    ['POST', '/v1/chat/completions', 'gpt-4.1', 4096, false],
  ]);
  const keys = await readKeysFile(set!.keysFile);
  assert.equal(keys.kind, 'openai');
  assert.deepEqual(Object.values(keys.entries).map((e) => [e.requestKey, e.providerId, e.model]), pass1.requests.map((r) => [r.key, 'openai:gpt-4.1', 'openai:gpt-4.1']));
  assert.equal(Object.values(keys.entries)[0]!.request, canonicalRequest(pass1.requests[0]!.request, 'openai:gpt-4.1'));

  const results1 = path.join(dir, 'out', 'results1.jsonl');
  writeFileSync(results1, lines.map((l) => openAiOutputLine(l.custom_id, VULNERABLE)).join('\n') + '\n');
  const report1 = await importBatchResults(study, keys, await readResultFiles('openai', [results1]));
  assert.deepEqual(report1, { cached: 2, errors: [], unknown: [], missing: [] });
  const cached = await new ResponseCache(study.cache.dir).readEntry(pass1.requests[0]!.key);
  assert.equal(cached!.providerId, 'openai:gpt-4.1');
  assert.match(cached!.generation.text, /SELECT \* FROM users WHERE email = '" \+ email/);

  const pass2 = await collectPendingRequests(study);
  assert.equal(pass2.requests.length, 2);
  assert.equal(pass2.answered, 2);
  assert.deepEqual(pass2.requests.map((r) => r.request.sample), [0, 1]);
  for (const r of pass2.requests) {
    assert.ok(!pass1.requests.some((p) => p.key === r.key));
    assert.ok(r.request.messages.some((m) => m.content.includes('email = \'" + email')), 'the repair shows the baseline code');
  }
  const [set2] = await writeBatchFiles(pass2.requests, path.join(dir, 'out', 'pass2'));
  const keys2 = await readKeysFile(set2!.keysFile);
  const results2 = path.join(dir, 'out', 'results2.jsonl');
  writeFileSync(results2, Object.keys(keys2.entries).map((id) => openAiOutputLine(id, FIXED)).join('\n') + '\n');
  assert.deepEqual(await importBatchResults(study, keys2, await readResultFiles('openai', [results2])), { cached: 2, errors: [], unknown: [], missing: [] });

  const pass3 = await collectPendingRequests(study);
  assert.deepEqual(pass3, { requests: [], answered: 4 });
  assert.deepEqual(await writeBatchFiles(pass3.requests, path.join(dir, 'out', 'pass3')), []);
  assert.deepEqual(readdirSync(path.join(dir, 'out')).sort(), ['pass1', 'pass2', 'results1.jsonl', 'results2.jsonl']); // nothing to write, no folder

  let calls = 0;
  const store = openStore(path.join(dir, 'store'));
  try {
    const summary = await runStudy(study, {
      store,
      providerFactory: (m) => ({ id: m.id, generate: async () => { calls++; throw new Error('no call may be made'); } }),
    });
    assert.equal(calls, 0);
    assert.deepEqual(
      { generations: summary.generations, cached: summary.cached, errors: summary.errors, samples: summary.samples, comparisons: summary.comparisons, spent: summary.spent },
      { generations: 4, cached: 4, errors: 0, samples: 4, comparisons: 2, spent: { inputTokens: 0, outputTokens: 0 } },
    );
    const gens = store.listGenerations(summary.runId);
    assert.equal(gens.length, 4);
    assert.ok(gens.every((g) => g.response?.cached === true));
  } finally {
    store.close();
  }
}));

test('Anthropic: the request file has {custom_id, params} lines; import caches successes and lists errors and unknown ids', inTemp(async (dir) => {
  const study = config(dir, ['anthropic:claude-sonnet-4-5']);
  const pending = await collectPendingRequests(study);
  assert.equal(pending.requests.length, 2);
  const [set] = await writeBatchFiles(pending.requests, path.join(dir, 'out'));
  assert.equal(path.basename(set!.requestFile), 'anthropic_claude-sonnet-4-5.anthropic.jsonl');
  const lines = readFileSync(set!.requestFile, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => Object.keys(l)), [['custom_id', 'params'], ['custom_id', 'params']]);
  assert.deepEqual(lines.map((l) => [l.params.model, l.params.max_tokens]), [['claude-sonnet-4-5', 4096], ['claude-sonnet-4-5', 4096]]);

  const [ok, failed] = lines.map((l) => l.custom_id as string);
  const results = path.join(dir, 'results.jsonl');
  writeFileSync(results, [
    { custom_id: ok, result: { type: 'succeeded', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: '```python\n' + VULNERABLE + '```' }], stop_reason: 'end_turn', usage: { input_tokens: 90, output_tokens: 40 } } } },
    { custom_id: failed, result: { type: 'errored', error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } } },
    { custom_id: 'sf-not-ours', result: { type: 'expired' } },
  ].map((x) => JSON.stringify(x)).join('\n') + '\n');
  const keys = await readKeysFile(set!.keysFile);
  const report = await importBatchResults(study, keys, await readResultFiles('anthropic', [results]));
  assert.deepEqual(report, { cached: 1, errors: [{ customId: failed, kind: 'server', message: 'overloaded_error: Overloaded' }], unknown: ['sf-not-ours'], missing: [] });

  const cache = new ResponseCache(study.cache.dir);
  const okKey = keys.entries[ok!]!.requestKey;
  const entry = await cache.readEntry(okKey);
  assert.deepEqual([entry!.providerId, entry!.generation.usage, entry!.generation.finishReason], ['anthropic:claude-sonnet-4-5', { inputTokens: 90, outputTokens: 40 }, 'stop']);
  assert.equal(await cache.readEntry(keys.entries[failed!]!.requestKey), undefined); // errors are never cached

  // the errored request is pending again, the answered one's repair is new
  const next = await collectPendingRequests(study);
  assert.equal(next.requests.length, 2);
  assert.ok(next.requests.some((r) => r.key === keys.entries[failed!]!.requestKey));
}));

test('only batchable (or named) models are collected; other models are never called', inTemp(async (dir) => {
  const study = config(dir, ['openai:gpt-4.1', 'openai:gpt-4.1-mini', 'ollama:qwen2.5-coder:7b', 'anthropic:claude-sonnet-4-5']);
  const all = await collectPendingRequests(study);
  assert.deepEqual(all.requests.map((r) => r.model.label).sort(), ['anthropic:claude-sonnet-4-5', 'anthropic:claude-sonnet-4-5', 'openai:gpt-4.1', 'openai:gpt-4.1', 'openai:gpt-4.1-mini', 'openai:gpt-4.1-mini']);
  const one = await collectPendingRequests(study, { models: ['openai:gpt-4.1-mini'] });
  assert.deepEqual(one.requests.map((r) => r.model.label), ['openai:gpt-4.1-mini', 'openai:gpt-4.1-mini']);
  const sets = await writeBatchFiles(all.requests, path.join(dir, 'out'));
  assert.deepEqual(sets.map((s) => [path.basename(s.requestFile), s.entries.length]), [
    ['openai_gpt-4.1.openai.jsonl', 2], ['openai_gpt-4.1-mini.openai.jsonl', 2], ['anthropic_claude-sonnet-4-5.anthropic.jsonl', 2],
  ]);
}));

test('errors: cache disabled, unknown or unbatchable model, missing key, malformed results, edited keys file', inTemp(async (dir) => {
  const off = config(dir, ['openai:gpt-4.1'], ['cache: {enabled: false}']);
  await assert.rejects(collectPendingRequests(off), (e: unknown) => e instanceof ConfigError && /cache\.enabled is false/.test(e.message));

  const study = config(dir, ['openai:gpt-4.1', 'ollama:qwen2.5-coder:7b'], ['cache: {dir: cache}']);
  await assert.rejects(collectPendingRequests(study, { models: ['gpt-5'] }), (e: unknown) => e instanceof ConfigError && e.message.startsWith('no model "gpt-5" in ') && e.hint === 'models of this study: openai:gpt-4.1, ollama:qwen2.5-coder:7b');
  await assert.rejects(collectPendingRequests(study, { models: ['ollama:qwen2.5-coder:7b'] }), (e: unknown) => e instanceof ConfigError && e.message === 'ollama:qwen2.5-coder:7b: provider ollama has no batch API');

  assert.throws(() => batchApiKey(study.models[0]!, 'openai', {}), (e: unknown) => e instanceof ConfigError && e.message === 'openai:gpt-4.1: environment variable OPENAI_API_KEY is not set');
  assert.equal(batchApiKey(study.models[0]!, 'openai', { OPENAI_API_KEY: 'k-123' }), 'k-123');

  const bad = path.join(dir, 'bad.jsonl');
  writeFileSync(bad, '{"custom_id": "sf-1", "response": {"status_code": 200, "body": {}}}\nnot json\n');
  await assert.rejects(readResultFiles('openai', [bad]), (e: unknown) => e instanceof InputError && e.message === `malformed batch results: ${bad} line 2 is not JSON ("not json")`);

  const pending = await collectPendingRequests(study);
  const [set] = await writeBatchFiles(pending.requests, path.join(dir, 'out'));
  const keys = JSON.parse(readFileSync(set!.keysFile, 'utf8'));
  const first = Object.keys(keys.entries)[0]!;
  keys.entries[first].request = keys.entries[first].request.replace('"sample":0', '"sample":7');
  writeFileSync(set!.keysFile, JSON.stringify(keys));
  await assert.rejects(readKeysFile(set!.keysFile), (e: unknown) => e instanceof InputError && e.message === `${set!.keysFile}: entry ${first} does not match its request (was the file edited?)`);
  writeFileSync(set!.keysFile, '{"format": "other"}');
  await assert.rejects(readKeysFile(set!.keysFile), (e: unknown) => e instanceof InputError && e.message.startsWith(`${set!.keysFile}: not a secfix batch keys file: format:`));
}));
