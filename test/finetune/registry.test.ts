/** The model registry and the training-data hash: exact entries, file contents and study snippets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { ModelObjectSchema } from '../../src/config/schema.ts';
import { ConfigError, InputError } from '../../src/core/errors.ts';
import { appendToRegistry, registryEntry, registryPath, studyModel, studySnippet } from '../../src/finetune/registry.ts';
import { cardHash, readTrainingData } from '../../src/finetune/training-data.ts';

const ABC = 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const CARD = 'sha256:' + '0123456789abcdef'.repeat(4);
const NOW = new Date('2026-03-04T05:06:07.000Z');

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'secfix-ft-'));
}

test('training-data hash: the file\'s SHA-256 without a card, the card\'s content hash with one', async () => {
  const dir = tmp();
  try {
    writeFileSync(path.join(dir, 'train.jsonl'), 'abc');
    const plain = await readTrainingData(path.join(dir, 'train.jsonl'));
    assert.equal(plain.hash, ABC);
    assert.equal(plain.hashSource, 'file');
    writeFileSync(path.join(dir, 'README.md'), `# Dataset\n\n- examples: 2\n- content hash: ${CARD}\n`);
    const carded = await readTrainingData(path.join(dir, 'train.jsonl'));
    assert.deepEqual([carded.hash, carded.hashSource, carded.card], [CARD, 'card', path.join(dir, 'README.md')]);
    writeFileSync(path.join(dir, 'other.md'), 'no hash here\n');
    await assert.rejects(readTrainingData(path.join(dir, 'train.jsonl'), path.join(dir, 'other.md')), {
      name: 'InputError', message: `dataset card ${path.join(dir, 'other.md')} has no "content hash: sha256:…" line`,
    });
    await assert.rejects(readTrainingData(path.join(dir, 'missing.jsonl')), (e: unknown) => e instanceof InputError && e.message === `cannot read training file ${path.join(dir, 'missing.jsonl')}: ENOENT`);
    assert.equal(cardHash('Content Hash: SHA256:' + 'AB'.repeat(32)), 'sha256:' + 'ab'.repeat(32));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('registry entries per backend, each accepted by the study schema', () => {
  const openai = registryEntry({ backend: 'openai', model: 'ft:gpt-4.1-mini-2025-04-14:acme:secfix:abc123', baseModel: 'gpt-4.1-mini-2025-04-14', trainingDataHash: ABC, jobId: 'ftjob-1', now: NOW });
  assert.deepEqual(openai, {
    id: 'openai:ft:gpt-4.1-mini-2025-04-14:acme:secfix:abc123',
    label: 'ft:gpt-4.1-mini-2025-04-14:acme:secfix:abc123',
    base: 'openai:gpt-4.1-mini-2025-04-14',
    jobId: 'ftjob-1',
    trainingDataHash: ABC,
    backend: 'openai',
    created: '2026-03-04T05:06:07.000Z',
  });
  const together = registryEntry({ backend: 'together', model: 'acme/Qwen-secfix', baseModel: 'Qwen/Qwen2.5-Coder-7B-Instruct', trainingDataHash: CARD, jobId: 'ft-1', label: 'qwen-secfix', now: NOW });
  assert.deepEqual(together, {
    id: 'openai-compatible:together:acme/Qwen-secfix',
    label: 'qwen-secfix',
    base: 'openai-compatible:together:Qwen/Qwen2.5-Coder-7B-Instruct',
    baseUrl: 'https://api.together.xyz/v1',
    apiKeyEnv: 'TOGETHER_API_KEY',
    jobId: 'ft-1',
    trainingDataHash: CARD,
    backend: 'together',
    created: '2026-03-04T05:06:07.000Z',
  });
  const peft = registryEntry({ backend: 'peft', model: 'secure-lora', baseModel: 'Qwen/Qwen2.5-Coder-0.5B', adapter: '/adapters/secure-lora', trainingDataHash: ABC, baseId: 'ollama:qwen2.5-coder:0.5b', now: NOW });
  assert.deepEqual(peft, {
    id: 'openai-compatible:vllm:secure-lora',
    label: 'secure-lora',
    base: 'ollama:qwen2.5-coder:0.5b',
    adapter: '/adapters/secure-lora',
    baseUrl: 'http://localhost:8000/v1',
    trainingDataHash: ABC,
    backend: 'peft',
    created: '2026-03-04T05:06:07.000Z',
  });
  for (const e of [openai, together, peft]) assert.equal(ModelObjectSchema.safeParse(studyModel(e)).success, true);
  assert.throws(() => registryEntry({ backend: 'openai', model: 'ft:x', baseModel: 'x', trainingDataHash: 'sha256:short', now: NOW }), (e: unknown) => e instanceof ConfigError && e.message.startsWith('the trained model cannot be registered: trainingDataHash:'));
});

test('study snippet: the base beside the fine-tuned model, study fields only', () => {
  const e = registryEntry({ backend: 'openai', model: 'ft:gpt-4.1-mini:acme::x1', baseModel: 'gpt-4.1-mini', trainingDataHash: ABC, jobId: 'ftjob-1', label: 'gpt-4.1-mini+secfix', now: NOW });
  assert.equal(studySnippet(e), [
    'models:',
    '  - openai:gpt-4.1-mini',
    '  - id: openai:ft:gpt-4.1-mini:acme::x1',
    '    label: gpt-4.1-mini+secfix',
    '    base: openai:gpt-4.1-mini',
    `    trainingDataHash: ${ABC}`,
    '',
  ].join('\n'));
  // what the user pastes reads back as the same model entry
  assert.deepEqual(parse(studySnippet(e)).models[1], studyModel(e));
});

test('appendToRegistry: creates the file and its folder, appends, refuses a non-list', async () => {
  const dir = tmp();
  try {
    const file = registryPath(undefined, path.join(dir, '.secfix'));
    assert.equal(file, path.join(dir, '.secfix', 'models.yaml'));
    assert.equal(registryPath('custom.yaml', dir), path.resolve('custom.yaml'));
    const a = registryEntry({ backend: 'openai', model: 'ft:m:o::1', baseModel: 'm', trainingDataHash: ABC, jobId: 'j1', now: NOW });
    const b = registryEntry({ backend: 'openai', model: 'ft:m:o::2', baseModel: 'm', trainingDataHash: CARD, jobId: 'j2', now: NOW });
    await appendToRegistry(file, a);
    await appendToRegistry(file, b);
    assert.deepEqual(parse(readFileSync(file, 'utf8')), [a, b]);
    assert.match(readFileSync(file, 'utf8'), /^- id: openai:ft:m:o::1\n {2}label: ft:m:o::1\n {2}base: openai:m\n {2}jobId: j1\n/);
    writeFileSync(file, 'models: []\n');
    await assert.rejects(appendToRegistry(file, a), { name: 'ConfigError', message: `model registry ${file} is not a YAML list` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
