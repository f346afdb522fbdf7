/** The study runner, end to end from the bundled replay file; resume; provider errors; unsupported settings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStudyConfig, parseStudyConfig } from '../../src/config/load.ts';
import { ConfigError } from '../../src/core/errors.ts';
import { defaultProviderFactory, runStudy, type RunSummary } from '../../src/experiments/runner.ts';
import { ProviderError } from '../../src/providers/errors.ts';
import type { Generation, GenerationRequest, Provider } from '../../src/providers/types.ts';
import { openStore, type RunStore } from '../../src/store/store.ts';
import { skipUnlessInstalled } from '../support/cli.ts';
import { findExecutable } from '../../src/analyzers/run-tool.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STUDY = path.join(root, 'examples', 'offline-study.yaml');

function withStore(fn: (store: RunStore) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-runner-'));
    const store = openStore(dir);
    try {
      await fn(store);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** The replay provider of the study, counting its calls, failing the ones `fail` picks. */
function counting(fail: (r: GenerationRequest) => boolean = () => false): { calls: number; factory: typeof defaultProviderFactory } {
  const box = { calls: 0, factory: defaultProviderFactory };
  box.factory = (model) => {
    const inner: Provider = defaultProviderFactory(model);
    return {
      id: inner.id,
      async generate(request: GenerationRequest, options): Promise<Generation> {
        box.calls++;
        if (fail(request)) throw new ProviderError(`${inner.id}: server error (500)`, { kind: 'server', status: 500, retryable: false });
        return inner.generate(request, options);
      },
    };
  };
  return box;
}

const EXPECTED: Omit<RunSummary, 'runId'> = {
  generations: 7, providerCalls: 0, resumed: 0, cached: 7, errors: 0, refusals: 1, noCode: 1, truncated: 1,
  samples: 7, samplesWithCode: 5, samplesWithFindings: 2, comparisons: 2, skipped: 1, imported: 0, importProblems: [],
  spent: { inputTokens: 0, outputTokens: 0 }, unitsDone: 4, units: 4,
};

test('the offline study runs end to end from the replay file', withStore(async (store) => {
  const config = await loadStudyConfig(STUDY);
  const provider = counting();
  const progress: number[] = [];
  const { runId, ...summary } = await runStudy(config, { store, providerFactory: provider.factory, onProgress: (s) => progress.push(s.generations) });
  assert.deepEqual(summary, EXPECTED);
  assert.equal(provider.calls, 7);
  assert.equal(progress.at(-1), 7);
  assert.equal(store.getRun(runId)!.status, 'completed');
  assert.deepEqual(store.counts(runId), { generations: 7, samples: 7, findings: 2, comparisons: 2 });
  const rows = store.listGenerations(runId).map((g) => {
    const s = store.sampleOfGeneration(g.id)!;
    return [g.scenarioId, g.sample, g.round, g.strategy, s.outcome, s.truncated, store.listFindings(s.id).map((f) => f.ruleId).join(',')];
  });
  const sorted = rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  assert.deepEqual(sorted, [
    ['py-cwe-078-ping-host', 0, 0, 'baseline', 'code', false, 'py/command-injection'],
    ['py-cwe-078-ping-host', 0, 1, 'security-checklist', 'code', true, ''],
    ['py-cwe-078-ping-host', 1, 0, 'baseline', 'code', false, ''],
    ['py-cwe-078-ping-host', 1, 1, 'security-checklist', 'no-code', false, ''],
    ['py-cwe-089-user-lookup', 0, 0, 'baseline', 'code', false, 'py/sql-injection'],
    ['py-cwe-089-user-lookup', 0, 1, 'security-checklist', 'code', false, ''],
    ['py-cwe-089-user-lookup', 1, 0, 'baseline', 'refusal', false, ''],
  ]);
  // both repairs with code resolved the baseline's one finding
  for (const g of store.listGenerations(runId).filter((x) => x.round === 1)) {
    const s = store.sampleOfGeneration(g.id)!;
    if (s.outcome !== 'code') continue;
    const c = store.getComparison(s.parentSampleId!, s.id)!;
    assert.equal(c.resolved.length, 1);
    assert.deepEqual([c.persisted, c.introduced], [[], []]);
  }
}));

test('a resumed run makes no provider call and reports the same counts', withStore(async (store) => {
  const config = await loadStudyConfig(STUDY);
  const first = await runStudy(config, { store, providerFactory: counting().factory });
  const provider = counting();
  const { runId, ...again } = await runStudy(config, { store, providerFactory: provider.factory, resume: first.runId });
  assert.equal(runId, first.runId);
  assert.equal(provider.calls, 0);
  assert.deepEqual(again, { ...EXPECTED, providerCalls: 0, resumed: 7, cached: 0 });
  assert.deepEqual(store.counts(runId), { generations: 7, samples: 7, findings: 2, comparisons: 2 });
  await assert.rejects(runStudy(config, { store, resume: 'run-nope' }), (e: unknown) => e instanceof ConfigError && /no run run-nope/.test(e.message));
}));

test('a provider error is a recorded outcome; the run goes on, and a resume retries only that call', withStore(async (store) => {
  const config = await loadStudyConfig(STUDY);
  // the first baseline call of ping-host sample 0 fails
  const isPing0 = (r: GenerationRequest) => r.sample === 0 && r.messages[0]!.content.includes('pings the host') && !r.messages[0]!.content.includes('checklist');
  const failing = counting(isPing0);
  const s = await runStudy(config, { store, providerFactory: failing.factory });
  assert.equal(failing.calls, 6); // its repair was never asked for
  assert.deepEqual(
    [s.generations, s.errors, s.samples, s.samplesWithCode, s.samplesWithFindings, s.comparisons, s.skipped],
    [6, 1, 5, 3, 1, 1, 2],
  );
  assert.equal(store.getRun(s.runId)!.status, 'completed');
  const errored = store.listGenerations(s.runId).filter((g) => g.error);
  assert.deepEqual(errored.map((g) => [g.scenarioId, g.sample, g.error!.kind]), [['py-cwe-078-ping-host', 0, 'server']]);
  assert.equal(store.sampleOfGeneration(errored[0]!.id), undefined);

  const healthy = counting();
  const r = await runStudy(config, { store, providerFactory: healthy.factory, resume: s.runId });
  assert.equal(healthy.calls, 2); // the failed call, then the repair it now allows
  assert.deepEqual([r.generations, r.resumed, r.errors, r.samplesWithFindings], [7, 5, 0, 2]);
}));

/** A scripted model: vulnerable code on a first prompt, a parameterised query when asked to fix code. */
function scripted(first?: string): { calls: GenerationRequest[]; factory: typeof defaultProviderFactory } {
  const box = { calls: [] as GenerationRequest[], factory: defaultProviderFactory };
  box.factory = (model) => ({
    id: model.id,
    async generate(request: GenerationRequest): Promise<Generation> {
      box.calls.push(request);
      const fixing = request.messages.some((m) => /is data to be (reviewed|repaired)/.test(m.content));
      const code = fixing
        ? 'import sqlite3\n\ndef find_user(conn, name):\n    return conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()\n'
        : first ?? 'import sqlite3\nfrom flask import request\n\ndef find_user(conn):\n    name = request.args["name"]\n    return conn.execute("SELECT * FROM users WHERE name = \'" + name + "\'").fetchone()\n';
      return { text: '```python\n' + code + '```\n', finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 20 }, latencyMs: 1, cached: false, raw: {} };
    },
  });
  return box;
}

const ONE_SCENARIO = 'models: [openai:gpt-test]\nscenarios: {builtin: {ids: [py-cwe-089-user-lookup]}}\nlanguages: [python]\nsamples: 1\ncache: {enabled: false}\n';

test('mode both: every arm is generated, and every strategy also refines the baseline, K rounds', withStore(async (store) => {
  const config = parseStudyConfig(ONE_SCENARIO + 'strategies: [baseline, security-checklist]\nmode: both\nrepair: {rounds: 2}\n', '/tmp/both.yaml');
  const model = scripted();
  const s = await runStudy(config, { store, providerFactory: model.factory });
  // baseline, security-checklist generated, then its repairs in rounds 1 and 2
  assert.equal(model.calls.length, 4);
  assert.deepEqual([s.generations, s.samples, s.samplesWithCode, s.samplesWithFindings, s.comparisons, s.skipped], [4, 4, 4, 2, 2, 0]);
  const samples = store.listSamples(s.runId);
  assert.deepEqual(samples.map((x) => x.syntaxErrors), [0, 0, 0, 0]);
  assert.deepEqual(samples.map((x) => [x.strategy, x.mode, x.round, x.parentSampleId ?? null, store.listFindings(x.id).map((f) => f.ruleId).join()]), [
    ['baseline', 'generate', 0, null, 'py/sql-injection'],
    ['security-checklist', 'generate', 0, null, 'py/sql-injection'],
    ['security-checklist', 'refine', 1, samples[0]!.id, ''],
    ['security-checklist', 'refine', 2, samples[2]!.id, ''],
  ]);
  assert.deepEqual(store.getComparison(samples[0]!.id, samples[2]!.id)!.resolved.length, 1);
  assert.deepEqual(store.getComparison(samples[2]!.id, samples[3]!.id), { id: 2, sampleId: samples[2]!.id, repairedSampleId: samples[3]!.id, resolved: [], persisted: [], introduced: [] });
  // A resume repeats none of it.
  const again = scripted();
  const r = await runStudy(config, { store, providerFactory: again.factory, resume: s.runId });
  assert.deepEqual([again.calls.length, r.resumed, store.listSamples(s.runId).length], [0, 4, 4]);
}));

test('generate mode: two arms whose first call is the same request share it but keep a sample each', withStore(async (store) => {
  const config = parseStudyConfig(ONE_SCENARIO + 'strategies: [baseline, analyzer-feedback]\nmode: generate\n', '/tmp/gen.yaml');
  const model = scripted();
  const s = await runStudy(config, { store, providerFactory: model.factory });
  // analyzer-feedback's first call is the baseline's own prompt: answered once, recorded once
  assert.equal(model.calls.length, 2);
  assert.deepEqual(model.calls[0], { ...model.calls[0]!, sample: 0 });
  const gens = store.listGenerations(s.runId);
  assert.deepEqual(gens.map((g) => g.strategy), ['baseline', 'analyzer-feedback']);
  const samples = store.listSamples(s.runId);
  const byArm = Object.fromEntries(samples.map((x) => [x.strategy, x]));
  assert.deepEqual(Object.keys(byArm).sort(), ['analyzer-feedback', 'baseline']);
  assert.equal(byArm['baseline']!.generationId, gens[0]!.id);
  // its feedback round fixed the query: its own sample is the second generation, and clean
  assert.equal(byArm['analyzer-feedback']!.generationId, gens[1]!.id);
  assert.deepEqual([store.listFindings(byArm['baseline']!.id).length, store.listFindings(byArm['analyzer-feedback']!.id).length], [1, 0]);
}));

test('negative-examples is shown the model\'s own insecure baseline output of the cell', withStore(async (store) => {
  const config = parseStudyConfig(ONE_SCENARIO + 'strategies: [baseline, {negative-examples: {source: own}}]\nmode: generate\n', '/tmp/neg.yaml');
  const model = scripted();
  await runStudy(config, { store, providerFactory: model.factory });
  assert.equal(model.calls.length, 2);
  const prompt = model.calls[1]!.messages.map((m) => m.content).join('\n');
  assert.ok(prompt.includes(`conn.execute("SELECT * FROM users WHERE name = '" + name + "'")`), prompt);
}));

test('existing samples are imported into a run and scanned without a model call; bad rows are problems', withStore(async (store) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-import-'));
  try {
    const rows = [
      { code: 'import os\nfrom flask import request\nos.system("ping " + request.args["h"])\n', language: 'python', model: 'gpt-x', strategy: 'baseline', scenario: 'ping', sample: 0 },
      { code: 'import subprocess\nsubprocess.run(["ping", "-c", "1", "example.org"])\n', language: 'python', model: 'gpt-x', strategy: 'security-checklist', scenario: 'ping', sample: 0 },
      { code: '', language: 'python', model: 'gpt-x', strategy: 'baseline', scenario: 'ping', sample: 1 },
    ];
    writeFileSync(path.join(dir, 'samples.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    writeFileSync(path.join(dir, 'study.yaml'), 'models: []\nscenarios: {importers: [{format: samples, path: samples.jsonl}]}\n');
    const config = await loadStudyConfig(path.join(dir, 'study.yaml'));
    const s = await runStudy(config, { store, providerFactory: () => assert.fail('no provider is built') });
    assert.deepEqual([s.providerCalls, s.imported, s.samples, s.samplesWithFindings], [0, 2, 2, 1]);
    assert.deepEqual(s.importProblems, [{ file: path.join(dir, 'samples.jsonl'), line: 3, message: 'empty code' }]);
    assert.deepEqual(store.listSamples(s.runId).map((x) => [x.model, x.strategy, x.mode, x.scenarioId, x.sample, store.listFindings(x.id).map((f) => f.ruleId).join()]), [
      ['gpt-x', 'baseline', 'import', 'ping', 0, 'py/command-injection'],
      ['gpt-x', 'security-checklist', 'import', 'ping', 0, ''],
    ]);
    assert.deepEqual(store.listGenerations(s.runId).map((g) => [g.providerId, g.response!.cached, g.request.messages[0]!.content]), [
      ['import', true, 'imported sample samples.jsonl:1'],
      ['import', true, 'imported sample samples.jsonl:2'],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}));

test('external analyzers scan every sample, merged with the built-in findings', { skip: skipUnlessInstalled(!!findExecutable('bandit'), 'bandit') }, withStore(async (store) => {
  const config = parseStudyConfig(ONE_SCENARIO + 'strategies: [baseline]\nmode: generate\nanalyzers: [builtin, bandit]\n', '/tmp/ext.yaml');
  const code = 'import subprocess\nfrom flask import request\n\ndef ping():\n    host = request.args["host"]\n    return subprocess.call("ping -c 1 " + host, shell=True)\n';
  const s = await runStudy(config, { store, providerFactory: scripted(code).factory });
  const [sample] = store.listSamples(s.runId);
  assert.deepEqual(store.analyzersDone(sample!.id), ['bandit', 'builtin']);
  // The shell call is reported by both and merged into one finding naming both; bandit alone flags the import.
  const lineOf = (text: string) => sample!.code!.split('\n').findIndex((l) => l.includes(text)) + 1;
  assert.deepEqual(store.listFindings(sample!.id).map((f) => [f.analyzer, f.ruleId, f.location.start.line, f.sources.map((x) => `${x.analyzer}:${x.ruleId}`).join()]), [
    ['bandit', 'B404', lineOf('import subprocess'), 'bandit:B404'],
    ['builtin', 'py/command-injection', lineOf('shell=True'), 'builtin:py/command-injection,bandit:B602'],
  ]);
}));

test('a missing external tool is left out of the analyzers recorded; a tool without its settings is refused up front', { skip: findExecutable('semgrep') ? 'semgrep is installed here' : false }, withStore(async (store) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-ext-'));
  try {
    writeFileSync(path.join(dir, 'rules.yaml'), 'rules: []\n');
    const config = parseStudyConfig(ONE_SCENARIO + 'strategies: [baseline]\nmode: generate\nanalyzers: [builtin, semgrep]\ntools: {semgrepConfig: [rules.yaml]}\n', path.join(dir, 'ext.yaml'));
    const s = await runStudy(config, { store, providerFactory: scripted().factory });
    const [sample] = store.listSamples(s.runId);
    assert.deepEqual(store.analyzersDone(sample!.id), ['builtin']);
    const model = scripted();
    const bare = parseStudyConfig(ONE_SCENARIO + 'analyzers: [builtin, semgrep]\n', path.join(dir, 'bare.yaml'));
    await assert.rejects(runStudy(bare, { store, providerFactory: model.factory }), (e: unknown) => e instanceof ConfigError && /semgrep needs --semgrep-config/.test(e.message));
    assert.equal(model.calls.length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}));

test('the budget stops new calls once spent; the run resumes with a larger budget and repeats nothing', withStore(async (store) => {
  const study = (cap: number) => parseStudyConfig(
    ONE_SCENARIO.replace('samples: 1', 'samples: 3').replace('models: [openai:gpt-test]\n', '') + `strategies: [baseline]\nmode: generate\nconcurrency: 1\nbudget: {maxTokens: ${cap}, maxCostUsd: 1}\n` +
      'models: [{id: "openai:gpt-test", price: {input: 2.5, output: 10}}]\n',
    '/tmp/budget.yaml',
  );
  const first = scripted();
  // each call uses 10 + 20 tokens: the second call reaches the cap of 50, the third is never made
  const s = await runStudy(study(50), { store, providerFactory: first.factory });
  assert.equal(first.calls.length, 2);
  assert.deepEqual([s.generations, s.samples, s.errors, s.budget], [2, 2, 0, 'openai:gpt-test: budget of 50 tokens reached (60 used)']);
  // 20 input and 40 output tokens at $2.50 / $10 per 1M
  assert.deepEqual(s.spent, { inputTokens: 20, outputTokens: 40, costUsd: 0.00045 });
  assert.equal(store.getRun(s.runId)!.status, 'interrupted');
  const more = scripted();
  const r = await runStudy(study(1000), { store, providerFactory: more.factory, resume: s.runId });
  assert.deepEqual([more.calls.length, r.resumed, r.samples, r.budget, r.spent], [1, 2, 3, undefined, { inputTokens: 10, outputTokens: 20, costUsd: 0.000225 }]);
  assert.equal(store.getRun(s.runId)!.status, 'completed');
}));

test('a cost cap needs a price for every model that makes calls', withStore(async (store) => {
  const config = parseStudyConfig(ONE_SCENARIO + 'budget: {maxCostUsd: 5}\n', '/tmp/nocost.yaml');
  await assert.rejects(runStudy(config, { store, providerFactory: scripted().factory }), (e: unknown) => e instanceof ConfigError && /gpt-test: budget.maxCostUsd needs a price for every model/.test(e.message));
}));

test('the response cache answers a new run of the same study without calls, marked cached', withStore(async (store) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-cache-'));
  try {
    const text = ONE_SCENARIO.replace('cache: {enabled: false}\n', 'cache: {dir: cache}\n') + 'strategies: [baseline, security-checklist]\n';
    const config = parseStudyConfig(text, path.join(dir, 'study.yaml'));
    const first = scripted();
    const a = await runStudy(config, { store, providerFactory: first.factory });
    assert.deepEqual([first.calls.length, a.cached], [2, 0]);
    const second = scripted();
    const b = await runStudy(config, { store, providerFactory: second.factory });
    assert.notEqual(b.runId, a.runId);
    assert.deepEqual([second.calls.length, b.providerCalls, b.cached, b.samples, b.spent], [0, 0, 2, 2, { inputTokens: 0, outputTokens: 0 }]);
    assert.deepEqual(store.listGenerations(b.runId).map((g) => g.response!.cached), [true, true]);
    assert.deepEqual(readdirSync(path.join(dir, 'cache')).length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}));

test('rate limits apply by model label, model id or provider prefix, shared by the models they cover', withStore(async (store) => {
  const config = parseStudyConfig(ONE_SCENARIO + 'strategies: [baseline, security-checklist]\nmode: generate\nconcurrency: 1\nrateLimit: {openai: 1}\n', '/tmp/rl.yaml');
  let now = 0;
  const sleeps: number[] = [];
  const clock = { now: () => now, sleep: async (ms: number) => { sleeps.push(ms); now += ms; } };
  const model = scripted();
  await runStudy(config, { store, providerFactory: model.factory, rateLimitClock: clock });
  // one request per minute: the second call waits a whole minute of (fake) time
  assert.deepEqual([model.calls.length, sleeps], [2, [60_000]]);
}));

test('an embedded GGUF model is checked before any call: its file, then node-llama-cpp', withStore(async (store) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-gguf-'));
  try {
    const base = 'scenarios: {builtin: {ids: [py-cwe-089-user-lookup]}}\nlanguages: [python]\ncache: {enabled: false}\n';
    const missing = parseStudyConfig(base + 'models: ["llama-cpp:models/none.gguf"]\n', path.join(dir, 's.yaml'));
    await assert.rejects(runStudy(missing, { store }), (e: unknown) => e instanceof ConfigError && e.message === `llama-cpp:models/none.gguf: model file not found: ${path.join(dir, 'models', 'none.gguf')}`);
    writeFileSync(path.join(dir, 'm.gguf'), 'GGUF');
    const present = parseStudyConfig(base + 'models: ["llama-cpp:m.gguf"]\n', path.join(dir, 's.yaml'));
    const notInstalled = Object.assign(new Error("Cannot find package 'node-llama-cpp'"), { code: 'ERR_MODULE_NOT_FOUND' });
    await assert.rejects(runStudy(present, { store, loadLlamaCpp: () => Promise.reject(notInstalled) }), (e: unknown) =>
      e instanceof ConfigError && e.message === 'llama-cpp:m.gguf: the optional package node-llama-cpp is not installed' && /npm install node-llama-cpp/.test(e.hint ?? ''));
    assert.deepEqual(store.listRuns(), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}));

test('with a cache, a model is set up at its first miss: a missing key then stops the run with one error', withStore(async (store) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-lazy-'));
  try {
    const config = parseStudyConfig(ONE_SCENARIO.replace('cache: {enabled: false}\n', 'cache: {dir: cache}\n'), path.join(dir, 'study.yaml'));
    const noKey = () => { throw new ConfigError('openai:gpt-test: environment variable OPENAI_API_KEY is not set'); };
    await assert.rejects(runStudy(config, { store, providerFactory: noKey }), (e: unknown) => e instanceof ConfigError && /OPENAI_API_KEY is not set/.test(e.message));
    const [run] = store.listRuns();
    assert.deepEqual([run!.status, store.listGenerations(run!.id).length], ['failed', 0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}));
