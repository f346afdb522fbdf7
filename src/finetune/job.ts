/**
 * What the remote fine-tuning backends share: the job and event shapes secfix reads, the backend
 * interface, and the follow loop (status → new events → stop at a terminal status).
 */
import { ProviderError } from '../providers/errors.ts';
import { FinetuneError } from './errors.ts';

/** How a job ended, in our words. */
export type JobOutcome = 'succeeded' | 'failed' | 'cancelled';

/** The fields of a remote job secfix reads. */
export interface RemoteJob {
  id: string;
  /** The provider's own status word. */
  status: string;
  /** The base model of the job, as the provider names it. */
  baseModel?: string;
  /** The fine-tuned model's name once the job has succeeded. */
  fineTunedModel?: string;
  /** The provider's error message for a failed job. */
  error?: string;
}

/** One progress event of a job. */
export interface JobEvent {
  id?: string;
  createdAt?: number | string;
  level?: string;
  type?: string;
  message: string;
}

/** Hyperparameters both APIs understand; each backend sends the ones it has names for. */
export interface Hyperparameters {
  epochs?: number;
  learningRateMultiplier?: number;
  learningRate?: number;
  batchSize?: number;
  loraR?: number;
  loraAlpha?: number;
  loraDropout?: number;
  loraTargetModules?: string;
}

export interface CreateJobParams {
  model: string;
  trainingFileId: string;
  validationFileId?: string;
  hyperparameters: Hyperparameters;
  suffix?: string;
  seed?: number;
}

/** Where a backend's event listing left off between polls. */
export interface EventCursor {
  seenIds: Set<string>;
  /** Events already printed, for APIs whose events carry no id. */
  count: number;
}

export function newCursor(): EventCursor {
  return { seenIds: new Set(), count: 0 };
}

/** A hosted fine-tuning API. Every method throws ProviderError (without the key) on HTTP failure. */
export interface RemoteBackend {
  readonly name: 'openai' | 'together';
  /** Upload a JSONL training or validation file; returns its file id. */
  upload(filename: string, content: Buffer, signal?: AbortSignal): Promise<string>;
  create(params: CreateJobParams, signal?: AbortSignal): Promise<RemoteJob>;
  get(jobId: string, signal?: AbortSignal): Promise<RemoteJob>;
  /** Events not yet seen through `cursor`, oldest first; updates the cursor. */
  newEvents(jobId: string, cursor: EventCursor, signal?: AbortSignal): Promise<JobEvent[]>;
  cancel(jobId: string, signal?: AbortSignal): Promise<RemoteJob>;
  /** Why a failed job failed: its own error, or (Together) the last error event seen. */
  failureMessage(job: RemoteJob): string | undefined;
  /** The outcome a status stands for, or undefined while the job is still going. */
  outcome(status: string): JobOutcome | undefined;
}

export interface FollowOptions {
  /** Time between polls; default 10 s. */
  intervalMs?: number;
  /** Stop waiting (the job keeps running) after this much sleeping; default 48 h. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onEvent?: (event: JobEvent) => void;
  onStatus?: (status: string) => void;
  signal?: AbortSignal;
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Follow a job until it ends: each poll reads its status, then its new events (so a job's last
 * events are printed before it is declared done). Returns the succeeded job; a failed or cancelled
 * job throws one FinetuneError carrying the provider's message.
 */
export async function followJob(backend: RemoteBackend, jobId: string, o: FollowOptions = {}): Promise<RemoteJob> {
  const interval = o.intervalMs ?? 10_000;
  const maxWait = o.maxWaitMs ?? 48 * 3600_000;
  const sleep = o.sleep ?? defaultSleep;
  const cursor = newCursor();
  let waited = 0;
  let lastStatus: string | undefined;
  for (;;) {
    const job = await backend.get(jobId, o.signal);
    if (job.status !== lastStatus) o.onStatus?.(job.status);
    lastStatus = job.status;
    for (const e of await backend.newEvents(jobId, cursor, o.signal)) o.onEvent?.(e);
    const outcome = backend.outcome(job.status);
    if (outcome === 'succeeded') {
      if (!job.fineTunedModel) {
        throw new FinetuneError(`${backend.name}: job ${jobId} ${job.status} but names no fine-tuned model`, { jobId, status: job.status });
      }
      return job;
    }
    if (outcome === 'failed') {
      throw new FinetuneError(`${backend.name}: fine-tuning job ${jobId} failed: ${backend.failureMessage(job) ?? 'no error message given'}`, {
        jobId,
        status: job.status,
        hint: 'fix the cause, then start a new job (a failed job cannot be resumed)',
      });
    }
    if (outcome === 'cancelled') {
      throw new FinetuneError(`${backend.name}: fine-tuning job ${jobId} was cancelled`, { jobId, status: job.status });
    }
    if (waited + interval > maxWait) {
      throw new FinetuneError(`${backend.name}: job ${jobId} still ${job.status} after waiting ${waited} ms`, {
        jobId,
        status: job.status,
        hint: `it keeps running on the server; follow it again with --resume ${jobId}`,
      });
    }
    if (o.signal?.aborted) throw new ProviderError(`${backend.name}: following cancelled`, { kind: 'aborted', providerId: backend.name });
    await sleep(interval);
    waited += interval;
  }
}
