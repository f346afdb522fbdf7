/** OpenAI fine-tuning against a loopback server speaking the Files and Fine-tuning API: exact requests and outcomes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OpenAiFineTuning, openAiCreateBody } from '../../src/finetune/openai.ts';
import { followJob, type JobEvent } from '../../src/finetune/job.ts';
import { runRemoteFinetune } from '../../src/finetune/remote.ts';
import { FinetuneError } from '../../src/finetune/errors.ts';
import { ProviderError } from '../../src/providers/errors.ts';
import { recordingSleep, startServer } from '../providers/server.ts';
import { multipart, routes } from './fake-api.ts';

const KEY = 'sk-test-finetune-5b9e2d7c41';
const TRAIN = '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}\n';
const VALID = '{"messages":[{"role":"user","content":"v"},{"role":"assistant","content":"w"}]}\n';
const JOB = '/v1/fine_tuning/jobs/ftjob-1';
const EVENTS = `${JOB}/events?limit=100`;

const ev = (id: string, message: string, level = 'info') => ({ object: 'fine_tuning.job.event', id, created_at: 1700000000, level, message, type: 'message' });
const job = (status: string, extra: Record<string, unknown> = {}) => ({ object: 'fine_tuning.job', id: 'ftjob-1', model: 'gpt-4.1-mini-2025-04-14', status, fine_tuned_model: null, error: null, ...extra });

test('create body: only the hyperparameters given, with their API names', () => {
  assert.deepEqual(
    openAiCreateBody({ model: 'gpt-4.1-mini', trainingFileId: 'file-t', validationFileId: 'file-v', hyperparameters: { epochs: 3, learningRateMultiplier: 0.5, batchSize: 8 }, suffix: 'secfix', seed: 7 }),
    { model: 'gpt-4.1-mini', training_file: 'file-t', validation_file: 'file-v', hyperparameters: { n_epochs: 3, learning_rate_multiplier: 0.5, batch_size: 8 }, suffix: 'secfix', seed: 7 },
  );
  assert.deepEqual(openAiCreateBody({ model: 'm', trainingFileId: 'f', hyperparameters: {} }), { model: 'm', training_file: 'f' });
});

test('upload, create, events in pages, success: exact requests and events oldest first', async () => {
  const server = await startServer([
    routes({
      'POST /v1/files': [{ body: { id: 'file-train', object: 'file', purpose: 'fine-tune' } }, { body: { id: 'file-valid', object: 'file', purpose: 'fine-tune' } }],
      'POST /v1/fine_tuning/jobs': [{ body: job('validating_files') }],
      [`GET ${JOB}`]: [
        { body: job('validating_files') },
        { body: job('running') },
        { body: job('succeeded', { fine_tuned_model: 'ft:gpt-4.1-mini-2025-04-14:acme:secfix:abc123' }) },
      ],
      // newest first; the first read needs two pages
      [`GET ${EVENTS}`]: [
        { body: { object: 'list', data: [ev('e2', 'Files validated'), ev('e1', 'Validating training file')], has_more: true } },
        { body: { object: 'list', data: [ev('e3', 'Step 1/10: training loss=1.20'), ev('e2', 'Files validated'), ev('e1', 'Validating training file')], has_more: true } },
        { body: { object: 'list', data: [ev('e4', 'The job has successfully completed'), ev('e3', 'Step 1/10: training loss=1.20')], has_more: true } },
      ],
      [`GET ${EVENTS}&after=e1`]: [{ body: { object: 'list', data: [ev('e0', 'Created fine-tuning job')], has_more: false } }],
    }),
  ]);
  try {
    const api = new OpenAiFineTuning({ baseUrl: `${server.url}/v1`, apiKey: KEY });
    const { sleep, delays } = recordingSleep();
    const events: JobEvent[] = [];
    const statuses: string[] = [];
    const progress: string[] = [];
    const r = await runRemoteFinetune({
      backend: api,
      model: 'gpt-4.1-mini-2025-04-14',
      training: { file: '/data/train.jsonl', bytes: Buffer.from(TRAIN) },
      validation: { file: '/data/valid.jsonl', bytes: Buffer.from(VALID) },
      hyperparameters: { epochs: 2, learningRateMultiplier: 1.5, batchSize: 4 },
      suffix: 'secfix',
      seed: 42,
      follow: { intervalMs: 5000, sleep, onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s) },
      onProgress: (l) => progress.push(l),
    });
    assert.equal(r.job.fineTunedModel, 'ft:gpt-4.1-mini-2025-04-14:acme:secfix:abc123');
    assert.equal(r.job.baseModel, 'gpt-4.1-mini-2025-04-14');
    assert.equal(r.trainingFileId, 'file-train');
    assert.equal(r.validationFileId, 'file-valid');
    assert.deepEqual(events.map((e) => e.message), [
      'Created fine-tuning job', 'Validating training file', 'Files validated', 'Step 1/10: training loss=1.20', 'The job has successfully completed',
    ]);
    assert.deepEqual(statuses, ['validating_files', 'running', 'succeeded']);
    assert.deepEqual(delays, [5000, 5000]);
    assert.deepEqual(progress, [
      'uploaded train.jsonl as file-train',
      'uploaded valid.jsonl as file-valid',
      'created openai fine-tuning job ftjob-1 (validating_files); follow it later with --resume ftjob-1',
    ]);
    assert.deepEqual(server.requests.map((q) => `${q.method} ${q.url}`), [
      'POST /v1/files', 'POST /v1/files', 'POST /v1/fine_tuning/jobs',
      `GET ${JOB}`, `GET ${EVENTS}`, `GET ${EVENTS}&after=e1`,
      `GET ${JOB}`, `GET ${EVENTS}`,
      `GET ${JOB}`, `GET ${EVENTS}`,
    ]);
    const [upload, uploadValid, create] = server.requests;
    assert.deepEqual(multipart(upload!), [
      { name: 'purpose', value: 'fine-tune' },
      { name: 'file', filename: 'train.jsonl', contentType: 'application/jsonl', value: TRAIN },
    ]);
    assert.deepEqual(multipart(uploadValid!)[1], { name: 'file', filename: 'valid.jsonl', contentType: 'application/jsonl', value: VALID });
    assert.equal(create!.headers['content-type'], 'application/json');
    assert.deepEqual(create!.body, {
      model: 'gpt-4.1-mini-2025-04-14', training_file: 'file-train', validation_file: 'file-valid',
      hyperparameters: { n_epochs: 2, learning_rate_multiplier: 1.5, batch_size: 4 }, suffix: 'secfix', seed: 42,
    });
    for (const q of server.requests) assert.equal(q.headers.authorization, `Bearer ${KEY}`);
  } finally {
    await server.close();
  }
});

test('a failed job: one FinetuneError with the job\'s error code and message', async () => {
  const server = await startServer([
    routes({
      [`GET ${JOB}`]: [{ body: job('failed', { error: { code: 'invalid_training_file', message: 'line 3: the last message must be from the assistant', param: 'training_file' } }) }],
      [`GET ${EVENTS}`]: [{ body: { object: 'list', data: [ev('e1', 'Training file validation failed', 'error')], has_more: false } }],
    }),
  ]);
  try {
    const api = new OpenAiFineTuning({ baseUrl: `${server.url}/v1`, apiKey: KEY });
    const events: string[] = [];
    await assert.rejects(followJob(api, 'ftjob-1', { sleep: async () => {}, onEvent: (e) => events.push(`${e.level}: ${e.message}`) }), (err: unknown) => {
      assert.ok(err instanceof FinetuneError);
      assert.equal(err.message, 'openai: fine-tuning job ftjob-1 failed: invalid_training_file: line 3: the last message must be from the assistant');
      assert.equal(err.jobId, 'ftjob-1');
      assert.equal(err.status, 'failed');
      return true;
    });
    assert.deepEqual(events, ['error: Training file validation failed']);
  } finally {
    await server.close();
  }
});

test('cancel: POST …/cancel, and following a cancelled job ends with one error', async () => {
  const server = await startServer([
    routes({
      [`POST ${JOB}/cancel`]: [{ body: job('cancelled') }],
      [`GET ${JOB}`]: [{ body: job('cancelled') }],
      [`GET ${EVENTS}`]: [{ body: { object: 'list', data: [], has_more: false } }],
    }),
  ]);
  try {
    const api = new OpenAiFineTuning({ baseUrl: `${server.url}/v1`, apiKey: KEY });
    const j = await api.cancel('ftjob-1');
    assert.deepEqual(j, { id: 'ftjob-1', status: 'cancelled', baseModel: 'gpt-4.1-mini-2025-04-14' });
    await assert.rejects(followJob(api, 'ftjob-1', { sleep: async () => {} }), { name: 'FinetuneError', message: 'openai: fine-tuning job ftjob-1 was cancelled' });
    assert.deepEqual(server.requests.map((q) => `${q.method} ${q.url}`), [`POST ${JOB}/cancel`, `GET ${JOB}`, `GET ${EVENTS}`]);
  } finally {
    await server.close();
  }
});

test('401: a ProviderError of kind auth whose message never contains the key', async () => {
  const server = await startServer([
    routes({ 'POST /v1/files': [{ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}`, type: 'invalid_request_error', code: 'invalid_api_key' } } }] }),
  ]);
  try {
    const api = new OpenAiFineTuning({ baseUrl: `${server.url}/v1`, apiKey: KEY });
    await assert.rejects(api.upload('train.jsonl', Buffer.from(TRAIN)), (err: unknown) => {
      assert.ok(err instanceof ProviderError);
      assert.equal(err.kind, 'auth');
      assert.equal(err.message, 'openai: HTTP 401: invalid_request_error: Incorrect API key provided: ***');
      assert.ok(!JSON.stringify({ m: err.message, h: err.hint }).includes(KEY));
      return true;
    });
  } finally {
    await server.close();
  }
});

test('a job still running when the wait runs out: error naming --resume', async () => {
  const server = await startServer([
    routes({ [`GET ${JOB}`]: [{ body: job('running') }], [`GET ${EVENTS}`]: [{ body: { object: 'list', data: [], has_more: false } }] }),
  ]);
  try {
    const api = new OpenAiFineTuning({ baseUrl: `${server.url}/v1`, apiKey: KEY });
    const { sleep, delays } = recordingSleep();
    await assert.rejects(followJob(api, 'ftjob-1', { sleep, intervalMs: 1000, maxWaitMs: 2500 }), {
      message: 'openai: job ftjob-1 still running after waiting 2000 ms',
      hint: 'it keeps running on the server; follow it again with --resume ftjob-1',
    });
    assert.deepEqual(delays, [1000, 1000]);
  } finally {
    await server.close();
  }
});
