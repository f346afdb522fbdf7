/** The PEFT backend: run the shipped `python/secfix_peft/train.py` (dry run or real training) as the user asked. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors.ts';
import { FinetuneError } from './errors.ts';

const SCRIPT = path.join('python', 'secfix_peft', 'train.py');

/** The script's exit codes (see its docstring). */
export const PEFT_EXIT = { OK: 0, DATA: 1, CONFIG: 2, INPUT: 3, ENV: 4, TRAIN: 5 } as const;

/** The training script, found by walking up from this module (works from src/ and from dist/). */
export function peftScriptPath(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, SCRIPT);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new InputError(`cannot find ${SCRIPT} in the secfix installation`);
  }
}

export interface PeftOptions {
  data: string;
  validation?: string;
  config?: string;
  model?: string;
  output?: string;
  adapterName?: string;
  rank?: number;
  alpha?: number;
  dropout?: number;
  targetModules?: string;
  learningRate?: number;
  epochs?: number;
  batchSize?: number;
  gradAccum?: number;
  maxSeqLength?: number;
  precision?: 'bf16' | 'fp16' | 'fp32';
  seed?: number;
  dryRun?: boolean;
}

/** The script's arguments for the options (only those given; the script applies its defaults). */
export function peftArgs(o: PeftOptions): string[] {
  const args = ['--data', o.data];
  const add = (flag: string, v: string | number | undefined) => {
    if (v !== undefined) args.push(flag, String(v));
  };
  add('--validation', o.validation);
  add('--config', o.config);
  add('--model', o.model);
  add('--output', o.output);
  add('--adapter-name', o.adapterName);
  add('--rank', o.rank);
  add('--alpha', o.alpha);
  add('--dropout', o.dropout);
  add('--target-modules', o.targetModules);
  add('--learning-rate', o.learningRate);
  add('--epochs', o.epochs);
  add('--batch-size', o.batchSize);
  add('--grad-accum', o.gradAccum);
  add('--max-seq-length', o.maxSeqLength);
  add('--precision', o.precision);
  add('--seed', o.seed);
  if (o.dryRun) args.push('--dry-run');
  return args;
}

export interface PeftRunIo {
  /** The Python interpreter; default python3. */
  python?: string;
  /** The script; default the shipped one. */
  script?: string;
  onStdout?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface PeftRunResult {
  stdout: string;
  /** The adapter's served name, from the script's settings listing. */
  adapterName?: string;
  /** `sha256:…` of the training file as the script read it. */
  dataHash?: string;
}

/**
 * Run the script; stdout is passed through as it comes. A non-zero exit throws one error with the
 * script's own message (its stderr), typed by its exit code.
 */
export async function runPeft(o: PeftOptions, io: PeftRunIo = {}): Promise<PeftRunResult> {
  const python = io.python ?? 'python3';
  const script = io.script ?? peftScriptPath();
  const child = spawn(python, [script, ...peftArgs(o)], { stdio: ['ignore', 'pipe', 'pipe'], env: io.env ?? process.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    const t = d.toString();
    stdout += t;
    io.onStdout?.(t);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') reject(new FinetuneError(`cannot run ${python}: not found`, { status: 'not-found', hint: 'install Python 3, or name the interpreter with --python' }));
      else reject(err);
    });
    child.on('close', (c) => resolve(c));
  });
  if (code !== 0) {
    const message = stderr.trim().replace(/^train\.py: /, '') || `train.py exited with ${code}`;
    const status = `exit ${code}`;
    if (code === PEFT_EXIT.INPUT) throw new InputError(message);
    if (code === PEFT_EXIT.ENV) {
      throw new FinetuneError(message, { status, hint: o.dryRun ? undefined : 'secfix finetune --backend peft --dry-run checks data and settings without a GPU' });
    }
    throw new FinetuneError(message, { status });
  }
  const name = /^\s*adapter name: (.+)$/m.exec(stdout)?.[1]?.trim();
  const hash = /sha256:([0-9a-f]{64})/.exec(stdout)?.[1];
  return { stdout, ...(name ? { adapterName: name } : {}), ...(hash ? { dataHash: `sha256:${hash}` } : {}) };
}
