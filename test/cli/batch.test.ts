/**
 * `secfix batch`: the offline cycle (write → import → write → import → nothing pending → run from
 * the cache), the online path against a loopback server speaking OpenAI's Files and Batches
 * endpoints, and the one-line errors. The CLI runs as an async child process, so the loopback
 * server in this process keeps answering.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { ResponseCache } from '../../src/providers/cache.ts';
import { secfixAsync as runCli } from '../support/cli.ts';
import { startServer, type Recorded } from '../providers/server.ts';
import type { ServerResponse } from 'node:http';

const VULNERABLE = 'import sqlite3\n\ndef find_user_by_email(email):\n    conn = sqlite3.connect("app.db")\n    cur = conn.execute("SELECT * FROM users WHERE email = \'" + email + "\'")\n    return cur.fetchone()\n';
const FIXED = 'import sqlite3\n\ndef find_user_by_email(email):\n    conn = sqlite3.connect("app.db")\n    cur = conn.execute("SELECT * FROM users WHERE email = ?", (email,))\n    return cur.fetchone()\n';
const KEY = 'sk-test-batch-7f3a9c2e1d';

/** The CLI without blocking the event loop, with no API key from the environment unless `env` gives one (undefined removes). */
function secfixAsync(args: string[], env: Record<string, string | undefined> = {}) {
  return runCli(args, { env: { OPENAI_API_KEY: undefined, ANTHROPIC_API_KEY: undefined, ...env } });
}

function writeStudy(dir: string, model: string, extra: string[] = ['cache: {dir: cache}']): string {
  const file = path.join(dir, 'study.yaml');
  writeFileSync(file, [
    'models:',
    `  - ${model}`,
    'strategies: [baseline, security-checklist]',
    'scenarios: {builtin: {ids: [py-cwe-089-user-lookup]}}',
    'languages: [python]',
    'samples: 2',
    'mode: refine',
    ...extra,
    '',
  ].join('\n'));
  return file;
}

function completion(code: string): Record<string, unknown> {
  return {
    id: 'chatcmpl-1', object: 'chat.completion', model: 'gpt-4.1',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: '```python\n' + code + '```' } }],
    usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
  };
}

/** A repair request shows the baseline code; the baseline request does not. */
function answerFor(line: { custom_id: string; body: { messages: Array<{ content: string }> } }): string {
  const repair = line.body.messages.some((m) => m.content.includes('email = \'" + email'));
  return JSON.stringify({ id: 'batch_req_1', custom_id: line.custom_id, error: null, response: { status_code: 200, request_id: 'r1', body: completion(repair ? FIXED : VULNERABLE) } });
}

function inTemp(fn: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-batchcli-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('offline: write, import, write, import, nothing pending, then secfix run is answered from the cache', inTemp(async (dir) => {
  // a closed port: any live call would fail, and the run records none
  const study = writeStudy(dir, '{id: "openai:gpt-4.1", baseUrl: "http://127.0.0.1:9/v1"}');
  const out1 = path.join(dir, 'pass1');
  const w1 = await secfixAsync(['batch', 'write', study, '-o', out1]);
  assert.equal(w1.code, EXIT.OK, w1.stderr);
  const requests = path.join(out1, 'openai_gpt-4.1.openai.jsonl');
  const keys1 = path.join(out1, 'openai_gpt-4.1.keys.json');
  assert.equal(w1.stdout, `openai:gpt-4.1: 2 request(s) in ${requests} (keys: ${keys1})\n`);
  assert.deepEqual(readdirSync(out1).sort(), ['openai_gpt-4.1.keys.json', 'openai_gpt-4.1.openai.jsonl']);

  const lines1 = readFileSync(requests, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  const results1 = path.join(dir, 'results1.jsonl');
  writeFileSync(results1, lines1.map(answerFor).join('\n') + '\n');
  const i1 = await secfixAsync(['batch', 'import', study, results1, '--keys', keys1]);
  assert.equal(i1.code, EXIT.OK, i1.stderr);
  assert.equal(i1.stdout, `openai:gpt-4.1: 2 answer(s) put into the cache ${path.join(dir, 'cache')}; 0 error(s), 0 missing, 0 unknown id(s)\n`);

  const out2 = path.join(dir, 'pass2');
  const w2 = await secfixAsync(['batch', 'write', study, '-o', out2]);
  assert.match(w2.stdout, /^openai:gpt-4\.1: 2 request\(s\) in /);
  const lines2 = readFileSync(path.join(out2, 'openai_gpt-4.1.openai.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  const results2 = path.join(dir, 'results2.jsonl');
  // one answer, one failed line, one id from elsewhere
  writeFileSync(results2, [
    answerFor(lines2[0]),
    JSON.stringify({ id: 'batch_req_2', custom_id: lines2[1].custom_id, response: { status_code: 429, request_id: 'r2', body: { error: { type: 'rate_limit_error', message: 'slow down' } } }, error: null }),
    JSON.stringify({ id: 'batch_req_3', custom_id: 'sf-elsewhere', response: { status_code: 200, body: completion(FIXED) }, error: null }),
  ].join('\n') + '\n');
  const i2 = await secfixAsync(['batch', 'import', study, results2, '--keys', path.join(out2, 'openai_gpt-4.1.keys.json')]);
  assert.equal(i2.stdout, [
    `openai:gpt-4.1: 1 answer(s) put into the cache ${path.join(dir, 'cache')}; 1 error(s), 0 missing, 1 unknown id(s)`,
    `  error ${lines2[1].custom_id}: rate-limit: HTTP 429: rate_limit_error: slow down`,
    '  unknown sf-elsewhere: not in the keys file; ignored',
    '',
  ].join('\n'));

  // the failed request is pending again, alone
  const out3 = path.join(dir, 'pass3');
  const w3 = await secfixAsync(['batch', 'write', study, '-o', out3]);
  assert.match(w3.stdout, /^openai:gpt-4\.1: 1 request\(s\) in /);
  const lines3 = readFileSync(path.join(out3, 'openai_gpt-4.1.openai.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines3.map((l) => l.custom_id), [lines2[1].custom_id]);
  const results3 = path.join(dir, 'results3.jsonl');
  writeFileSync(results3, lines3.map(answerFor).join('\n') + '\n');
  assert.equal((await secfixAsync(['batch', 'import', study, results3, '--keys', path.join(out3, 'openai_gpt-4.1.keys.json')])).code, EXIT.OK);

  const w4 = await secfixAsync(['batch', 'write', study, '-o', path.join(dir, 'pass4')]);
  assert.equal(w4.stdout, `nothing pending: secfix run ${study} will be answered from the cache\n`);
  assert.equal(existsSync(path.join(dir, 'pass4')), false);

  // the live provider needs its key to be built, though it is never called
  // no key: every answer is in the cache, so no client is built
  const run = await secfixAsync(['run', study, '--store', path.join(dir, 'store'), '--no-progress']);
  assert.equal(run.code, EXIT.OK, run.stderr);
  assert.match(run.stderr, /finished: 4 generation\(s\) \(0 provider call\(s\), 0 resumed from the store, 4 cached\/replayed\), 0 error\(s\)/);
}));

/** OpenAI's Files and Batches endpoints: upload, create, poll (in_progress once, then completed), download. */
function openAiBatchServer() {
  const uploads: string[] = [];
  const polls = new Map<string, number>();
  let batches = 0;
  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const handler = (req: Recorded, res: ServerResponse) => {
    if (req.headers.authorization !== `Bearer ${KEY}`) return send(res, 401, { error: { type: 'invalid_request_error', message: 'bad key' } });
    if (req.method === 'POST' && req.url === '/v1/files') {
      const text = String(req.body);
      assert.match(text, /name="purpose"\r\n\r\nbatch\r\n/);
      uploads.push(text.split(/\r?\n/).filter((l) => l.startsWith('{"custom_id"')).join('\n'));
      return send(res, 200, { id: `file-in-${uploads.length}`, object: 'file', purpose: 'batch' });
    }
    if (req.method === 'POST' && req.url === '/v1/batches') {
      assert.deepEqual([req.body.endpoint, req.body.completion_window], ['/v1/chat/completions', '24h']);
      batches++;
      return send(res, 200, { id: `batch_${batches}`, object: 'batch', status: 'validating', input_file_id: req.body.input_file_id });
    }
    const poll = req.url.match(/^\/v1\/batches\/(batch_\d+)$/);
    if (req.method === 'GET' && poll) {
      const n = (polls.get(poll[1]!) ?? 0) + 1;
      polls.set(poll[1]!, n);
      const i = poll[1]!.slice('batch_'.length);
      return send(res, 200, n < 2
        ? { id: poll[1], status: 'in_progress', input_file_id: `file-in-${i}` }
        : { id: poll[1], status: 'completed', input_file_id: `file-in-${i}`, output_file_id: `file-out-${i}`, request_counts: { total: 2, completed: 2, failed: 0 } });
    }
    const content = req.url.match(/^\/v1\/files\/file-out-(\d+)\/content$/);
    if (req.method === 'GET' && content) {
      const lines = uploads[Number(content[1]) - 1]!.split('\n').map((l) => JSON.parse(l));
      return send(res, 200, lines.map(answerFor).join('\n') + '\n', 'application/octet-stream');
    }
    return send(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
  };
  return { handler, uploads, polls };
}

test('online: submit --wait uploads, creates, polls and imports; submit --no-wait then collect; the key never shows', inTemp(async (dir) => {
  const api = openAiBatchServer();
  const server = await startServer([api.handler]);
  try {
    const study = writeStudy(dir, `{id: "openai:gpt-4.1", baseUrl: "${server.url}/v1"}`);
    const s1 = await secfixAsync(['batch', 'submit', study, '--poll-interval', '0'], { OPENAI_API_KEY: KEY });
    assert.equal(s1.code, EXIT.OK, s1.stderr);
    const out = s1.stdout.split('\n');
    assert.match(out[0]!, /^openai:gpt-4\.1: 2 request\(s\) in .*\/cache\/batches\/\d{8}T\d{6}-[0-9a-f]{6}\/openai_gpt-4\.1\.openai\.jsonl \(keys: .*openai_gpt-4\.1\.keys\.json\)$/);
    assert.deepEqual(out.slice(1), [
      'openai:gpt-4.1: submitted batch batch_1 (2 request(s))',
      `openai:gpt-4.1: 2 answer(s) put into the cache ${path.join(dir, 'cache')}; 0 error(s), 0 missing, 0 unknown id(s)`,
      `next: secfix batch submit ${study} again until nothing is pending, then secfix run ${study}`,
      '',
    ]);
    assert.equal(s1.stderr, 'secfix: batch batch_1: in_progress\nsecfix: batch batch_1: completed\n');
    assert.deepEqual(server.requests.map((r) => `${r.method} ${r.url}`), [
      'POST /v1/files', 'POST /v1/batches', 'GET /v1/batches/batch_1', 'GET /v1/batches/batch_1', 'GET /v1/files/file-out-1/content',
    ]);
    // the uploaded file is the one written to disk
    const keysFile = out[0]!.match(/\(keys: (.*)\)$/)![1]!;
    assert.equal(api.uploads[0] + '\n', readFileSync(keysFile.replace(/\.keys\.json$/, '.openai.jsonl'), 'utf8'));
    assert.deepEqual(JSON.parse(readFileSync(keysFile.replace(/\.keys\.json$/, '.batch.json'), 'utf8')), { id: 'batch_1', kind: 'openai', model: 'openai:gpt-4.1', keys: keysFile });
    const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as { entries: Record<string, { requestKey: string }> };
    const cache = new ResponseCache(path.join(dir, 'cache'));
    for (const e of Object.values(keys.entries)) assert.match((await cache.readEntry(e.requestKey))!.generation.text, /email = '" \+ email/);

    const s2 = await secfixAsync(['batch', 'submit', study, '--no-wait'], { OPENAI_API_KEY: KEY });
    assert.equal(s2.code, EXIT.OK, s2.stderr);
    const collectLine = s2.stdout.split('\n').find((l) => l.startsWith('collect it with: '))!;
    const keys2 = collectLine.match(/--keys (.*)$/)![1]!;
    assert.equal(collectLine, `collect it with: secfix batch collect ${study} --id batch_2 --keys ${keys2}`);
    assert.equal(api.polls.get('batch_2'), undefined); // not waited for

    const c = await secfixAsync(['batch', 'collect', study, '--id', 'batch_2', '--keys', keys2, '--poll-interval', '0'], { OPENAI_API_KEY: KEY });
    assert.equal(c.code, EXIT.OK, c.stderr);
    assert.equal(c.stdout, `openai:gpt-4.1: 2 answer(s) put into the cache ${path.join(dir, 'cache')}; 0 error(s), 0 missing, 0 unknown id(s)\n`);
    for (const e of Object.values((JSON.parse(readFileSync(keys2, 'utf8')) as typeof keys).entries)) {
      assert.match((await cache.readEntry(e.requestKey))!.generation.text, /email = \?", \(email,\)/);
    }

    const s3 = await secfixAsync(['batch', 'submit', study], { OPENAI_API_KEY: KEY });
    assert.equal(s3.stdout, `nothing pending: secfix run ${study} will be answered from the cache\n`);

    for (const r of [s1, s2, c, s3]) {
      assert.ok(!r.stdout.includes(KEY) && !r.stderr.includes(KEY), 'the key never appears in the output');
    }
    assert.equal(server.requests.length, 10);
  } finally {
    await server.close();
  }
}));

test('errors: one clear line and the documented exit code', inTemp(async (dir) => {
  const off = writeStudy(dir, '"openai:gpt-4.1"', ['cache: {enabled: false}']);
  const r1 = await secfixAsync(['batch', 'write', off, '-o', path.join(dir, 'out')]);
  assert.equal(r1.code, EXIT.USAGE);
  assert.equal(r1.stderr.split('\n')[0], `secfix: ${off}: batches need the response cache, and cache.enabled is false`);
  assert.equal(existsSync(path.join(dir, 'out')), false);

  const study = writeStudy(dir, '"openai:gpt-4.1"');
  const r2 = await secfixAsync(['batch', 'write', study, '-o', path.join(dir, 'out'), '--model', 'gpt-5']);
  assert.equal(r2.code, EXIT.USAGE);
  assert.equal(r2.stderr, `secfix: no model "gpt-5" in ${study}\nhint: models of this study: openai:gpt-4.1\n`);

  const r3 = await secfixAsync(['batch', 'submit', study, '--poll-interval', '0']);
  assert.equal(r3.code, EXIT.USAGE);
  assert.equal(r3.stderr, 'secfix: openai:gpt-4.1: environment variable OPENAI_API_KEY is not set\nhint: export OPENAI_API_KEY=… (the openai API key) before submitting batches\n');
  assert.equal(r3.stdout, '');
  assert.equal(existsSync(path.join(dir, 'cache', 'batches')), false); // nothing written before the key was found

  const w = await secfixAsync(['batch', 'write', study, '-o', path.join(dir, 'out')]);
  assert.equal(w.code, EXIT.OK);
  const bad = path.join(dir, 'results.jsonl');
  writeFileSync(bad, '{"custom_id": "sf-x", "response": null, "error": {"code": "batch_expired"}}\n{"custom_id": 5}\n');
  const r4 = await secfixAsync(['batch', 'import', study, bad, '--keys', path.join(dir, 'out', 'openai_gpt-4.1.keys.json')]);
  assert.equal(r4.code, EXIT.INPUT);
  assert.equal(r4.stderr, `secfix: malformed batch results: ${bad} line 2 has no custom_id\nhint: expected the openai batch result file (JSONL) of this batch\n`);
  assert.equal(r4.stdout, '');
}));
