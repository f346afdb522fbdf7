/** The PEFT training script run for real with python3: dry runs on good and bad data and settings, exact output and exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FinetuneError } from '../../src/finetune/errors.ts';
import { peftArgs, peftScriptPath, runPeft } from '../../src/finetune/peft.ts';
import { InputError } from '../../src/core/errors.ts';

const GOOD = [
  { messages: [{ role: 'system', content: 'You write secure code.' }, { role: 'user', content: 'Look up a user by email.' }, { role: 'assistant', content: 'cur.execute("SELECT * FROM users WHERE email = ?", (email,))' }] },
  { messages: [{ role: 'user', content: 'q2' }, { role: 'assistant', content: 'a2' }, { role: 'user', content: 'q3' }, { role: 'assistant', content: 'a3' }] },
  { prompt: 'Hash a password.', completion: 'bcrypt.hashpw(pw, bcrypt.gensalt())' },
].map((o) => JSON.stringify(o)).join('\n') + '\n';

const BAD = [
  JSON.stringify({ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: '   ' }] }),
  '{"messages": [',
  JSON.stringify({ messages: [{ role: 'user', content: 'q' }] }),
  JSON.stringify({ messages: [{ role: 'user', content: 'q' }, { role: 'user', content: 'q again' }, { role: 'assistant', content: 'a' }] }),
  JSON.stringify({ messages: [{ role: 'user', content: 'q' }, { role: 'system', content: 's' }, { role: 'assistant', content: 'a' }] }),
  JSON.stringify({ messages: [{ role: 'tool', content: 'x' }] }),
  JSON.stringify({ text: 'plain' }),
  JSON.stringify({ messages: [{ role: 'user', content: 'fine' }, { role: 'assistant', content: 'fine' }] }),
].join('\n') + '\n';

const SCRIPT = peftScriptPath();
const hasTorch = spawnSync('python3', ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;

function setup(): { dir: string; good: string; bad: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-peft-'));
  const good = path.join(dir, 'train.jsonl');
  const bad = path.join(dir, 'bad.jsonl');
  writeFileSync(good, GOOD);
  writeFileSync(bad, BAD);
  return { dir, good, bad };
}

function py(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('python3', [SCRIPT, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the script is found beside the sources', () => {
  assert.equal(path.relative(path.resolve(import.meta.dirname, '../..'), SCRIPT), path.join('python', 'secfix_peft', 'train.py'));
});

test('peftArgs: only the options given, in a fixed order', () => {
  assert.deepEqual(peftArgs({ data: 'd.jsonl', model: 'm', output: 'o', rank: 8, alpha: 16, dropout: 0, targetModules: 'q_proj,v_proj', precision: 'fp16', dryRun: true }), [
    '--data', 'd.jsonl', '--model', 'm', '--output', 'o', '--rank', '8', '--alpha', '16', '--dropout', '0', '--target-modules', 'q_proj,v_proj', '--precision', 'fp16', '--dry-run',
  ]);
});

test('dry run on good data: counts, hash, settings from a JSON config overridden by flags, serving help; exit 0', () => {
  const { dir, good } = setup();
  try {
    const config = path.join(dir, 'lora.json');
    writeFileSync(config, JSON.stringify({ rank: 8, alpha: 16, 'target-modules': ['q_proj', 'v_proj'], epochs: 2, batch_size: 2, grad_accum: 8 }));
    const out = path.join(dir, 'adapters', 'secure-lora');
    const r = py(['--dry-run', '--data', good, '--config', config, '--model', 'Qwen/Qwen2.5-Coder-0.5B-Instruct', '--output', out, '--rank', '4', '--precision', 'fp16']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    const hash = createHash('sha256').update(GOOD).digest('hex');
    assert.equal(r.stdout, [
      `training data: train.jsonl: 3 example(s) (2 chat, 1 prompt/completion); messages: 1 system, 3 user, 3 assistant; sha256:${hash}`,
      'settings:',
      '  model: Qwen/Qwen2.5-Coder-0.5B-Instruct',
      `  output: ${out}`,
      '  adapter name: secure-lora',
      '  lora rank: 4',
      '  lora alpha: 16',
      '  lora dropout: 0.05',
      '  target modules: q_proj,v_proj',
      '  learning rate: 0.0002',
      '  epochs: 2',
      '  batch size: 2',
      '  gradient accumulation: 8',
      '  effective batch size: 16',
      '  max sequence length: 2048',
      '  precision: fp16',
      '  seed: 42',
      'dry run: data and settings are valid; nothing was trained',
      'serve the adapter:',
      `  vLLM:      vllm serve Qwen/Qwen2.5-Coder-0.5B-Instruct --enable-lora --lora-modules secure-lora=${out} --max-lora-rank 8`,
      '             then use the model id openai-compatible:vllm:secure-lora with baseUrl http://localhost:8000/v1',
      `  Ollama:    convert to GGUF (llama.cpp convert_lora_to_gguf.py ${out} --outfile secure-lora.gguf), then a Modelfile:`,
      '               FROM <the base model in Ollama>',
      '               ADAPTER ./secure-lora.gguf',
      `  llama.cpp: python convert_lora_to_gguf.py ${out} --outfile secure-lora.gguf --base <base model dir>`,
      '             llama-server -m <base>.gguf --lora secure-lora.gguf',
      '',
    ].join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('dry run on bad data: every bad line named, exit 1', () => {
  const { dir, bad } = setup();
  try {
    const r = py(['--dry-run', '--data', bad, '--model', 'm', '--output', 'o']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, [
      'train.py: 7 invalid example(s) in bad.jsonl:',
      '  bad.jsonl:1: messages[1].content must be a non-empty string',
      '  bad.jsonl:2: not JSON (Expecting value)',
      '  bad.jsonl:3: the last message must be an assistant turn',
      '  bad.jsonl:4: messages[1]: expected an assistant turn, got user',
      '  bad.jsonl:5: messages[1]: a system message may only come first',
      "  bad.jsonl:6: messages[0].role must be system, user or assistant, got 'tool'",
      '  bad.jsonl:7: expected a messages list or prompt and completion',
      '',
    ].join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad settings exit 2, an unreadable file exits 3', () => {
  const { dir, good } = setup();
  try {
    const cases: Array<[string[], string]> = [
      [['--output', 'o'], 'model: the base model is required (--model, a Hugging Face id or a local path)'],
      [['--model', 'm', '--output', 'o', '--dropout', '1'], 'dropout: expected a value >= 0 and < 1, got 1.0'],
      [['--model', 'm', '--output', 'o', '--rank', '0'], 'rank: expected a value >= 1, got 0'],
      [['--model', 'm', '--output', 'o', '--learning-rate', '0'], 'learning_rate: expected a value > 0, got 0.0'],
    ];
    for (const [args, message] of cases) {
      const r = py(['--dry-run', '--data', good, ...args]);
      assert.deepEqual([r.code, r.stderr], [2, `train.py: ${message}\n`], args.join(' '));
    }
    const config = path.join(dir, 'c.json');
    writeFileSync(config, '{"rank": 8, "lr": 0.1}');
    const r = py(['--dry-run', '--data', good, '--model', 'm', '--output', 'o', '--config', config]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^train\.py: config .*c\.json: unknown setting\(s\): lr \(known: /);
    const missing = py(['--dry-run', '--data', path.join(dir, 'nope.jsonl'), '--model', 'm', '--output', 'o']);
    assert.deepEqual([missing.code, missing.stderr], [3, `train.py: cannot read training data ${path.join(dir, 'nope.jsonl')}: No such file or directory\n`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('training without the ML packages: exit 4 naming them', { skip: hasTorch ? 'torch is installed here' : false }, () => {
  const { dir, good } = setup();
  try {
    const r = py(['--data', good, '--model', 'm', '--output', path.join(dir, 'o')]);
    assert.equal(r.code, 4);
    assert.match(r.stderr, /^train\.py: training needs the Python packages torch, .* --dry-run checks the data and settings without them\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runPeft: the dry run\'s adapter name and hash; a failure is one typed error with the script\'s message', async () => {
  const { dir, good, bad } = setup();
  try {
    let streamed = '';
    const ok = await runPeft({ data: good, model: 'm', output: path.join(dir, 'my-adapter'), dryRun: true }, { onStdout: (t) => (streamed += t) });
    assert.equal(ok.adapterName, 'my-adapter');
    assert.equal(ok.dataHash, `sha256:${createHash('sha256').update(GOOD).digest('hex')}`);
    assert.equal(streamed, ok.stdout);
    await assert.rejects(runPeft({ data: bad, model: 'm', output: 'o', dryRun: true }), (e: unknown) => {
      assert.ok(e instanceof FinetuneError);
      assert.equal(e.status, 'exit 1');
      assert.equal(e.message.split('\n')[0], '7 invalid example(s) in bad.jsonl:');
      return true;
    });
    await assert.rejects(runPeft({ data: path.join(dir, 'nope.jsonl'), model: 'm', output: 'o', dryRun: true }), (e: unknown) => e instanceof InputError);
    await assert.rejects(runPeft({ data: good, dryRun: true }, { python: 'no-such-python-3' }), { name: 'FinetuneError', message: 'cannot run no-such-python-3: not found' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
