/**
 * `secfix finetune` end to end: the CLI as an async child process against a loopback server
 * speaking the OpenAI / Together fine-tuning APIs, the registry file it writes, and the PEFT dry
 * run through python3. No output ever contains the key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { ROOT } from '../support/cli.ts';
import { startServer } from '../providers/server.ts';
import { routes } from '../finetune/fake-api.ts';

const KEY = 'sk-test-cli-finetune-3e8d1c0b';
const TRAIN = '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}\n';
const CARD_HASH = 'sha256:' + 'c0ffee00'.repeat(8);
const JOB = '/v1/fine_tuning/jobs/ftjob-9';
const EVENTS = `${JOB}/events?limit=100`;

function secfix(args: string[], env: Record<string, string | undefined> = {}, cwd = ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete childEnv.OPENAI_API_KEY;
  delete childEnv.TOGETHER_API_KEY;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'secfix.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function workspace(card = true): { dir: string; train: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-ft-cli-'));
  const data = path.join(dir, 'data');
  const train = path.join(data, 'openai.jsonl');
  mkdirSync(data, { recursive: true });
  writeFileSync(train, TRAIN);
  if (card) writeFileSync(path.join(data, 'README.md'), `# secfix dataset\n\ncontent hash: ${CARD_HASH}\n`);
  return { dir, train };
}

const job = (status: string, extra: Record<string, unknown> = {}) => ({ object: 'fine_tuning.job', id: 'ftjob-9', model: 'gpt-4.1-mini-2025-04-14', status, fine_tuned_model: null, error: null, ...extra });
const ev = (id: string, message: string, level = 'info') => ({ object: 'fine_tuning.job.event', id, created_at: 1, level, message, type: 'message' });

test('openai: upload, create, events, success → registered with the card\'s hash, snippet printed', async () => {
  const server = await startServer([
    routes({
      'POST /v1/files': [{ body: { id: 'file-1', object: 'file' } }],
      'POST /v1/fine_tuning/jobs': [{ body: job('validating_files') }],
      [`GET ${JOB}`]: [{ body: job('running') }, { body: job('succeeded', { fine_tuned_model: 'ft:gpt-4.1-mini-2025-04-14:acme:secfix:zz9' }) }],
      [`GET ${EVENTS}`]: [
        { body: { object: 'list', data: [ev('e1', 'Fine-tuning job started')], has_more: false } },
        { body: { object: 'list', data: [ev('e2', 'The job has successfully completed'), ev('e1', 'Fine-tuning job started')], has_more: true } },
      ],
    }),
  ]);
  const { dir, train } = workspace();
  try {
    const r = await secfix([
      'finetune', '--backend', 'openai', '--model', 'gpt-4.1-mini-2025-04-14', '--training-file', train, '--suffix', 'secfix', '--epochs', '3',
      '--base-url', `${server.url}/v1`, '--poll-interval', '0', '--store', path.join(dir, '.secfix'), '--label', 'gpt-4.1-mini+secfix',
    ], { OPENAI_API_KEY: KEY });
    assert.equal(r.stderr, '');
    assert.equal(r.code, EXIT.OK);
    const registry = path.join(dir, '.secfix', 'models.yaml');
    assert.equal(r.stdout, [
      `training data: ${train} (${TRAIN.length} bytes), ${CARD_HASH} from the dataset card ${path.join(dir, 'data', 'README.md')}`,
      'uploaded openai.jsonl as file-1',
      'created openai fine-tuning job ftjob-9 (validating_files); follow it later with --resume ftjob-9',
      'status: running',
      '  info: Fine-tuning job started',
      'status: succeeded',
      '  info: The job has successfully completed',
      'fine-tuned model: ft:gpt-4.1-mini-2025-04-14:acme:secfix:zz9',
      `registered openai:ft:gpt-4.1-mini-2025-04-14:acme:secfix:zz9 (base openai:gpt-4.1-mini-2025-04-14, training data ${CARD_HASH}) in ${registry}`,
      'paste into a study to compare it with its base:',
      'models:',
      '  - openai:gpt-4.1-mini-2025-04-14',
      '  - id: openai:ft:gpt-4.1-mini-2025-04-14:acme:secfix:zz9',
      '    label: gpt-4.1-mini+secfix',
      '    base: openai:gpt-4.1-mini-2025-04-14',
      `    trainingDataHash: ${CARD_HASH}`,
      '',
    ].join('\n'));
    const entries = parse(readFileSync(registry, 'utf8')) as Array<Record<string, unknown>>;
    assert.equal(entries.length, 1);
    const { created, ...rest } = entries[0]!;
    assert.match(String(created), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(rest, {
      id: 'openai:ft:gpt-4.1-mini-2025-04-14:acme:secfix:zz9', label: 'gpt-4.1-mini+secfix', base: 'openai:gpt-4.1-mini-2025-04-14',
      jobId: 'ftjob-9', trainingDataHash: CARD_HASH, backend: 'openai',
    });
    assert.deepEqual(server.requests[1]!.body, { model: 'gpt-4.1-mini-2025-04-14', training_file: 'file-1', hyperparameters: { n_epochs: 3 }, suffix: 'secfix' });
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('openai: a failed job is one error line with the job\'s message, exit 2, nothing registered', async () => {
  const server = await startServer([
    routes({
      'POST /v1/files': [{ body: { id: 'file-1' } }],
      'POST /v1/fine_tuning/jobs': [{ body: job('validating_files') }],
      [`GET ${JOB}`]: [{ body: job('failed', { error: { code: 'invalid_training_file', message: 'Training file has 1 example; at least 10 are required', param: null } }) }],
      [`GET ${EVENTS}`]: [{ body: { object: 'list', data: [], has_more: false } }],
    }),
  ]);
  const { dir, train } = workspace(false);
  try {
    const r = await secfix(['finetune', '--backend', 'openai', '--model', 'gpt-4.1-mini', '--training-file', train, '--base-url', `${server.url}/v1`, '--poll-interval', '0', '--store', path.join(dir, '.secfix')], { OPENAI_API_KEY: KEY });
    assert.equal(r.code, EXIT.USAGE);
    assert.equal(r.stderr, [
      'secfix: openai: fine-tuning job ftjob-9 failed: invalid_training_file: Training file has 1 example; at least 10 are required',
      'hint: fix the cause, then start a new job (a failed job cannot be resumed)',
      '',
    ].join('\n'));
    assert.match(r.stdout, /^training data: .* sha256:[0-9a-f]{64} of the file\n/);
    assert.equal(existsSync(path.join(dir, '.secfix', 'models.yaml')), false);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('openai: 401 prints one line without the key; a missing key is named before any call', async () => {
  const server = await startServer([routes({ 'POST /v1/files': [{ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}`, type: 'invalid_request_error' } } }] })]);
  const { dir, train } = workspace(false);
  try {
    const r = await secfix(['finetune', '--backend', 'openai', '--model', 'm', '--training-file', train, '--base-url', `${server.url}/v1`, '--store', path.join(dir, '.secfix')], { OPENAI_API_KEY: KEY });
    assert.equal(r.code, EXIT.USAGE);
    assert.equal(r.stderr, 'secfix: openai: HTTP 401: invalid_request_error: Incorrect API key provided: ***\nhint: check the API key environment variable named in the config\n');
    assert.ok(!(r.stdout + r.stderr).includes(KEY));
    const none = await secfix(['finetune', '--backend', 'openai', '--model', 'm', '--training-file', train, '--base-url', `${server.url}/v1`, '--api-key-env', 'MY_FT_KEY']);
    assert.equal(none.code, EXIT.USAGE);
    assert.equal(none.stderr, 'secfix: the environment variable MY_FT_KEY is not set\nhint: export MY_FT_KEY=… (the key is read from the environment only, never from a flag)\n');
    assert.equal(server.requests.length, 1);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('openai: --cancel, and --resume following an existing job to its model', async () => {
  const server = await startServer([
    routes({
      [`POST ${JOB}/cancel`]: [{ body: job('cancelled') }],
      [`GET ${JOB}`]: [{ body: job('succeeded', { fine_tuned_model: 'ft:gpt-4.1-mini-2025-04-14:acme::r1' }) }],
      [`GET ${EVENTS}`]: [{ body: { object: 'list', data: [], has_more: false } }],
    }),
  ]);
  const { dir, train } = workspace(false);
  try {
    const c = await secfix(['finetune', '--backend', 'openai', '--cancel', 'ftjob-9', '--base-url', `${server.url}/v1`], { OPENAI_API_KEY: KEY });
    assert.deepEqual([c.code, c.stdout, c.stderr], [EXIT.OK, 'openai fine-tuning job ftjob-9: cancelled\n', '']);
    const noData = await secfix(['finetune', '--backend', 'openai', '--resume', 'ftjob-9', '--base-url', `${server.url}/v1`], { OPENAI_API_KEY: KEY });
    assert.equal(noData.stderr, 'secfix: --resume needs --training-file to record the training-data hash\nhint: or pass --no-register to only follow the job\n');
    const register = path.join(dir, 'models.yaml');
    const r = await secfix(['finetune', '--backend', 'openai', '--resume', 'ftjob-9', '--training-file', train, '--register', register, '--base-url', `${server.url}/v1`, '--poll-interval', '0'], { OPENAI_API_KEY: KEY });
    assert.equal(r.code, EXIT.OK, r.stderr);
    assert.equal(r.stdout.split('\n').slice(0, 3).join('\n'), 'following openai fine-tuning job ftjob-9\nstatus: succeeded\nfine-tuned model: ft:gpt-4.1-mini-2025-04-14:acme::r1');
    const [entry] = parse(readFileSync(register, 'utf8')) as Array<Record<string, unknown>>;
    assert.equal(entry!.id, 'openai:ft:gpt-4.1-mini-2025-04-14:acme::r1');
    assert.equal(entry!.base, 'openai:gpt-4.1-mini-2025-04-14');
    // no card beside the file: the hash of its bytes, computed by hand for TRAIN
    assert.equal(entry!.trainingDataHash, 'sha256:' + (await import('node:crypto')).createHash('sha256').update(TRAIN).digest('hex'));
    assert.deepEqual(server.requests.map((q) => `${q.method} ${q.url}`), [`POST ${JOB}/cancel`, `GET ${JOB}`, `GET ${EVENTS}`]);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('together: success registers output_name as an openai-compatible model; failure is one line', async () => {
  const T = '/v1/fine-tunes/ft-1';
  const server = await startServer([
    routes({
      'POST /v1/files/upload': [{ body: { id: 'file-tg' } }],
      'POST /v1/fine-tunes': [{ body: { id: 'ft-1', status: 'pending', model: 'Qwen/Qwen2.5-Coder-7B-Instruct' } }],
      [`GET ${T}`]: [{ body: { id: 'ft-1', status: 'completed', model: 'Qwen/Qwen2.5-Coder-7B-Instruct', output_name: 'acme/Qwen2.5-Coder-7B-Instruct-secfix' } }],
      [`GET ${T}/events`]: [{ body: { data: [{ message: 'Job finished', type: 'job_complete', created_at: '2026-01-01T00:00:00Z' }] } }],
      'GET /v1/fine-tunes/ft-2': [{ body: { id: 'ft-2', status: 'error', model: 'Qwen/Qwen2.5-Coder-7B-Instruct' } }],
      'GET /v1/fine-tunes/ft-2/events': [{ body: { data: [{ message: 'Out of memory at step 12', type: 'job_error', level: 'error' }] } }],
    }),
  ]);
  const { dir, train } = workspace();
  try {
    const register = path.join(dir, 'models.yaml');
    const r = await secfix([
      'finetune', '--backend', 'together', '--model', 'Qwen/Qwen2.5-Coder-7B-Instruct', '--training-file', train, '--lora-r', '16', '--lora-alpha', '32',
      '--learning-rate', '0.00001', '--register', register, '--base-url', `${server.url}/v1`, '--poll-interval', '0',
    ], { TOGETHER_API_KEY: KEY });
    assert.equal(r.code, EXIT.OK, r.stderr);
    assert.ok(r.stdout.includes('\n  job_complete: Job finished\nfine-tuned model: acme/Qwen2.5-Coder-7B-Instruct-secfix\n'));
    assert.deepEqual(server.requests[1]!.body, { training_file: 'file-tg', model: 'Qwen/Qwen2.5-Coder-7B-Instruct', learning_rate: 0.00001, training_type: { type: 'Lora', lora_r: 16, lora_alpha: 32 } });
    const [entry] = parse(readFileSync(register, 'utf8')) as Array<Record<string, unknown>>;
    const { created: _c, ...rest } = entry!;
    assert.deepEqual(rest, {
      id: 'openai-compatible:together:acme/Qwen2.5-Coder-7B-Instruct-secfix', label: 'acme/Qwen2.5-Coder-7B-Instruct-secfix',
      base: 'openai-compatible:together:Qwen/Qwen2.5-Coder-7B-Instruct', baseUrl: 'https://api.together.xyz/v1', apiKeyEnv: 'TOGETHER_API_KEY',
      jobId: 'ft-1', trainingDataHash: CARD_HASH, backend: 'together',
    });
    const f = await secfix(['finetune', '--backend', 'together', '--resume', 'ft-2', '--no-register', '--base-url', `${server.url}/v1`, '--poll-interval', '0'], { TOGETHER_API_KEY: KEY });
    assert.equal(f.code, EXIT.USAGE);
    assert.equal(f.stderr.split('\n')[0], 'secfix: together: fine-tuning job ft-2 failed: Out of memory at step 12');
    assert.ok(!(r.stdout + r.stderr + f.stdout + f.stderr).includes(KEY));
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('peft: --dry-run runs the script\'s check; bad data is exit 2 with its lines; flags of other backends refused', async () => {
  const { dir, train } = workspace();
  try {
    const ok = await secfix(['finetune', '--backend', 'peft', '--dry-run', '--training-file', train, '--model', 'tiny/model', '--output', path.join(dir, 'adapters', 'sec'), '--lora-r', '8']);
    assert.equal(ok.code, EXIT.OK, ok.stderr);
    assert.equal(ok.stdout.split('\n')[0], `training data: openai.jsonl: 1 example(s) (1 chat, 0 prompt/completion); messages: 0 system, 1 user, 1 assistant; sha256:${(await import('node:crypto')).createHash('sha256').update(TRAIN).digest('hex')}`);
    assert.ok(ok.stdout.includes('\n  lora rank: 8\n'));
    assert.ok(ok.stdout.includes('\ndry run: data and settings are valid; nothing was trained\n'));
    assert.equal(existsSync(path.join(dir, '.secfix')), false);
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"messages":[{"role":"user","content":"q"}]}\n');
    const b = await secfix(['finetune', '--backend', 'peft', '--dry-run', '--training-file', bad, '--model', 'm', '--output', 'o']);
    assert.equal(b.code, EXIT.USAGE);
    assert.equal(b.stderr, 'secfix: 1 invalid example(s) in bad.jsonl:\n  bad.jsonl:1: the last message must be an assistant turn\n');
    const wrong = await secfix(['finetune', '--backend', 'peft', '--training-file', train, '--suffix', 'x']);
    assert.deepEqual([wrong.code, wrong.stderr], [EXIT.USAGE, 'secfix: --suffix does not apply to --backend peft\n']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('peft: after a training run the adapter is registered with its base and the card\'s hash', async () => {
  const { dir, train } = workspace();
  try {
    // stands in for python3: prints what train.py prints after training, without training
    const fake = path.join(dir, 'fake-python');
    const adapter = path.join(dir, 'adapters', 'sec');
    writeFileSync(fake, `#!/bin/sh\nprintf 'training data: ok\\nsettings:\\n  model: tiny/base\\n  output: ${adapter}\\n  adapter name: sec-lora\\nadapter written to ${adapter}\\n'\n`);
    chmodSync(fake, 0o755);
    const register = path.join(dir, 'models.yaml');
    const r = await secfix(['finetune', '--backend', 'peft', '--training-file', train, '--python', fake, '--register', register, '--base-id', 'ollama:tiny-base']);
    assert.equal(r.code, EXIT.OK, r.stderr);
    const [entry] = parse(readFileSync(register, 'utf8')) as Array<Record<string, unknown>>;
    const { created: _c, ...rest } = entry!;
    assert.deepEqual(rest, {
      id: 'openai-compatible:vllm:sec-lora', label: 'sec-lora', base: 'ollama:tiny-base', adapter,
      baseUrl: 'http://localhost:8000/v1', trainingDataHash: CARD_HASH, backend: 'peft',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
