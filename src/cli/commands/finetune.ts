/** `secfix finetune`: train on a hosted API (OpenAI, Together) or with the local PEFT script, then register the model. */
import path from 'node:path';
import { Command, Option } from 'commander';
import { DEFAULTS } from '../../config/schema.ts';
import { ConfigError } from '../../core/errors.ts';
import {
  OPENAI_DEFAULT_BASE_URL, OpenAiFineTuning, TOGETHER_DEFAULT_BASE_URL, TogetherFineTuning, appendToRegistry,
  followJob, readTrainingData, registryEntry, registryPath, runPeft, runRemoteFinetune, studySnippet,
  type FollowOptions, type Hyperparameters, type JobEvent, type RemoteBackend, type RemoteJob, type TrainedModel,
} from '../../finetune/index.ts';

const BACKENDS = ['openai', 'together', 'peft'] as const;
type Backend = (typeof BACKENDS)[number];

const API_KEY_ENV: Record<Exclude<Backend, 'peft'>, string> = { openai: 'OPENAI_API_KEY', together: 'TOGETHER_API_KEY' };
const BASE_URL: Record<Exclude<Backend, 'peft'>, string> = { openai: OPENAI_DEFAULT_BASE_URL, together: TOGETHER_DEFAULT_BASE_URL };

interface Flags {
  backend: Backend;
  trainingFile?: string;
  validationFile?: string;
  card?: string;
  model?: string;
  suffix?: string;
  seed?: string;
  epochs?: string;
  learningRateMultiplier?: string;
  learningRate?: string;
  batchSize?: string;
  loraR?: string;
  loraAlpha?: string;
  loraDropout?: string;
  targetModules?: string;
  gradAccum?: string;
  maxSeqLength?: string;
  precision?: 'bf16' | 'fp16' | 'fp32';
  config?: string;
  output?: string;
  adapterName?: string;
  python: string;
  dryRun?: boolean;
  cancel?: string;
  resume?: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  pollInterval: string;
  register?: string | boolean;
  store: string;
  label?: string;
  baseId?: string;
}

const EXAMPLES = `
Examples:
  secfix finetune --backend openai --model gpt-4.1-mini-2025-04-14 --training-file data/openai.jsonl --suffix secfix
  secfix finetune --backend openai --resume ftjob-abc123 --training-file data/openai.jsonl
  secfix finetune --backend openai --cancel ftjob-abc123
  secfix finetune --backend together --model Qwen/Qwen2.5-Coder-7B-Instruct --training-file data/openai.jsonl --lora-r 16
  secfix finetune --backend peft --dry-run --model Qwen/Qwen2.5-Coder-0.5B-Instruct --training-file data/hf.jsonl --output adapters/secure
The training-data hash is the "content hash" of the dataset card (README.md beside the file, or --card),
else the SHA-256 of the training file. A trained model is appended to STORE/models.yaml (or --register FILE)
and printed as a snippet to paste into a study beside its base model.`;

function num(flag: string, text: string | undefined, kind: 'int' | 'number', min: number, exclusive = false): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  const ok = text.trim() !== '' && Number.isFinite(v) && (kind === 'number' || Number.isInteger(v)) && (exclusive ? v > min : v >= min);
  if (!ok) throw new ConfigError(`${flag}: expected ${kind === 'int' ? 'an integer' : 'a number'} ${exclusive ? '>' : '≥'} ${min}, got ${JSON.stringify(text)}`);
  return v;
}

function hyperparameters(f: Flags): Hyperparameters {
  const h: Hyperparameters = {};
  const set = <K extends keyof Hyperparameters>(k: K, v: Hyperparameters[K] | undefined) => {
    if (v !== undefined) h[k] = v;
  };
  set('epochs', num('--epochs', f.epochs, 'int', 1));
  set('learningRateMultiplier', num('--learning-rate-multiplier', f.learningRateMultiplier, 'number', 0, true));
  set('learningRate', num('--learning-rate', f.learningRate, 'number', 0, true));
  set('batchSize', num('--batch-size', f.batchSize, 'int', 1));
  set('loraR', num('--lora-r', f.loraR, 'int', 1));
  set('loraAlpha', num('--lora-alpha', f.loraAlpha, 'number', 0, true));
  set('loraDropout', num('--lora-dropout', f.loraDropout, 'number', 0));
  if (f.targetModules !== undefined) h.loraTargetModules = f.targetModules;
  return h;
}

function rejectFor(f: Flags, backend: Backend, flags: Array<[keyof Flags, string]>): void {
  for (const [key, name] of flags) {
    if (f[key] !== undefined) throw new ConfigError(`${name} does not apply to --backend ${backend}`);
  }
}

function remoteBackend(f: Flags, backend: Exclude<Backend, 'peft'>, env: NodeJS.ProcessEnv): RemoteBackend {
  const keyEnv = f.apiKeyEnv ?? API_KEY_ENV[backend];
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyEnv)) throw new ConfigError(`--api-key-env: expected the name of an environment variable, got ${JSON.stringify(keyEnv)}`);
  const apiKey = env[keyEnv];
  if (!apiKey) throw new ConfigError(`the environment variable ${keyEnv} is not set`, `export ${keyEnv}=… (the key is read from the environment only, never from a flag)`);
  const baseUrl = f.baseUrl ?? BASE_URL[backend];
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigError(`--base-url: not a URL: ${JSON.stringify(baseUrl)}`);
  }
  return backend === 'openai' ? new OpenAiFineTuning({ baseUrl, apiKey }) : new TogetherFineTuning({ baseUrl, apiKey });
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function printEvent(e: JobEvent): void {
  out(`  ${e.level ?? e.type ?? 'event'}: ${e.message}`);
}

async function register(f: Flags, t: TrainedModel): Promise<void> {
  if (f.register === false) {
    out(`fine-tuned model: ${t.model} (not registered: --no-register)`);
    return;
  }
  const entry = registryEntry(t);
  const file = registryPath(typeof f.register === 'string' ? f.register : undefined, path.resolve(f.store));
  await appendToRegistry(file, entry);
  out(`registered ${entry.id} (base ${entry.base}, training data ${entry.trainingDataHash}) in ${file}`);
  out('paste into a study to compare it with its base:');
  process.stdout.write(studySnippet(entry));
}

async function runRemote(f: Flags, backend: Exclude<Backend, 'peft'>): Promise<void> {
  rejectFor(f, backend, [
    ['gradAccum', '--grad-accum'], ['maxSeqLength', '--max-seq-length'], ['precision', '--precision'],
    ['config', '--config'], ['output', '--output'], ['adapterName', '--adapter-name'],
  ]);
  if (f.dryRun) throw new ConfigError(`--dry-run applies to --backend peft only`, `check the data with: secfix finetune --backend peft --dry-run --training-file FILE --model BASE --output DIR`);
  if (backend === 'openai') {
    rejectFor(f, backend, [['learningRate', '--learning-rate'], ['loraR', '--lora-r'], ['loraAlpha', '--lora-alpha'], ['loraDropout', '--lora-dropout'], ['targetModules', '--target-modules']]);
  } else {
    rejectFor(f, backend, [['learningRateMultiplier', '--learning-rate-multiplier'], ['seed', '--seed']]);
  }
  if (f.cancel && f.resume) throw new ConfigError('--cancel and --resume exclude each other');
  const h = hyperparameters(f);
  const seed = num('--seed', f.seed, 'int', 0);
  const intervalMs = Math.round((num('--poll-interval', f.pollInterval, 'number', 0) ?? 10) * 1000);
  const api = remoteBackend(f, backend, process.env);

  if (f.cancel) {
    const job = await api.cancel(f.cancel);
    out(`${backend} fine-tuning job ${job.id}: ${job.status}`);
    return;
  }

  const follow: FollowOptions = {
    intervalMs,
    onEvent: printEvent,
    onStatus: (s) => out(`status: ${s}`),
  };
  let job: RemoteJob;
  let hash: string | undefined;
  if (f.resume) {
    // the hash is needed only to register the model; read it before following for hours
    if (f.register !== false) {
      if (!f.trainingFile) {
        throw new ConfigError('--resume needs --training-file to record the training-data hash', 'or pass --no-register to only follow the job');
      }
      hash = (await readTrainingData(f.trainingFile, f.card)).hash;
    }
    out(`following ${backend} fine-tuning job ${f.resume}`);
    job = await followJob(api, f.resume, follow);
  } else {
    if (!f.model) throw new ConfigError('--model is required: the base model to fine-tune');
    if (!f.trainingFile) throw new ConfigError('--training-file is required');
    const data = await readTrainingData(f.trainingFile, f.card);
    hash = data.hash;
    out(`training data: ${f.trainingFile} (${data.bytes.length} bytes), ${data.hash} ${data.hashSource === 'card' ? `from the dataset card ${data.card}` : 'of the file'}`);
    const validation = f.validationFile ? await readTrainingData(f.validationFile, undefined) : undefined;
    const result = await runRemoteFinetune({
      backend: api,
      model: f.model,
      training: { file: data.file, bytes: data.bytes },
      ...(validation ? { validation: { file: validation.file, bytes: validation.bytes } } : {}),
      hyperparameters: h,
      ...(f.suffix !== undefined ? { suffix: f.suffix } : {}),
      ...(seed !== undefined ? { seed } : {}),
      follow,
      onProgress: out,
    });
    job = result.job;
  }
  out(`fine-tuned model: ${job.fineTunedModel}`);
  if (hash === undefined) return;
  const baseModel = job.baseModel ?? f.model;
  if (!baseModel) throw new ConfigError(`job ${job.id} does not name its base model; pass --model`);
  await register(f, {
    backend,
    model: job.fineTunedModel!,
    baseModel,
    trainingDataHash: hash,
    jobId: job.id,
    ...(f.label ? { label: f.label } : {}),
    ...(f.baseId ? { baseId: f.baseId } : {}),
    ...(backend === 'together' && f.apiKeyEnv ? { apiKeyEnv: f.apiKeyEnv } : {}),
  });
}

async function runPeftBackend(f: Flags): Promise<void> {
  rejectFor(f, 'peft', [
    ['cancel', '--cancel'], ['resume', '--resume'], ['baseUrl', '--base-url'], ['apiKeyEnv', '--api-key-env'],
    ['learningRateMultiplier', '--learning-rate-multiplier'], ['suffix', '--suffix'],
  ]);
  if (!f.trainingFile) throw new ConfigError('--training-file is required');
  const data = f.dryRun ? undefined : await readTrainingData(f.trainingFile, f.card);
  const result = await runPeft(
    {
      data: f.trainingFile,
      ...(f.validationFile ? { validation: f.validationFile } : {}),
      ...(f.config ? { config: f.config } : {}),
      ...(f.model ? { model: f.model } : {}),
      ...(f.output ? { output: f.output } : {}),
      ...(f.adapterName ? { adapterName: f.adapterName } : {}),
      rank: num('--lora-r', f.loraR, 'int', 1),
      alpha: num('--lora-alpha', f.loraAlpha, 'number', 0, true),
      dropout: num('--lora-dropout', f.loraDropout, 'number', 0),
      ...(f.targetModules ? { targetModules: f.targetModules } : {}),
      learningRate: num('--learning-rate', f.learningRate, 'number', 0, true),
      epochs: num('--epochs', f.epochs, 'number', 0, true),
      batchSize: num('--batch-size', f.batchSize, 'int', 1),
      gradAccum: num('--grad-accum', f.gradAccum, 'int', 1),
      maxSeqLength: num('--max-seq-length', f.maxSeqLength, 'int', 16),
      ...(f.precision ? { precision: f.precision } : {}),
      seed: num('--seed', f.seed, 'int', 0),
      dryRun: f.dryRun === true,
    },
    { python: f.python, onStdout: (t) => process.stdout.write(t) },
  );
  if (f.dryRun || !data) return;
  const setting = (name: string) => new RegExp(`^\\s*${name}: (.+)$`, 'm').exec(result.stdout)?.[1]?.trim();
  const baseModel = setting('model');
  const output = setting('output');
  if (!baseModel || !output) throw new ConfigError('the training script did not report its model and output; cannot register the adapter');
  await register(f, {
    backend: 'peft',
    model: result.adapterName ?? path.basename(output),
    baseModel,
    adapter: path.resolve(output),
    trainingDataHash: data.hash,
    ...(f.label ? { label: f.label } : {}),
    ...(f.baseId ? { baseId: f.baseId } : {}),
  });
}

export function registerFinetune(program: Command): void {
  program
    .command('finetune')
    .description('fine-tune a model on a secfix dataset (OpenAI or Together LoRA jobs, or the local PEFT script) and register it with its provenance')
    .addOption(new Option('--backend <name>', 'where to train').choices(BACKENDS).makeOptionMandatory())
    .option('--training-file <file>', 'training JSONL (OpenAI chat format; for peft also prompt/completion)')
    .option('--validation-file <file>', 'validation JSONL')
    .option('--card <file>', 'dataset card whose "content hash" is recorded (default: README.md beside the training file, if it has one)')
    .option('--model <name>', 'base model as the backend names it (peft: Hugging Face id or directory)')
    .option('--suffix <text>', 'suffix of the fine-tuned model name (openai, together)')
    .option('--seed <n>', 'training seed (openai, peft)')
    .option('--epochs <n>', 'passes over the training data')
    .option('--learning-rate-multiplier <x>', 'openai: learning rate multiplier')
    .option('--learning-rate <x>', 'together, peft: learning rate')
    .option('--batch-size <n>', 'batch size (peft: per device)')
    .option('--lora-r <n>', 'together, peft: LoRA rank')
    .option('--lora-alpha <x>', 'together, peft: LoRA alpha')
    .option('--lora-dropout <x>', 'together, peft: LoRA dropout')
    .option('--target-modules <list>', 'together, peft: modules LoRA adapts (all-linear, or q_proj,v_proj,…)')
    .option('--grad-accum <n>', 'peft: gradient accumulation steps')
    .option('--max-seq-length <n>', 'peft: maximum sequence length')
    .addOption(new Option('--precision <p>', 'peft: training precision').choices(['bf16', 'fp16', 'fp32']))
    .option('--config <file>', 'peft: settings as YAML or JSON (flags override it)')
    .option('--output <dir>', 'peft: directory the adapter is written to')
    .option('--adapter-name <name>', 'peft: the name the adapter is served under (default: the output directory name)')
    .option('--python <exe>', 'peft: the Python interpreter', 'python3')
    .option('--dry-run', 'peft: check the data and settings only (no GPU, no ML packages)')
    .option('--cancel <job>', 'cancel a running job (openai, together)')
    .option('--resume <job>', 'follow an existing job to its end and register its model (openai, together)')
    .option('--base-url <url>', 'API root including /v1 (default: the provider\'s)')
    .option('--api-key-env <name>', 'environment variable holding the API key (default OPENAI_API_KEY / TOGETHER_API_KEY)')
    .option('--poll-interval <seconds>', 'seconds between status reads', '10')
    .option('--register <file>', 'registry file to append the trained model to (default: STORE/models.yaml)')
    .option('--no-register', 'do not record the trained model')
    .option('--store <dir>', 'the store directory', DEFAULTS.storeDir)
    .option('--label <name>', 'label of the trained model in the registry and reports (default: its model name)')
    .option('--base-id <id>', "the base model's id in your study (default: derived from the backend and --model)")
    .addHelpText('after', EXAMPLES)
    .action(async (flags: Flags) => {
      if (flags.backend === 'peft') await runPeftBackend(flags);
      else await runRemote(flags, flags.backend);
    });
}
