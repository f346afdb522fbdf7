/** The example study files load, and say what the docs promise. */
import { providerChain } from '../../src/experiments/runner.ts';
import type { ModelSpec } from '../../src/config/schema.ts';
import type { Provider } from '../../src/providers/types.ts';
import { Budget } from '../../src/providers/budget.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStudyConfig } from '../../src/config/load.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const examples = path.join(root, 'examples');

test('examples/study.yaml reproduces the study design', async () => {
  const c = await loadStudyConfig(path.join(examples, 'study.yaml'));
  assert.equal(c.name, 'study-replication');
  assert.deepEqual(
    c.models.map((m) => m.label),
    ['openai:gpt-4.1', 'openai:gpt-5', 'openai:o4-mini', 'gemini-2.0-flash', 'deepseek-r1-distill-32b'],
  );
  assert.deepEqual(
    c.models.map((m) => m.apiKeyEnv ?? null),
    ['OPENAI_API_KEY', 'OPENAI_API_KEY', 'OPENAI_API_KEY', 'GEMINI_API_KEY', null],
  );
  assert.deepEqual(
    c.strategies.map((s) => s.label),
    ['baseline', 'negative-examples', 'security-checklist', 'meta-prompting'],
  );
  assert.deepEqual(c.scenarios.builtin, {
    languages: ['python', 'java', 'javascript', 'go'],
    cwes: ['CWE-22', 'CWE-89', 'CWE-200', 'CWE-434', 'CWE-502', 'CWE-306', 'CWE-522', 'CWE-78', 'CWE-798', 'CWE-79'],
    tags: ['study'],
  });
  assert.equal(c.samples, 10);
  assert.equal(c.mode, 'refine');
  assert.deepEqual(c.repair, { rounds: 1 });
  assert.deepEqual(c.store, { dir: path.join(examples, '.secfix') });
});

test('examples/offline-study.yaml uses only a replay model', async () => {
  const c = await loadStudyConfig(path.join(examples, 'offline-study.yaml'));
  assert.deepEqual(
    c.models.map((m) => [m.provider, m.model, m.apiKeyEnv]),
    [['replay', path.join(examples, 'replay/study-sample.jsonl'), undefined]],
  );
  assert.deepEqual(c.strategies.map((s) => s.label), ['baseline', 'security-checklist']);
  assert.deepEqual(c.languages, ['python']);
  assert.equal(c.samples, 2);
  assert.equal(c.cache.enabled, false);
});

test('every model of examples/study.yaml can be set up under its cost cap (no call is made)', async () => {
  const c = await loadStudyConfig(path.join(examples, 'study.yaml'));
  const factory = (m: ModelSpec): Provider => ({ id: m.id, generate: () => assert.fail('no call') });
  const chain = providerChain(c, { factory, budget: new Budget(c.budget) });
  assert.deepEqual(c.models.map((m) => chain(m).id), ['openai:gpt-4.1', 'openai:gpt-5', 'openai:o4-mini', 'openai-compatible:gemini-2.0-flash', 'ollama:deepseek-r1:32b']);
});
