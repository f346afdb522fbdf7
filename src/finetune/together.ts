/**
 * Together AI fine-tuning (LoRA): upload (`POST /files/upload`, multipart purpose / file_name /
 * file_type / file), create (`POST /fine-tunes` with `training_type: {type: "Lora", …}`), status
 * (`GET /fine-tunes/{id}`, model in `output_name`), events (`GET /fine-tunes/{id}/events`, the
 * whole list each time, no ids), cancel (`POST /fine-tunes/{id}/cancel`).
 */
import { z } from 'zod';
import { JsonApi, type ApiOptions } from './http.ts';
import type { CreateJobParams, EventCursor, JobEvent, JobOutcome, RemoteBackend, RemoteJob } from './job.ts';

export const TOGETHER_DEFAULT_BASE_URL = 'https://api.together.xyz/v1';

const FileSchema = z.object({ id: z.string().min(1) });

const JobSchema = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  model: z.string().nullish(),
  output_name: z.string().nullish(),
  // not in every answer; read when present
  error: z.union([z.string(), z.object({ message: z.string().nullish() })]).nullish(),
});

const EventSchema = z.object({
  created_at: z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
  type: z.string().nullish(),
  level: z.string().nullish(),
});

const EventListSchema = z.object({ data: z.array(EventSchema).nullish() });

/** The JSON body of a create request: LoRA always, hyperparameters only when given. */
export function togetherCreateBody(p: CreateJobParams): Record<string, unknown> {
  const h = p.hyperparameters;
  const lora: Record<string, unknown> = { type: 'Lora' };
  if (h.loraR !== undefined) lora.lora_r = h.loraR;
  if (h.loraAlpha !== undefined) lora.lora_alpha = h.loraAlpha;
  if (h.loraDropout !== undefined) lora.lora_dropout = h.loraDropout;
  if (h.loraTargetModules !== undefined) lora.lora_trainable_modules = h.loraTargetModules;
  return {
    training_file: p.trainingFileId,
    ...(p.validationFileId ? { validation_file: p.validationFileId } : {}),
    model: p.model,
    ...(h.epochs !== undefined ? { n_epochs: h.epochs } : {}),
    ...(h.learningRate !== undefined ? { learning_rate: h.learningRate } : {}),
    ...(h.batchSize !== undefined ? { batch_size: h.batchSize } : {}),
    ...(p.suffix !== undefined ? { suffix: p.suffix } : {}),
    training_type: lora,
  };
}

function isErrorEvent(e: JobEvent): boolean {
  return e.level === 'error' || /error|fail/i.test(e.type ?? '');
}

export class TogetherFineTuning implements RemoteBackend {
  readonly name = 'together' as const;
  private readonly api: JsonApi;
  /** The last error event seen per job: Together's job object may carry no message of its own. */
  private readonly lastError = new Map<string, string>();

  constructor(o: ApiOptions) {
    this.api = new JsonApi('together', o);
  }

  private toJob(j: z.infer<typeof JobSchema>): RemoteJob {
    const job: RemoteJob = { id: j.id, status: j.status };
    if (j.model) job.baseModel = j.model;
    if (j.output_name) job.fineTunedModel = j.output_name;
    const err = typeof j.error === 'string' ? j.error : j.error?.message;
    if (err) job.error = err;
    return job;
  }

  async upload(filename: string, content: Buffer, signal?: AbortSignal): Promise<string> {
    const form = new FormData();
    form.append('purpose', 'fine-tune');
    form.append('file_name', filename);
    form.append('file_type', 'jsonl');
    form.append('file', new Blob([new Uint8Array(content)], { type: 'application/jsonl' }), filename);
    return (await this.api.request('POST', '/files/upload', FileSchema, 'file object', form, signal)).id;
  }

  async create(p: CreateJobParams, signal?: AbortSignal): Promise<RemoteJob> {
    return this.toJob(await this.api.request('POST', '/fine-tunes', JobSchema, 'fine-tune job', togetherCreateBody(p), signal));
  }

  async get(jobId: string, signal?: AbortSignal): Promise<RemoteJob> {
    return this.toJob(await this.api.request('GET', `/fine-tunes/${encodeURIComponent(jobId)}`, JobSchema, 'fine-tune job', undefined, signal));
  }

  private async listEvents(jobId: string, signal?: AbortSignal): Promise<JobEvent[]> {
    const list = await this.api.request('GET', `/fine-tunes/${encodeURIComponent(jobId)}/events`, EventListSchema, 'event list', undefined, signal);
    return (list.data ?? []).map((e) => ({
      ...(e.created_at != null ? { createdAt: e.created_at } : {}),
      ...(e.level ? { level: e.level } : {}),
      ...(e.type ? { type: e.type } : {}),
      message: e.message ?? e.type ?? '',
    }));
  }

  private async scanErrors(jobId: string, signal?: AbortSignal): Promise<JobEvent[]> {
    const all = await this.listEvents(jobId, signal);
    const errs = all.filter(isErrorEvent);
    if (errs.length) this.lastError.set(jobId, errs[errs.length - 1]!.message);
    return all;
  }

  async newEvents(jobId: string, cursor: EventCursor, signal?: AbortSignal): Promise<JobEvent[]> {
    const all = await this.scanErrors(jobId, signal);
    const fresh = all.slice(cursor.count);
    cursor.count = Math.max(cursor.count, all.length);
    return fresh;
  }

  async cancel(jobId: string, signal?: AbortSignal): Promise<RemoteJob> {
    return this.toJob(await this.api.request('POST', `/fine-tunes/${encodeURIComponent(jobId)}/cancel`, JobSchema, 'fine-tune job', undefined, signal));
  }

  failureMessage(job: RemoteJob): string | undefined {
    return job.error ?? this.lastError.get(job.id);
  }

  outcome(status: string): JobOutcome | undefined {
    if (status === 'completed') return 'succeeded';
    if (status === 'error' || status === 'failed') return 'failed';
    if (status === 'cancelled') return 'cancelled';
    return undefined;
  }
}
