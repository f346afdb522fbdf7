import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { text as streamText } from 'node:stream/consumers';
import { openStore, StoreError, type GenerationInput, type StoredFinding } from '../../src/store/store.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/schema.ts';
import { VERSION } from '../../src/core/version.ts';

const NOW = '2026-01-02T03:04:05.000Z';
const clock = () => new Date(NOW);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'secfix-store-'));
}

function open(dir: string) {
  return openStore(dir, { now: clock });
}

function gen(runId: string, i: number, extra: Partial<GenerationInput> = {}): GenerationInput {
  return {
    runId, requestKey: `key-${i}`, sample: i, round: 0, providerId: 'openai:gpt-4.1', model: 'gpt-4.1', strategy: 'baseline',
    scenarioId: 'py-cwe-78-1', language: 'python',
    request: { messages: [{ role: 'user', content: `task ${i}` }], temperature: 0.2, sample: i },
    response: { text: `answer ${i}`, finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 20 }, latencyMs: 12.5, cached: false },
    ...extra,
  };
}

const FINDING: StoredFinding = {
  ruleId: 'py/command-injection', analyzer: 'builtin', cwe: ['CWE-78'], severity: 9.8, level: 'error', confidence: 'high',
  message: 'user input reaches os.system', location: { file: 'sample.py', start: { line: 3, column: 5 }, end: { line: 3, column: 22 } },
  snippet: 'os.system("ls " + d)', fingerprint: 'fp-cmd',
};

/** Direct access to the file, to look at what the store wrote. */
function raw(file: string) {
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (f: string, o?: object) => {
    prepare(sql: string): { all(...p: unknown[]): unknown[]; get(...p: unknown[]): unknown };
    pragma(s: string, o?: object): unknown;
    exec(sql: string): void;
    close(): void;
  };
  return new Database(file);
}

test('opening an empty directory creates .secfix/runs.db at the current schema, in WAL mode', () => {
  const dir = tmp();
  const store = open(dir);
  assert.equal(store.file, path.join(dir, '.secfix', 'runs.db'));
  assert.equal(store.schemaVersion(), SCHEMA_VERSION);
  store.close();
  store.close();
  const db = raw(path.join(dir, '.secfix', 'runs.db'));
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.deepEqual(
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all(),
    ['analyses', 'comparisons', 'findings', 'generations', 'runs', 'samples'].map((name) => ({ name })),
  );
  db.close();
});

test('an existing empty file is migrated, and reopening keeps data and version', () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'custom.db'), '');
  let store = openStore(dir, { file: 'custom.db', now: clock });
  assert.equal(store.schemaVersion(), SCHEMA_VERSION);
  assert.equal(SCHEMA_VERSION, 3);
  store.createRun({ a: 1 }, { id: 'r1' });
  store.close();
  store = openStore(dir, { file: 'custom.db', now: clock });
  assert.equal(store.schemaVersion(), 3);
  assert.deepEqual(store.listRuns().map((r) => r.id), ['r1']);
  store.close();
  assert.equal(existsSync(path.join(dir, '.secfix')), false);
});

test('a newer schema or a file that is not a database is refused with a StoreError', () => {
  const dir = tmp();
  const db = raw(path.join(dir, 'future.db'));
  db.pragma('user_version = 99');
  db.close();
  assert.throws(() => openStore(dir, { file: 'future.db' }), (e: unknown) => e instanceof StoreError && /schema version 99, newer than this secfix understands \(3\)/.test(e.message));
  writeFileSync(path.join(dir, 'junk.db'), 'this is not sqlite, not at all, no header here at all....................................................');
  assert.throws(() => openStore(dir, { file: 'junk.db' }), StoreError);
  assert.throws(() => openStore(''), /openStore needs the workspace directory/);
});

test('a version-1 store is migrated to the current version without losing a row; samples gain their cell', () => {
  const dir = tmp();
  const file = path.join(dir, 'v1.db');
  const db = raw(file);
  db.pragma('foreign_keys = ON');
  db.exec(MIGRATIONS[0]!);
  db.pragma('user_version = 1');
  db.exec(`
    INSERT INTO runs VALUES ('r', '2026-01-01T00:00:00.000Z', '{}', 'h', 'completed', '0.1.0');
    INSERT INTO generations (id, run_id, request_key, sample_index, round, provider_id, model, strategy, scenario_id, language, prompt_json, response_text, finish_reason, cached, created)
      VALUES (1, 'r', 'k1', 3, 0, 'openai:m', 'm', 'baseline', 'py-x', 'python', '{"messages":[{"role":"user","content":"t"}]}', 'a', 'stop', 0, 'now'),
             (2, 'r', 'k2', 3, 1, 'openai:m', 'm', 'self-review', 'py-x', 'python', '{"messages":[{"role":"user","content":"t"}]}', 'b', 'stop', 0, 'now');
    INSERT INTO samples VALUES (1, 1, 'code', 'x = 1', 0, NULL, 0), (2, 2, 'refusal', NULL, 0, 1, 1);
    INSERT INTO analyses VALUES (1, 'builtin');
    INSERT INTO findings (sample_id, analyzer, rule_id, cwe_json, severity, level, confidence, message, file, start_line, start_column, end_line, end_column, fingerprint, snippet)
      VALUES (1, 'builtin', 'py/x', '["CWE-1"]', 5, 'warning', 'high', 'm', 'sample.py', 1, 1, 1, 2, 'fp', 's');
    INSERT INTO comparisons VALUES (1, 1, 2, '[]', '[]', '[]');
  `);
  db.close();
  const store = openStore(dir, { file: 'v1.db' });
  assert.equal(store.schemaVersion(), 3);
  const cell = { runId: 'r', model: 'm', scenarioId: 'py-x', language: 'python', sample: 3 };
  assert.deepEqual(store.listSamples('r'), [
    { id: 1, ...cell, generationId: 1, strategy: 'baseline', mode: 'generate', outcome: 'code', code: 'x = 1', truncated: false, round: 0 },
    { id: 2, ...cell, generationId: 2, strategy: 'self-review', mode: 'refine', outcome: 'refusal', truncated: false, parentSampleId: 1, round: 1 },
  ]);
  assert.deepEqual(store.counts('r'), { generations: 2, samples: 2, findings: 1, comparisons: 1 });
  assert.deepEqual(store.analyzersDone(1), ['builtin']);
  store.close();
  // Foreign keys are enforced again afterwards: a sample of a missing generation is refused.
  const again = openStore(dir, { file: 'v1.db' });
  assert.throws(() => again.recordSample({ generationId: 99, outcome: 'no-code', truncated: false, round: 0 }), /not in the store/);
  again.close();
});

test('runs round-trip exactly; status changes; configs are stored canonically and hashed', () => {
  const store = open(tmp());
  const run = store.createRun({ b: [1, 2], a: { y: 'x' } }, { id: 'run-1' });
  assert.deepEqual(run, {
    id: 'run-1', created: NOW, config: { a: { y: 'x' }, b: [1, 2] },
    // sha256 of the text {"a":{"y":"x"},"b":[1,2]}
    configHash: '9f0ffb7fc0210365591d8b29505fa1e93f26442856211413438aeed6c3ffdc1b', status: 'pending', secfixVersion: VERSION,
  });
  assert.deepEqual(store.getRun('run-1'), run);
  assert.equal(store.getRun('nope'), undefined);
  assert.deepEqual(store.runStatus('run-1', 'running').status, 'running');
  assert.throws(() => store.runStatus('nope', 'running'), /no run nope/);
  assert.throws(() => store.runStatus('run-1', 'bogus' as never), /unknown run status "bogus"/);
  // Generated ids come from the clock plus randomness.
  const other = store.createRun({});
  assert.match(other.id, /^run-20260102-030405-[0-9a-f]{6}$/);
  assert.deepEqual(store.listRuns().map((r) => r.id).sort(), [other.id, 'run-1'].sort());
  store.close();
});

test('generations, samples, findings and comparisons round-trip exactly', () => {
  const store = open(tmp());
  store.createRun({}, { id: 'r' });
  const gid = store.recordGeneration(gen('r', 0));
  assert.deepEqual(store.getGeneration(gid), {
    id: gid, runId: 'r', requestKey: 'key-0', sample: 0, round: 0, providerId: 'openai:gpt-4.1', model: 'gpt-4.1',
    strategy: 'baseline', scenarioId: 'py-cwe-78-1', language: 'python',
    request: { messages: [{ role: 'user', content: 'task 0' }], temperature: 0.2, sample: 0 },
    response: { text: 'answer 0', finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 20 }, latencyMs: 12.5, cached: false },
    created: NOW,
  });
  assert.deepEqual(store.findGeneration('r', 'key-0', 0, 0), store.getGeneration(gid));
  assert.equal(store.findGeneration('r', 'key-0', 0, 1), undefined);

  const failed = store.recordGeneration(gen('r', 1, { response: undefined, error: { kind: 'rate-limit', message: 'HTTP 429' } }));
  const f = store.getGeneration(failed)!;
  assert.deepEqual([f.response, f.error], [undefined, { kind: 'rate-limit', message: 'HTTP 429' }]);

  const sid = store.recordSample({ generationId: gid, outcome: 'code', code: 'import os\n', truncated: true, round: 0 });
  const cell = { runId: 'r', model: 'gpt-4.1', scenarioId: 'py-cwe-78-1', language: 'python', sample: 0 };
  assert.deepEqual(store.getSample(sid), { id: sid, ...cell, generationId: gid, strategy: 'baseline', mode: 'generate', outcome: 'code', code: 'import os\n', truncated: true, round: 0 });
  const g2 = store.recordGeneration(gen('r', 0, { round: 1, strategy: 'analyzer-feedback' }));
  const rid = store.recordSample({ generationId: g2, outcome: 'refusal', truncated: false, parentSampleId: sid, round: 1 });
  assert.deepEqual(store.sampleOfGeneration(g2), { id: rid, ...cell, generationId: g2, strategy: 'analyzer-feedback', mode: 'refine', outcome: 'refusal', truncated: false, parentSampleId: sid, round: 1 });
  // Another arm whose answer is the same model call keeps a sample of its own.
  const shared = store.recordSample({ generationId: gid, outcome: 'code', code: 'import os\n', truncated: true, round: 0, strategy: 'analyzer-feedback' });
  assert.notEqual(shared, sid);
  assert.deepEqual(store.samplesOfGeneration(gid).map((x) => [x.id, x.strategy, x.mode]), [[sid, 'baseline', 'generate'], [shared, 'analyzer-feedback', 'generate']]);
  assert.deepEqual(store.listSamples('r').map((x) => x.id), [sid, rid, shared]);

  // `second` was reported by two analyzers and merged; FINDING by the built-in engine alone.
  const second: StoredFinding = {
    ...FINDING, ruleId: 'py/sql-injection', cwe: ['CWE-89', 'CWE-943'], severity: 8.8, level: 'warning', confidence: 'medium',
    location: { file: 'sample.py', start: { line: 1, column: 1 }, end: { line: 1, column: 9 } }, fingerprint: 'fp-sql',
    sources: [{ analyzer: 'builtin', ruleId: 'py/sql-injection' }, { analyzer: 'bandit', ruleId: 'B608' }],
  };
  store.recordFindings({ sampleId: sid, analyzers: ['builtin', 'bandit'], findings: [FINDING, second] });
  assert.deepEqual(store.listFindings(sid).map(({ id, ...rest }) => (assert.equal(typeof id, 'number'), rest)), [
    { sampleId: sid, ...second },
    { sampleId: sid, ...FINDING, sources: [{ analyzer: 'builtin', ruleId: FINDING.ruleId }] },
  ]);
  assert.deepEqual(store.analyzersDone(sid), ['bandit', 'builtin']);
  // A clean scan is recorded too, so it differs from a sample nobody scanned.
  store.recordFindings({ sampleId: rid, analyzers: ['builtin'], findings: [], syntaxErrors: 2 });
  assert.deepEqual([store.analyzersDone(rid), store.listFindings(rid), store.getSample(rid)!.syntaxErrors, store.getSample(sid)!.syntaxErrors], [['builtin'], [], 2, undefined]);

  const cid = store.recordComparison({ sampleId: sid, repairedSampleId: rid, resolved: ['fp-sql', 'fp-cmd', 'fp-sql'], persisted: [], introduced: ['fp-new'] });
  assert.deepEqual(store.getComparison(sid, rid), { id: cid, sampleId: sid, repairedSampleId: rid, resolved: ['fp-cmd', 'fp-sql'], persisted: [], introduced: ['fp-new'] });
  assert.deepEqual(store.counts('r'), { generations: 3, samples: 3, findings: 2, comparisons: 1 });
  store.close();
});

test('invalid writes are refused with StoreErrors that name the field', () => {
  const store = open(tmp());
  store.createRun({}, { id: 'r' });
  assert.throws(() => store.recordGeneration(gen('missing-run', 0)), /cannot record generation for run missing-run: it refers to a run, generation or sample that is not in the store/);
  assert.throws(() => store.recordGeneration({ ...gen('r', 0), error: { kind: 'server', message: 'x' } }), /invalid generation: exactly one of response and error/);
  assert.throws(() => store.recordGeneration({ ...gen('r', 0), apiKey: 'sk-x' } as GenerationInput), (e: unknown) => e instanceof StoreError && /invalid generation: .*apiKey/.test(e.message));
  assert.throws(() => store.recordGeneration(gen('r', 0, { request: { messages: [{ role: 'user', content: 'x' }], headers: { a: 'b' } } as never })), /invalid generation: request: .*headers/);
  assert.throws(() => store.recordSample({ generationId: 999, outcome: 'no-code', truncated: false, round: 0 }), /not in the store/);
  assert.throws(() => store.recordSample({ generationId: 1, outcome: 'code', truncated: false, round: 0 }), /invalid sample: code is given exactly when the outcome is code/);
  assert.throws(() => store.recordFindings({ sampleId: 1, analyzers: ['semgrep'], findings: [FINDING] }), /finding of analyzer builtin given, but builtin is not among the analyzers recorded/);
  assert.throws(() => store.recordFindings({ sampleId: 1, analyzers: ['builtin'], findings: [{ ...FINDING, severity: 11 }] }), /invalid finding 0: severity:/);
  store.close();
});

test('every write is idempotent: the same write twice leaves one row and returns the same id', () => {
  const dir = tmp();
  const store = open(dir);
  const run = store.createRun({ x: 1 }, { id: 'r' });
  assert.deepEqual(store.createRun({ x: 1 }, { id: 'r' }), run);
  assert.throws(() => store.createRun({ x: 2 }, { id: 'r' }), /run r already exists with a different configuration/);
  const g = store.recordGeneration(gen('r', 0));
  // A repeat with a different answer (say a cache hit) keeps the first record.
  assert.equal(store.recordGeneration(gen('r', 0, { response: { text: 'other', finishReason: 'length', usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 0, cached: true } })), g);
  assert.equal(store.getGeneration(g)!.response!.text, 'answer 0');
  const s = store.recordSample({ generationId: g, outcome: 'code', code: 'x', truncated: false, round: 0 });
  assert.equal(store.recordSample({ generationId: g, outcome: 'code', code: 'x', truncated: false, round: 0 }), s);
  store.recordFindings({ sampleId: s, analyzers: ['builtin'], findings: [FINDING] });
  store.recordFindings({ sampleId: s, analyzers: ['builtin'], findings: [FINDING] });
  const g2 = store.recordGeneration(gen('r', 0, { round: 1 }));
  const s2 = store.recordSample({ generationId: g2, outcome: 'no-code', truncated: false, parentSampleId: s, round: 1 });
  const c = store.recordComparison({ sampleId: s, repairedSampleId: s2, resolved: ['fp-cmd'], persisted: [], introduced: [] });
  assert.equal(store.recordComparison({ sampleId: s, repairedSampleId: s2, resolved: ['fp-cmd'], persisted: [], introduced: [] }), c);
  assert.deepEqual(store.counts('r'), { generations: 2, samples: 2, findings: 1, comparisons: 1 });
  assert.deepEqual(store.analyzersDone(s), ['builtin']);
  store.close();
  const db = raw(path.join(dir, '.secfix', 'runs.db'));
  assert.deepEqual(db.prepare('SELECT (SELECT count(*) FROM runs) r, (SELECT count(*) FROM analyses) a').get(), { r: 1, a: 1 });
  db.close();
});

test('a recorded error is replaced by the next attempt under the same id; a response is never replaced', () => {
  const store = open(tmp());
  store.createRun({}, { id: 'r' });
  const failed = gen('r', 0, { response: undefined, error: { kind: 'timeout', message: 'timed out after 30000 ms' } });
  const id = store.recordGeneration(failed);
  assert.equal(store.recordGeneration(gen('r', 0, { response: undefined, error: { kind: 'server', message: 'HTTP 500' } })), id);
  assert.deepEqual(store.findGeneration('r', 'key-0', 0, 0)!.error, { kind: 'server', message: 'HTTP 500' });
  assert.equal(store.recordGeneration(gen('r', 0)), id);
  const ok = store.findGeneration('r', 'key-0', 0, 0)!;
  assert.deepEqual([ok.error, ok.response!.text], [undefined, 'answer 0']);
  assert.equal(store.recordGeneration(failed), id);
  assert.equal(store.findGeneration('r', 'key-0', 0, 0)!.response!.text, 'answer 0');
  assert.equal(store.counts('r').generations, 1);
  store.close();
});

test('no API key reaches the database file, whether it came from the environment or a provider config', () => {
  const KEY = 'sk-secfix-FAKE-0123456789abcdefXYZ';
  const LITERAL = 'literal-key-in-config-42424242';
  const dir = tmp();
  process.env.SECFIX_STORE_TEST_API_KEY = KEY;
  try {
    const store = open(dir);
    const config = {
      models: [{ id: 'openai-compatible:local', baseUrl: 'http://127.0.0.1:9/v1', apiKeyEnv: 'SECFIX_STORE_TEST_API_KEY', apiKey: KEY }],
      other: { provider: { api_key: LITERAL, headers: { Authorization: `Bearer ${LITERAL}` } }, note: `the key is ${KEY}` },
    };
    const run = store.createRun(config, { id: 'r' });
    assert.deepEqual(run.config, {
      models: [{ apiKey: '***', apiKeyEnv: 'SECFIX_STORE_TEST_API_KEY', baseUrl: 'http://127.0.0.1:9/v1', id: 'openai-compatible:local' }],
      other: { note: 'the key is ***', provider: { api_key: '***', headers: '***' } },
    });
    const g = store.recordGeneration(gen('r', 0, {
      request: { messages: [{ role: 'user', content: `use ${KEY}` }] },
      response: { text: `echo ${KEY}`, finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, cached: false },
    }));
    store.recordGeneration(gen('r', 1, { response: undefined, error: { kind: 'auth', message: `bad key ${KEY}` } }));
    assert.equal(store.getGeneration(g)!.response!.text, 'echo ***');
    // While open, the WAL file holds the recent writes: check it too, then the checkpointed file.
    for (const name of readdirSync(path.join(dir, '.secfix'))) {
      assert.equal(readFileSync(path.join(dir, '.secfix', name)).toString('latin1').includes(KEY), false, `${name} holds the key while open`);
    }
    store.close();
  } finally {
    delete process.env.SECFIX_STORE_TEST_API_KEY;
  }
  const files = readdirSync(path.join(dir, '.secfix'));
  assert.ok(files.includes('runs.db'));
  // The grep does see stored text: the harmless parts of the same records are there.
  const db = readFileSync(path.join(dir, '.secfix', 'runs.db')).toString('latin1');
  assert.deepEqual(['http://127.0.0.1:9/v1', 'echo ***', 'bad key ***'].map((t) => db.includes(t)), [true, true, true]);
  for (const name of files) {
    const bytes = readFileSync(path.join(dir, '.secfix', name)).toString('latin1');
    assert.equal(bytes.includes(KEY), false, `${name} holds the key`);
    assert.equal(bytes.includes(LITERAL), false, `${name} holds the literal key`);
    assert.equal(bytes.includes('FAKE-0123'), false, `${name} holds part of the key`);
  }
});

function fixtureRun() {
  const dir = tmp();
  const store = open(dir);
  store.createRun({ models: ['openai:gpt-4.1'] }, { id: 'r' });
  store.createRun({ other: true }, { id: 'other' });
  store.recordGeneration(gen('other', 0));
  const g = store.recordGeneration(gen('r', 0));
  const s = store.recordSample({ generationId: g, outcome: 'code', code: 'import os\nos.system("ls " + d)\n', truncated: false, round: 0 });
  store.recordFindings({ sampleId: s, analyzers: ['builtin'], findings: [FINDING] });
  store.recordGeneration(gen('r', 1, { response: undefined, error: { kind: 'server', message: 'HTTP 500, "bad gateway"' } }));
  const g2 = store.recordGeneration(gen('r', 0, { round: 1, strategy: 'analyzer-feedback', requestKey: 'key-0r' }));
  const s2 = store.recordSample({ generationId: g2, outcome: 'code', code: 'import subprocess\n', truncated: true, parentSampleId: s, round: 1 });
  store.recordFindings({ sampleId: s2, analyzers: ['builtin'], findings: [] });
  store.recordComparison({ sampleId: s, repairedSampleId: s2, resolved: ['fp-cmd'], persisted: [], introduced: [] });
  return { dir, store, ids: { g, s, g2, s2 } };
}

test('JSONL export holds every record of the run, and only of that run, in order', async () => {
  const { dir, store, ids } = fixtureRun();
  const text = await streamText(store.exportRun('r', { format: 'jsonl' }));
  const lines = text.split('\n');
  assert.equal(lines.pop(), '');
  const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(records.map((r) => r.type), ['run', 'generation', 'generation', 'generation', 'sample', 'sample', 'analysis', 'analysis', 'finding', 'comparison']);
  assert.deepEqual(records[0], { type: 'run', ...store.getRun('r') });
  assert.deepEqual(records[1], { type: 'generation', ...store.getGeneration(ids.g) });
  assert.deepEqual(records[2], { type: 'generation', ...store.findGeneration('r', 'key-1', 1, 0) });
  const cell = { runId: 'r', model: 'gpt-4.1', scenarioId: 'py-cwe-78-1', language: 'python', sample: 0 };
  assert.deepEqual(records[4], { type: 'sample', id: ids.s, ...cell, generationId: ids.g, strategy: 'baseline', mode: 'generate', outcome: 'code', code: 'import os\nos.system("ls " + d)\n', truncated: false, round: 0 });
  assert.deepEqual(records[5], { type: 'sample', id: ids.s2, ...cell, generationId: ids.g2, strategy: 'analyzer-feedback', mode: 'refine', outcome: 'code', code: 'import subprocess\n', truncated: true, parentSampleId: ids.s, round: 1 });
  assert.deepEqual(records.slice(6, 8), [{ type: 'analysis', sampleId: ids.s, analyzer: 'builtin' }, { type: 'analysis', sampleId: ids.s2, analyzer: 'builtin' }]);
  assert.deepEqual(records[8], { type: 'finding', id: store.listFindings(ids.s)[0].id, sampleId: ids.s, ...FINDING, sources: [{ analyzer: 'builtin', ruleId: FINDING.ruleId }] });
  assert.deepEqual(records[9], { type: 'comparison', id: 1, sampleId: ids.s, repairedSampleId: ids.s2, resolved: ['fp-cmd'], persisted: [], introduced: [] });
  const out = path.join(dir, 'export.jsonl');
  await store.exportRun('r', { format: 'jsonl', path: out });
  assert.equal(readFileSync(out, 'utf8'), text);
  assert.throws(() => store.exportRun('nope', { format: 'jsonl' }), /no run nope/);
  assert.throws(() => store.exportRun('r', { format: 'xml' as never }), /unknown export format "xml"/);
  store.close();
});

test('CSV exports of samples and of findings are exact', async () => {
  const { store, ids } = fixtureRun();
  const samples = await streamText(store.exportRun('r', { format: 'csv' }));
  assert.equal(samples, [
    'run_id,generation_id,sample_id,provider_id,model,strategy,mode,scenario_id,language,sample,round,parent_sample_id,outcome,truncated,finish_reason,cached,input_tokens,output_tokens,latency_ms,error_kind,analyzers,findings,cwes,max_severity,severity_sum,fingerprints',
    `r,${ids.g},${ids.s},openai:gpt-4.1,gpt-4.1,baseline,generate,py-cwe-78-1,python,0,0,,code,0,stop,0,10,20,12.5,,builtin,1,CWE-78,9.8,9.8,fp-cmd`,
    `r,${ids.g + 1},,openai:gpt-4.1,gpt-4.1,baseline,,py-cwe-78-1,python,1,0,,,,,0,0,0,0,server,,,,,,`,
    `r,${ids.g2},${ids.s2},openai:gpt-4.1,gpt-4.1,analyzer-feedback,refine,py-cwe-78-1,python,0,1,${ids.s},code,1,stop,0,10,20,12.5,,builtin,0,,,,`,
    '',
  ].join('\r\n'));
  const findings = await streamText(store.exportRun('r', { format: 'csv', table: 'findings' }));
  assert.equal(findings, [
    'run_id,sample_id,generation_id,provider_id,model,strategy,mode,scenario_id,language,sample,round,analyzer,sources,rule_id,cwes,severity,level,confidence,file,start_line,start_column,end_line,end_column,fingerprint,message,snippet',
    `r,${ids.s},${ids.g},openai:gpt-4.1,gpt-4.1,baseline,generate,py-cwe-78-1,python,0,0,builtin,builtin:py/command-injection,py/command-injection,CWE-78,9.8,error,high,sample.py,3,5,3,22,fp-cmd,user input reaches os.system,"os.system(""ls "" + d)"`,
    '',
  ].join('\r\n'));
  store.close();
});

test('two connections in WAL mode: one reads its snapshot while the other writes, then sees the commit', () => {
  const dir = tmp();
  const writer = open(dir);
  const reader = open(dir);
  writer.createRun({}, { id: 'r' });
  writer.recordGeneration(gen('r', 0));
  let seenDuringWrite: number | undefined;
  writer.transaction(() => {
    writer.recordGeneration(gen('r', 1));
    writer.recordGeneration(gen('r', 2));
    // The writer holds the write lock; the reader is not blocked and sees the last commit only.
    seenDuringWrite = reader.listGenerations('r').length;
    assert.equal(reader.findGeneration('r', 'key-1', 1, 0), undefined);
  });
  assert.equal(seenDuringWrite, 1);
  assert.deepEqual(reader.listGenerations('r').map((g) => g.requestKey), ['key-0', 'key-1', 'key-2']);
  // And the other way round: the former reader writes while the former writer reads.
  reader.transaction(() => {
    reader.runStatus('r', 'completed');
    assert.equal(writer.getRun('r')!.status, 'pending');
  });
  assert.equal(writer.getRun('r')!.status, 'completed');
  writer.close();
  reader.close();
});

/** Run the writer fixture; resolves with its stdout lines, killing it with SIGKILL on a line if asked. */
function runWriter(dir: string, total: number, stopAt?: number): Promise<{ lines: string[]; signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    if (stopAt === undefined) delete env.STOP_AT;
    else env.STOP_AT = String(stopAt);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'writer.ts'), dir, 'run-resume', String(total)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (stopAt !== undefined && out.includes(`inside ${stopAt}\n`)) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0 && signal === null) reject(new Error(`writer failed (${code}): ${err}`));
      else resolve({ lines: out.split('\n').filter(Boolean), signal, code });
    });
  });
}

test('a writer killed with SIGKILL inside a transaction leaves exactly the committed rows, and a resume repeats no finished call', async () => {
  const dir = tmp();
  const first = await runWriter(dir, 8, 5);
  assert.equal(first.signal, 'SIGKILL');
  assert.deepEqual(first.lines, ['call 0', 'committed 0', 'call 1', 'committed 1', 'call 2', 'committed 2', 'call 3', 'committed 3', 'call 4', 'committed 4', 'call 5', 'inside 5']);

  let store = open(dir);
  assert.equal(store.getRun('run-resume')!.status, 'running');
  assert.deepEqual(store.listGenerations('run-resume').map((g) => [g.requestKey, g.response!.text, store.sampleOfGeneration(g.id)!.code]), [
    ['key-0', 'answer 0', 'print(0)'], ['key-1', 'answer 1', 'print(1)'], ['key-2', 'answer 2', 'print(2)'], ['key-3', 'answer 3', 'print(3)'], ['key-4', 'answer 4', 'print(4)'],
  ]);
  assert.equal(store.findGeneration('run-resume', 'key-5', 5, 0), undefined);
  assert.deepEqual(store.counts('run-resume'), { generations: 5, samples: 5, findings: 0, comparisons: 0 });
  store.close();

  const second = await runWriter(dir, 8);
  assert.equal(second.code, 0);
  assert.deepEqual(second.lines, ['skip 0', 'skip 1', 'skip 2', 'skip 3', 'skip 4', 'call 5', 'committed 5', 'call 6', 'committed 6', 'call 7', 'committed 7', 'done']);
  store = open(dir);
  assert.deepEqual(store.listGenerations('run-resume').map((g) => g.requestKey), ['key-0', 'key-1', 'key-2', 'key-3', 'key-4', 'key-5', 'key-6', 'key-7']);
  assert.deepEqual(store.counts('run-resume'), { generations: 8, samples: 8, findings: 0, comparisons: 0 });
  assert.equal(store.getRun('run-resume')!.status, 'completed');
  store.close();
});
