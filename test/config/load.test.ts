/** Study files: defaults, path resolution, and exact error messages with line:column. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, InputError } from '../../src/core/errors.ts';
import { StudyConfigError } from '../../src/config/issues.ts';
import { loadStudyConfig, parseStudyConfig } from '../../src/config/load.ts';

/** The message of the error a study text raises (every test case must fail). */
function errorOf(text: string): StudyConfigError {
  try {
    parseStudyConfig(text, 'study.yaml');
  } catch (e) {
    assert.ok(e instanceof StudyConfigError, `expected StudyConfigError, got ${String(e)}`);
    assert.ok(e instanceof ConfigError);
    return e;
  }
  assert.fail('expected the study to be rejected');
}

const KNOWN = '(known: baseline, negative-examples, security-checklist, meta-prompting, chain-of-thought, analyzer-feedback, self-review, best-of-n)';

test('a minimal study gets every default', () => {
  const c = parseStudyConfig('models: [openai:gpt-4.1]\n', '/studies/min.yaml');
  assert.deepEqual(c, {
    file: '/studies/min.yaml',
    name: 'min',
    models: [{ id: 'openai:gpt-4.1', provider: 'openai', model: 'gpt-4.1', label: 'openai:gpt-4.1', concurrency: 4, maxTokens: 4096, apiKeyEnv: 'OPENAI_API_KEY' }],
    strategies: [{ label: 'baseline', steps: [{ name: 'baseline', options: {} }] }],
    scenarios: { builtin: { languages: ['python', 'javascript', 'java', 'go'] }, files: [], importers: [] },
    languages: ['python', 'javascript', 'java', 'go'],
    samples: 10,
    mode: 'refine',
    analyzers: ['builtin'],
    policy: { kind: 'any' },
    profile: 'default',
    repair: { rounds: 1 },
    concurrency: 4,
    rateLimit: {},
    budget: {},
    cache: { enabled: true, dir: '/studies/.secfix/cache' },
    tools: {},
    store: { dir: '/studies/.secfix' },
  });
});

test('model settings fall back to the top level, then to defaults', () => {
  const c = parseStudyConfig(
    [
      'models:',
      '  - id: anthropic:claude-sonnet-4-5',
      '    temperature: 0.2',
      '    concurrency: 2',
      '  - id: ollama:qwen2.5-coder:7b',
      '    maxTokens: 1000',
      '  - id: openai-compatible:together',
      '    baseUrl: http://127.0.0.1:9/v1',
      '    apiKeyEnv: TOGETHER_KEY',
      '    price: {input: 0.5, output: 1.5}',
      'temperature: 0.7',
      'seed: 42',
      'maxTokens: 2048',
      'concurrency: 6',
    ].join('\n'),
    '/s/study.yaml',
  );
  assert.deepEqual(c.models, [
    { id: 'anthropic:claude-sonnet-4-5', provider: 'anthropic', model: 'claude-sonnet-4-5', label: 'anthropic:claude-sonnet-4-5', concurrency: 2, maxTokens: 2048, apiKeyEnv: 'ANTHROPIC_API_KEY', temperature: 0.2, seed: 42 },
    { id: 'ollama:qwen2.5-coder:7b', provider: 'ollama', model: 'qwen2.5-coder:7b', label: 'ollama:qwen2.5-coder:7b', concurrency: 6, maxTokens: 1000, temperature: 0.7, seed: 42 },
    {
      id: 'openai-compatible:together',
      provider: 'openai-compatible',
      model: 'together',
      label: 'openai-compatible:together',
      concurrency: 6,
      maxTokens: 2048,
      baseUrl: 'http://127.0.0.1:9/v1',
      apiKeyEnv: 'TOGETHER_KEY',
      temperature: 0.7,
      seed: 42,
      price: { input: 0.5, output: 1.5 },
    },
  ]);
});

test('strategies: names, options with defaults, and compositions', () => {
  const c = parseStudyConfig(
    [
      'models: [openai:gpt-4.1]',
      'strategies:',
      '  - baseline',
      '  - negative-examples:',
      '  - analyzer-feedback: {rounds: 5}',
      '  - best-of-n',
      '  - [meta-prompting, {analyzer-feedback: {}}, self-review]',
    ].join('\n'),
    'study.yaml',
  );
  assert.deepEqual(c.strategies, [
    { label: 'baseline', steps: [{ name: 'baseline', options: {} }] },
    { label: 'negative-examples', steps: [{ name: 'negative-examples', options: { source: 'auto', max: 3 } }] },
    { label: 'analyzer-feedback', steps: [{ name: 'analyzer-feedback', options: { rounds: 5 } }] },
    { label: 'best-of-n', steps: [{ name: 'best-of-n', options: { n: 5 } }] },
    {
      label: 'meta-prompting+analyzer-feedback+self-review',
      steps: [
        { name: 'meta-prompting', options: {} },
        { name: 'analyzer-feedback', options: { rounds: 3 } },
        { name: 'self-review', options: {} },
      ],
    },
  ]);
});

test('paths resolve against the folder of the study file', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'secfix-config-'));
  try {
    const file = path.join(dir, 'study.yaml');
    await writeFile(
      file,
      [
        'models:',
        '  - replay:rec/gens.jsonl',
        '  - llama-cpp:../models/coder.gguf',
        '  - id: ollama:coder-secure',
        '    base: ollama:coder',
        '    adapter: ./adapters/secure',
        '    trainingDataHash: sha256:' + 'ab'.repeat(32),
        '  - id: ollama:coder-hub',
        '    base: ollama:coder',
        '    adapter: someorg/secure-lora',
        '    trainingDataHash: ' + 'cd'.repeat(32),
        'scenarios:',
        '  files: [scenarios/mine.yaml]',
        '  importers:',
        '    - {format: securityeval, path: data/SecurityEval.jsonl, limit: 20}',
        '    - {format: samples, path: /abs/outputs}',
        'languages: [python, c]',
        'cache: {dir: cache}',
        'store: {dir: ../runs}',
      ].join('\n'),
    );
    const c = await loadStudyConfig(file);
    assert.equal(c.file, file);
    assert.deepEqual(
      c.models.map((m) => [m.provider, m.model, m.label]),
      [
        ['replay', path.join(dir, 'rec/gens.jsonl'), 'replay:rec/gens.jsonl'],
        ['llama-cpp', path.join(path.dirname(dir), 'models/coder.gguf'), 'llama-cpp:../models/coder.gguf'],
        ['ollama', 'coder-secure', 'ollama:coder-secure'],
        ['ollama', 'coder-hub', 'ollama:coder-hub'],
      ],
    );
    assert.deepEqual(c.models[2]!.fineTune, { base: 'ollama:coder', adapter: path.join(dir, 'adapters/secure'), trainingDataHash: 'ab'.repeat(32) });
    assert.deepEqual(c.models[3]!.fineTune, { base: 'ollama:coder', adapter: 'someorg/secure-lora', trainingDataHash: 'cd'.repeat(32) });
    assert.deepEqual(c.scenarios, {
      builtin: false,
      files: [path.join(dir, 'scenarios/mine.yaml')],
      importers: [
        { format: 'securityeval', path: path.join(dir, 'data/SecurityEval.jsonl'), limit: 20 },
        { format: 'samples', path: '/abs/outputs' },
      ],
    });
    assert.deepEqual(c.cache, { enabled: true, dir: path.join(dir, 'cache') });
    assert.deepEqual(c.store, { dir: path.join(path.dirname(dir), 'runs') });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('built-in scenario filters: CWE ids are normalised, languages default to the study languages', () => {
  const c = parseStudyConfig('models: [openai:gpt-4.1]\nlanguages: [go]\nscenarios:\n  builtin: {cwes: [89, cwe-79], tags: [study]}\n  files: [x.yaml]\n', '/s/a.yaml');
  assert.deepEqual(c.scenarios, { builtin: { languages: ['go'], cwes: ['CWE-89', 'CWE-79'], tags: ['study'] }, files: ['/s/x.yaml'], importers: [] });
});

test('policy, rate limits and budget', () => {
  const c = parseStudyConfig(
    'models: [{id: openai:gpt-4.1, label: g41}]\nanalyzers: [builtin, semgrep]\npolicy: [semgrep]\nrateLimit: {openai: 500, g41: 60}\nbudget: {maxCostUsd: 12.5}\n',
    's.yaml',
  );
  assert.deepEqual(c.policy, { kind: 'named', analyzers: ['semgrep'] });
  assert.deepEqual(c.rateLimit, { openai: 500, g41: 60 });
  assert.deepEqual(c.budget, { maxCostUsd: 12.5 });
});

test('a wrong type names line, column and field', () => {
  assert.equal(errorOf('models:\n  - openai:gpt-4.1\nsamples: ten\n').message, 'study.yaml:3:10: samples: expected a number, got "ten"');
  assert.equal(errorOf('models:\n  - id: openai:gpt-4.1\n    temperature: hot\n').message, 'study.yaml:3:18: models[0].temperature: expected a number, got "hot"');
  assert.equal(errorOf('models:\n  - 5\n').message, 'study.yaml:2:5: models[0]: expected a string or a mapping, got 5');
  assert.equal(errorOf('models: [openai:gpt-4.1]\nsamples: 2.5\n').message, 'study.yaml:2:10: samples: expected an integer, got 2.5');
});

test('out-of-range values and wrong enum values', () => {
  assert.equal(errorOf('models: [openai:gpt-4.1]\nmode: refin\n').message, 'study.yaml:2:7: mode: expected one of generate, refine, both; got "refin" (did you mean "refine"?)');
  assert.equal(errorOf('models: [openai:gpt-4.1]\nlanguages: [python, rust]\n').message, 'study.yaml:2:21: languages[1]: expected one of python, javascript, java, go, c; got "rust"');
  assert.equal(errorOf('models: []\n').message, 'study.yaml:1:9: models: no model given: name at least one, or import existing samples (scenarios.importers with format samples)');
  const e = errorOf('models: [openai:gpt-4.1]\nsamples: 0\nmode: x\n');
  assert.equal(e.message, 'study.yaml:2:10: samples: must be at least 1; got 0');
  assert.equal(e.hint, '1 more problem in study.yaml');
  assert.deepEqual(e.issues[1], { file: 'study.yaml', line: 3, column: 7, path: 'mode', message: 'expected one of generate, refine, both; got "x"' });
});

test('an unknown key is rejected with a did-you-mean', () => {
  assert.equal(errorOf('models: [openai:gpt-4.1]\nconcurency: 4\n').message, 'study.yaml:2:1: concurency: unknown field "concurency" (did you mean "concurrency"?)');
  assert.equal(errorOf('models:\n  - id: openai:gpt-4.1\n    maxToken: 100\n').message, 'study.yaml:3:5: models[0].maxToken: unknown field "maxToken" (did you mean "maxTokens"?)');
  assert.equal(errorOf('models: [openai:gpt-4.1]\nrepair: {round: 2}\n').message, 'study.yaml:2:10: repair.round: unknown field "round" (did you mean "rounds"?)');
  assert.equal(errorOf('models: [openai:gpt-4.1]\nbudget: {dollars: 2}\n').message, 'study.yaml:2:10: budget.dollars: unknown field "dollars" (known: maxCostUsd, maxTokens)');
});

test('an unknown strategy lists the known ones', () => {
  assert.equal(errorOf('models: [openai:gpt-4.1]\nstrategies:\n  - baseline\n  - meta-prompt\n').message, `study.yaml:4:5: strategies[1]: unknown strategy "meta-prompt" ${KNOWN}`);
  assert.equal(
    errorOf('models: [openai:gpt-4.1]\nstrategies:\n  - [meta-prompting, {analyzer-feedbak: {rounds: 3}}]\n').message,
    `study.yaml:3:23: strategies[0][1].analyzer-feedbak: unknown strategy "analyzer-feedbak" ${KNOWN}`,
  );
  assert.equal(
    errorOf('models: [openai:gpt-4.1]\nstrategies:\n  - {baseline: {}, best-of-n: {}}\n').message,
    'study.yaml:3:5: strategies[0]: expected one strategy per entry, got baseline, best-of-n (write a composition as a list)',
  );
  assert.equal(errorOf('models: [openai:gpt-4.1]\nstrategies: [baseline, baseline]\n').message, 'study.yaml:2:24: strategies[1]: duplicate strategy "baseline" (also strategies[0])');
});

test('strategy options are checked', () => {
  const e = errorOf('models: [openai:gpt-4.1]\nstrategies:\n  - analyzer-feedback: {rounds: 0}\n  - best-of-n: {k: 3}\n');
  assert.deepEqual(
    e.issues.map((i) => `${i.line}:${i.column}: ${i.path}: ${i.message}`),
    ['3:33: strategies[0].analyzer-feedback.rounds: must be at least 1; got 0', '4:17: strategies[1].best-of-n.k: unknown field "k" (known: n)'],
  );
});

test('a key-looking field or value is rejected without echoing it', () => {
  const hint = 'keys are never written in the study file; put the key in an environment variable and give its name in apiKeyEnv';
  const field = errorOf('models:\n  - id: openai:gpt-4.1\n    apiKey: abc\n');
  assert.equal(field.message, `study.yaml:3:5: models[0].apiKey: field "apiKey" is not allowed: ${hint}`);
  assert.equal(field.issues.length, 1);
  const value = errorOf('models:\n  - id: openai-compatible:x\n    baseUrl: http://127.0.0.1:8080/v1\n    apiKeyEnv: sk-proj-abcdefghijklmnopqrstuvwx\n');
  assert.equal(value.message, 'study.yaml:4:16: models[0].apiKeyEnv: this value looks like an API key; keys are never written in the study file: put the key in an environment variable and give its name in apiKeyEnv');
  assert.equal(value.issues.length, 1);
  assert.equal(errorOf('models: [openai:gpt-4.1]\nname: "ant-api03-abcdefghijkl"\n').issues[0]!.path, 'name');
  assert.equal(errorOf('models: [openai:gpt-4.1]\ncache: {token: x}\n').message, `study.yaml:2:9: cache.token: field "token" is not allowed: ${hint}`);
  for (const e of [field, value]) assert.doesNotMatch(JSON.stringify(e.issues), /sk-proj|abc"/);
});

test('a missing required field points at the mapping it belongs in', () => {
  assert.equal(errorOf('# a study\nsamples: 3\n').message, 'study.yaml:2:1: missing required field "models"');
  assert.equal(errorOf('models:\n  - label: x\n').message, 'study.yaml:2:5: models[0]: missing required field "id"');
  assert.equal(
    errorOf('models:\n  - openai-compatible:together\n').message,
    'study.yaml:2:5: models[0]: missing required field "baseUrl" (openai-compatible models need the server\'s base URL)',
  );
  assert.equal(
    errorOf('models:\n  - id: ollama:x\n    base: ollama:y\n').message,
    'study.yaml:2:5: models[0]: missing required field "trainingDataHash" (a fine-tuned model records the hash of its training data)',
  );
});

test('provider ids and cross-field checks', () => {
  assert.equal(
    errorOf('models:\n  - gemini:2.0-flash\n').message,
    'study.yaml:2:5: models[0]: expected PROVIDER:MODEL with a provider of openai, anthropic, ollama, openai-compatible, replay, llama-cpp; got "gemini:2.0-flash"',
  );
  assert.equal(errorOf('models: [openai:gpt-4.1, openai:gpt-4.1]\n').message, 'study.yaml:1:26: models[1]: duplicate model "openai:gpt-4.1" (also models[0]); give one a different label');
  assert.equal(errorOf('models: [openai:gpt-4.1]\npolicy: [semgrep]\n').message, 'study.yaml:2:10: policy[0]: "semgrep" is not one of the analyzers (builtin)');
  assert.equal(errorOf('models: [openai:gpt-4.1]\nrateLimit: {opnai: 3}\n').message, 'study.yaml:2:13: rateLimit.opnai: "opnai" is neither a provider nor a model of this study (did you mean "openai"?)');
  assert.equal(errorOf('models:\n  - id: replay:x.jsonl\n    apiKeyEnv: X\n').message, 'study.yaml:3:5: models[0].apiKeyEnv: replay models make no network calls; remove this field');
});

test('invalid YAML names its position', () => {
  assert.equal(errorOf('models:\n  - openai:gpt-4.1\n samples: 3\n').message, 'study.yaml:3:1: invalid YAML: All mapping items must start at the same column');
  assert.equal(errorOf('models: [openai:gpt-4.1]\nsamples: 1\nsamples: 2\n').message, 'study.yaml:3:1: invalid YAML: Map keys must be unique');
  assert.equal(errorOf('- a\n').message, 'study.yaml:1:1: expected a mapping of study settings (models, strategies, ...)');
  assert.equal(errorOf('').message, 'study.yaml:1:1: expected a mapping of study settings (models, strategies, ...)');
});

test('loadStudyConfig names the file as given, and a missing file is an InputError', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'secfix-config-'));
  try {
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, 'models: [openai:gpt-4.1]\nsamples: -1\n');
    await assert.rejects(loadStudyConfig(file), { name: 'StudyConfigError', message: `${file}:2:10: samples: must be at least 1; got -1` });
    await assert.rejects(loadStudyConfig(path.join(dir, 'none.yaml')), (e) => e instanceof InputError && e.message === `cannot read study file ${path.join(dir, 'none.yaml')}: ENOENT`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
