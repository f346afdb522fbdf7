/** Together LoRA fine-tuning against a loopback server: upload fields, create body, events without ids, success and failure. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TogetherFineTuning, togetherCreateBody } from '../../src/finetune/together.ts';
import { followJob } from '../../src/finetune/job.ts';
import { runRemoteFinetune } from '../../src/finetune/remote.ts';
import { FinetuneError } from '../../src/finetune/errors.ts';
import { ProviderError } from '../../src/providers/errors.ts';
import { recordingSleep, startServer } from '../providers/server.ts';
import { multipart, routes } from './fake-api.ts';

const KEY = 'tg-test-key-8c1f0a93e2';
const TRAIN = '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}\n';
const JOB = '/v1/fine-tunes/ft-7a1b';
const BASE = 'Qwen/Qwen2.5-Coder-7B-Instruct';

const ev = (message: string, type: string, level: string | null = null) => ({ object: 'fine-tune-event', created_at: '2026-01-02T03:04:05Z', message, type, level });
const job = (status: string, extra: Record<string, unknown> = {}) => ({ id: 'ft-7a1b', status, model: BASE, training_file: 'file-tg', ...extra });

test('create body: training_type Lora with the given LoRA settings, hyperparameters by their names', () => {
  assert.deepEqual(
    togetherCreateBody({
      model: BASE, trainingFileId: 'file-t', validationFileId: 'file-v', suffix: 'secfix',
      hyperparameters: { epochs: 3, learningRate: 1e-5, batchSize: 8, loraR: 16, loraAlpha: 32, loraDropout: 0.05, loraTargetModules: 'all-linear' },
    }),
    {
      training_file: 'file-t', validation_file: 'file-v', model: BASE, n_epochs: 3, learning_rate: 1e-5, batch_size: 8, suffix: 'secfix',
      training_type: { type: 'Lora', lora_r: 16, lora_alpha: 32, lora_dropout: 0.05, lora_trainable_modules: 'all-linear' },
    },
  );
  assert.deepEqual(togetherCreateBody({ model: 'm', trainingFileId: 'f', hyperparameters: {} }), { training_file: 'f', model: 'm', training_type: { type: 'Lora' } });
});

test('upload, create, follow to completed: output_name is the model; events printed once each', async () => {
  const server = await startServer([
    routes({
      'POST /v1/files/upload': [{ body: { id: 'file-tg', object: 'file', purpose: 'fine-tune', filename: 'train.jsonl' } }],
      'POST /v1/fine-tunes': [{ body: job('pending') }],
      [`GET ${JOB}`]: [{ body: job('running') }, { body: job('completed', { output_name: 'acme/Qwen2.5-Coder-7B-Instruct-secfix-3f2a' }) }],
      [`GET ${JOB}/events`]: [
        { body: { data: [ev('Fine tune request created', 'job_pending'), ev('Job started', 'job_start')] } },
        { body: { data: [ev('Fine tune request created', 'job_pending'), ev('Job started', 'job_start'), ev('Training completed', 'training_complete'), ev('Job finished', 'job_complete')] } },
      ],
    }),
  ]);
  try {
    const api = new TogetherFineTuning({ baseUrl: `${server.url}/v1`, apiKey: KEY });
    const { sleep, delays } = recordingSleep();
    const events: string[] = [];
    const r = await runRemoteFinetune({
      backend: api,
      model: BASE,
      training: { file: '/d/train.jsonl', bytes: Buffer.from(TRAIN) },
      hyperparameters: { epochs: 2, learningRate: 2e-5, loraR: 8, loraAlpha: 16, loraDropout: 0.1 },
      suffix: 'secfix',
      follow: { intervalMs: 3000, sleep, onEvent: (e) => events.push(`${e.type}: ${e.message}`) },
    });
    assert.equal(r.job.fineTunedModel, 'acme/Qwen2.5-Coder-7B-Instruct-secfix-3f2a');
    assert.equal(r.job.baseModel, BASE);
    assert.deepEqual(events, ['job_pending: Fine tune request created', 'job_start: Job started', 'training_complete: Training completed', 'job_complete: Job finished']);
    assert.deepEqual(delays, [3000]);
    assert.deepEqual(server.requests.map((q) => `${q.method} ${q.url}`), [
      'POST /v1/files/upload', 'POST /v1/fine-tunes', `GET ${JOB}`, `GET ${JOB}/events`, `GET ${JOB}`, `GET ${JOB}/events`,
    ]);
    assert.deepEqual(multipart(server.requests[0]!), [
      { name: 'purpose', value: 'fine-tune' },
      { name: 'file_name', value: 'train.jsonl' },
      { name: 'file_type', value: 'jsonl' },
      { name: 'file', filename: 'train.jsonl', contentType: 'application/jsonl', value: TRAIN },
    ]);
    assert.deepEqual(server.requests[1]!.body, {
      training_file: 'file-tg', model: BASE, n_epochs: 2, learning_rate: 2e-5, suffix: 'secfix',
      training_type: { type: 'Lora', lora_r: 8, lora_alpha: 16, lora_dropout: 0.1 },
    });
    for (const q of server.requests) assert.equal(q.headers.authorization, `Bearer ${KEY}`);
  } finally {
    await server.close();
  }
});

test('status error: one FinetuneError carrying the last error event\'s message', async () => {
  const server = await startServer([
    routes({
      [`GET ${JOB}`]: [{ body: job('error') }],
      [`GET ${JOB}/events`]: [{ body: { data: [ev('Job started', 'job_start'), ev('Training file has 3 invalid lines: missing assistant turn', 'job_error', 'error')] } }],
    }),
  ]);
  try {
    const api = new TogetherFineTuning({ baseUrl: `${server.url}/v1`, apiKey: KEY });
    await assert.rejects(followJob(api, 'ft-7a1b', { sleep: async () => {} }), (err: unknown) => {
      assert.ok(err instanceof FinetuneError);
      assert.equal(err.message, 'together: fine-tuning job ft-7a1b failed: Training file has 3 invalid lines: missing assistant turn');
      assert.equal(err.status, 'error');
      return true;
    });
  } finally {
    await server.close();
  }
});

test('cancel and 401 without the key', async () => {
  const server = await startServer([
    routes({
      [`POST ${JOB}/cancel`]: [{ body: job('cancel_requested') }],
      'POST /v1/files/upload': [{ status: 401, body: { error: { message: `invalid api key ${KEY}` } } }],
    }),
  ]);
  try {
    const api = new TogetherFineTuning({ baseUrl: `${server.url}/v1`, apiKey: KEY });
    assert.deepEqual(await api.cancel('ft-7a1b'), { id: 'ft-7a1b', status: 'cancel_requested', baseModel: BASE });
    assert.equal(api.outcome('cancel_requested'), undefined);
    assert.equal(api.outcome('cancelled'), 'cancelled');
    await assert.rejects(api.upload('t.jsonl', Buffer.from(TRAIN)), (err: unknown) => {
      assert.ok(err instanceof ProviderError);
      assert.equal(err.message, 'together: HTTP 401: invalid api key ***');
      return true;
    });
  } finally {
    await server.close();
  }
});
