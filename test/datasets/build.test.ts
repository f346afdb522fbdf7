/** The dataset pipeline on a store built in the test: sources, verification, dedup, leakage, split, card, exports. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { openStore } from '../../src/store/store.ts';
import { buildDataset } from '../../src/datasets/build.ts';
import { repairPrompt } from '../../src/datasets/example.ts';
import { emptyEvaluation, evaluationFromRun, evaluationFromScenarios } from '../../src/datasets/leakage.ts';
import { examplesFromRun } from '../../src/datasets/sources/run.ts';
import { examplesFromPairs } from '../../src/datasets/sources/pairs.ts';
import { datasetFiles, writeDataset } from '../../src/datasets/write.ts';
import { SYSTEM_PROMPT } from '../../src/datasets/export.ts';
import { buildEvaluationRun, buildPromptLeakRun, buildTrainingRun, CLEAN_A, INSECURE_SQL, LEAKED_PROMPT, PAIRS_JSONL, SECURE_SQL } from './fixture.ts';

function withStore<T>(fn: (store: ReturnType<typeof openStore>, dir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-dataset-'));
  const store = openStore(dir, { file: 'runs.db' });
  try {
    return fn(store, dir);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a run yields its fixed, parsing repair and its clean, analyzed, parsing generations; the rest is counted by reason', () => {
  withStore((store) => {
    const ids = buildTrainingRun(store);
    const r = examplesFromRun(store, 'train');
    assert.deepEqual(r.examples.map((e) => e.id), [`run:train:${ids.B1}-${ids.R1}`, `run:train:${ids.B3}`, `run:train:${ids.B5}`, `run:train:${ids.B6}`]);
    assert.deepEqual(r.skipped, {
      'repair does not parse': 1,
      'repair refactored': 1,
      'generation has findings': 3,
      'generation not analyzed': 1,
      'generation without code': 1,
    });
    const repair = r.examples[0]!;
    assert.deepEqual(
      { kind: repair.kind, cwe: repair.cwe, insecure: repair.insecure, secure: repair.secure, scenarioId: repair.scenarioId, model: repair.model, strategy: repair.strategy, provenance: repair.provenance },
      { kind: 'repair', cwe: ['CWE-89'], insecure: INSECURE_SQL, secure: SECURE_SQL, scenarioId: 'py-cwe-089-alpha', model: 'm', strategy: 'sc', provenance: { run: 'train', insecureSample: ids.B1, secureSample: ids.R1, rounds: 1 } },
    );
    assert.equal(repair.prompt, repairPrompt(INSECURE_SQL, 'python', ['CWE-89']));
    assert.ok(repair.prompt.startsWith('Fix the security weaknesses (CWE-89) in this Python code. Answer with the complete fixed code.\n\n```python\nimport sqlite3\n'));
    const gen = r.examples[1]!;
    assert.deepEqual([gen.kind, gen.cwe, gen.prompt, gen.secure], ['generation', ['CWE-22'], 'Task of scenario py-cwe-022-gamma: write the Python function it describes, safely.', CLEAN_A]);
    // with scenario texts the prompt is the task and the fenced skeleton
    const withTask = examplesFromRun(store, 'train', { scenarios: new Map([['py-cwe-022-gamma', { task: 'Read an upload.', skeleton: 'import os', cwe: ['CWE-22', 'CWE-23'] }]]) });
    assert.equal(withTask.examples[1]!.prompt, 'Read an upload.\n\n```python\nimport os\n```');
    assert.deepEqual(withTask.examples[1]!.cwe, ['CWE-22', 'CWE-23']);
  });
});

test('exact duplicates (comments and spacing aside) and a near duplicate (renamed variable) are removed, the first kept', () => {
  withStore((store) => {
    const ids = buildTrainingRun(store);
    const b = buildDataset([examplesFromRun(store, 'train')], { seed: 1 });
    assert.deepEqual(b.dropped.exact.map((d) => [d.example.id, d.of, d.similarity]), [[`run:train:${ids.B5}`, `run:train:${ids.B3}`, 1]]);
    assert.deepEqual(b.dropped.near.map((d) => [d.example.id, d.of, d.similarity.toFixed(4)]), [[`run:train:${ids.B6}`, `run:train:${ids.B3}`, '0.8561']]);
    // at a stricter threshold the renamed copy stays
    assert.equal(buildDataset([examplesFromRun(store, 'train')], { seed: 1, threshold: 0.9 }).dropped.near.length, 0);
    assert.equal(b.splits.train.length + b.splits.validation.length + b.splits.test.length, 2);
  });
});

test('a pairs corpus: bad rows are counted problems naming their line', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-dataset-pairs-'));
  try {
    const file = path.join(dir, 'corpus.jsonl');
    writeFileSync(file, PAIRS_JSONL);
    const r = await examplesFromPairs(file);
    assert.deepEqual(r.examples.map((e) => [e.id, e.language, e.cwe]), [
      ['pairs:corpus.jsonl:p1', 'python', ['CWE-89']],
      ['pairs:corpus.jsonl:cmd', 'python', ['CWE-78']],
      ['pairs:corpus.jsonl:line-7', 'python', ['CWE-434']],
    ]);
    assert.deepEqual(r.problems.map((p) => [p.line, p.message.replace(/\(.*\)/, '(…)')]), [
      [2, 'invalid JSON (…)'],
      [3, 'unknown language "cobol"'],
      [4, 'after: Invalid input: expected string, received undefined'],
      [5, 'after is the same as before'],
      [9, 'unreadable CWE "bogus"'],
    ]);

    const csv = path.join(dir, 'corpus.csv');
    writeFileSync(csv, 'id,before,after,language,cwe\nq1,"x = input()\nos.system(x)",x = 1,python,78;22\nq2,a,b\nq3,a,,go,\n');
    const c = await examplesFromPairs(csv);
    assert.deepEqual(c.examples.map((e) => [e.id, e.insecure, e.secure, e.cwe]), [['pairs:corpus.csv:q1', 'x = input()\nos.system(x)', 'x = 1', ['CWE-78', 'CWE-22']]]);
    assert.deepEqual(c.problems.map((p) => [p.line, p.message]), [[4, 'expected 5 fields, found 3'], [5, 'after: Invalid input: expected string, received undefined']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the leakage guard drops by scenario id, by near-duplicate prompt and by near-duplicate code, before deduplication', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-dataset-leak-'));
  const store = openStore(dir, { file: 'runs.db' });
  try {
    const ids = buildTrainingRun(store);
    buildPromptLeakRun(store);
    buildEvaluationRun(store);
    const file = path.join(dir, 'corpus.jsonl');
    writeFileSync(file, PAIRS_JSONL);
    const sources = [examplesFromRun(store, 'train'), examplesFromRun(store, 'train2'), await examplesFromPairs(file)];
    assert.deepEqual(sources.map((s) => s.examples.length), [4, 1, 3]);

    const open = buildDataset(sources, { seed: 3 });
    assert.deepEqual([open.dropped.leakage.length, open.dropped.exact.length, open.dropped.near.length], [0, 2, 1]);
    assert.deepEqual(open.dropped.exact.map((d) => d.example.id), [`run:train:${ids.B5}`, 'pairs:corpus.jsonl:p1']);

    const evaluation = evaluationFromRun(store, 'eval');
    assert.deepEqual([...evaluation.scenarioIds], ['py-cwe-022-gamma', 'py-cwe-434-other']);
    const guarded = buildDataset(sources, { seed: 3, evaluation, evaluationLabels: ['run eval'] });
    assert.deepEqual(guarded.dropped.leakage.map((l) => [l.example.id, l.reason, l.detail]), [
      [`run:train:${ids.B3}`, 'scenario', 'py-cwe-022-gamma'],
      [`run:train:${ids.B5}`, 'scenario', 'py-cwe-022-gamma'],
      [`run:train:${ids.B6}`, 'scenario', 'py-cwe-022-gamma'],
      ['run:train2:1', 'prompt', '0.930'],
      ['pairs:corpus.jsonl:line-7', 'code', '1.000'],
    ].map(([id, reason, detail]) => [id === 'run:train2:1' ? `run:train2:${store.listSamples('train2')[0]!.id}` : id, reason, detail]));
    assert.deepEqual([guarded.dropped.exact.length, guarded.dropped.near.length], [1, 0]);
    assert.deepEqual(guarded.splits.train.map((e) => e.id), ['pairs:corpus.jsonl:cmd', `run:train:${ids.B1}-${ids.R1}`]);

    // scenarios as the evaluation: by id, and their task as a prompt
    const bySuite = evaluationFromScenarios([{ id: 'py-cwe-434-x', language: 'python', task: LEAKED_PROMPT }], emptyEvaluation());
    const g = buildDataset([examplesFromRun(store, 'train2')], { evaluation: bySuite });
    assert.deepEqual(g.dropped.leakage.map((l) => l.reason), ['prompt']);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('card and content hash are the same for two builds; exports have the documented line shapes', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-dataset-card-'));
  const store = openStore(dir, { file: 'runs.db' });
  try {
    buildTrainingRun(store);
    buildPromptLeakRun(store);
    const file = path.join(dir, 'corpus.jsonl');
    writeFileSync(file, PAIRS_JSONL);
    const build = async () => buildDataset([examplesFromRun(store, 'train', { spec: 'run:STORE:train' }), examplesFromRun(store, 'train2', { spec: 'run:STORE:train2' }), await examplesFromPairs(file, 'pairs:corpus.jsonl')], { seed: 5 });
    const a = writeDataset(path.join(dir, 'a'), datasetFiles(await build(), ['openai', 'hf', 'axolotl']));
    writeDataset(path.join(dir, 'b'), datasetFiles(await build(), ['openai', 'hf', 'axolotl']));
    assert.deepEqual(a, [
      'train.jsonl', 'validation.jsonl', 'test.jsonl', 'openai/train.jsonl', 'openai/validation.jsonl', 'openai/test.jsonl',
      'hf/messages/train.jsonl', 'hf/messages/validation.jsonl', 'hf/messages/test.jsonl',
      'hf/prompt-completion/train.jsonl', 'hf/prompt-completion/validation.jsonl', 'hf/prompt-completion/test.jsonl', 'axolotl.yaml', 'README.md',
    ]);
    const read = (d: string, f: string) => readFileSync(path.join(dir, d, f), 'utf8');
    for (const f of a) assert.equal(read('a', f), read('b', f), f);
    const card = read('a', 'README.md');
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(read('a', 'train.jsonl') + read('a', 'validation.jsonl') + read('a', 'test.jsonl')).digest('hex');
    assert.ok(card.includes(`Content hash: \`sha256:${hash}\``), card);
    // 8 read; exact: B5, p1; near: B6 → 5 examples in strata of at most 2 (CWE-434/python: train2 and line 7), so all in train
    assert.ok(card.includes('5 examples (5 train, 0 validation, 0 test).'), card);
    assert.ok(card.includes('| `run:STORE:train` | 4 | 0 | 7 |'));
    assert.ok(card.includes('| `pairs:corpus.jsonl` | 3 | 5 | 0 |'));
    assert.ok(card.includes('| generation has findings | 3 | 0 | 0 |'));
    assert.ok(card.includes('| exact duplicate (same normalised tokens) | 2 |'));
    assert.ok(card.includes('| near duplicate (Jaccard ≥ 0.85) | 1 |'));
    assert.ok(card.includes('| leakage: scenario of the evaluation | 0 |'));
    assert.ok(card.includes('| train | 5 | 3 | 2 |'));
    assert.ok(card.includes('| CWE-22 | 1 | 0 | 0 | 1 |\n| CWE-78 | 1 | 0 | 0 | 1 |\n| CWE-89 | 1 | 0 | 0 | 1 |\n| CWE-434 | 2 | 0 | 0 | 2 |'), card);
    assert.ok(card.includes('| python | 5 | 0 | 0 | 5 |'));

    const lines = (f: string) => read('a', f).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const chat = lines('openai/train.jsonl');
    assert.equal(chat.length, 5);
    assert.deepEqual(Object.keys(chat[0]!), ['messages']);
    const m = chat[0]!.messages as Array<{ role: string; content: string }>;
    assert.deepEqual(m.map((x) => x.role), ['system', 'user', 'assistant']);
    assert.equal(m[0]!.content, SYSTEM_PROMPT);
    assert.match(m[2]!.content, /^```python\n[\s\S]*\n```$/);
    assert.deepEqual(lines('hf/messages/train.jsonl'), chat);
    const pc = lines('hf/prompt-completion/train.jsonl');
    assert.deepEqual(Object.keys(pc[0]!), ['prompt', 'completion']);
    assert.deepEqual(pc.map((x) => [x.prompt, x.completion]), chat.map((x) => [(x.messages as typeof m)[1]!.content, (x.messages as typeof m)[2]!.content]));
    const canonical = lines('train.jsonl');
    assert.deepEqual(Object.keys(canonical[0]!), ['id', 'source', 'kind', 'language', 'cwe', 'prompt', 'insecure', 'secure', 'provenance']);
    assert.equal(read('a', 'test.jsonl'), '');

    const ax = parseYaml(read('a', 'axolotl.yaml')) as Record<string, unknown>;
    assert.deepEqual(ax.datasets, [{ path: 'hf/messages/train.jsonl', ds_type: 'json', type: 'chat_template', field_messages: 'messages' }]);
    assert.equal(ax.test_datasets, undefined);
    assert.equal(ax.val_set_size, 0);
    assert.deepEqual([ax.base_model, ax.adapter, ax.lora_r, ax.lora_alpha, ax.lora_dropout, ax.sequence_len, ax.num_epochs, ax.learning_rate, ax.seed], ['REPLACE-WITH-BASE-MODEL', 'lora', 16, 32, 0.05, 4096, 3, 0.0002, 5]);
    assert.deepEqual(ax.lora_target_modules, ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
