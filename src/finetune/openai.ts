/**
 * OpenAI fine-tuning: upload (`POST /files`, purpose fine-tune), create (`POST /fine_tuning/jobs`),
 * status (`GET /fine_tuning/jobs/{id}`), events (`GET /fine_tuning/jobs/{id}/events`, newest
 * first, paged with `after`), cancel (`POST /fine_tuning/jobs/{id}/cancel`).
 */
import { z } from 'zod';
import { JsonApi, type ApiOptions } from './http.ts';
import type { CreateJobParams, EventCursor, JobEvent, JobOutcome, RemoteBackend, RemoteJob } from './job.ts';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Events asked for per page. */
export const OPENAI_EVENTS_PAGE = 100;

const FileSchema = z.object({ id: z.string().min(1) });

const JobSchema = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  model: z.string().nullish(),
  fine_tuned_model: z.string().nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish(), param: z.string().nullish() }).nullish(),
});

const EventSchema = z.object({
  id: z.string().min(1),
  created_at: z.number().optional(),
  level: z.string().optional(),
  type: z.string().optional(),
  message: z.string(),
});

const EventPageSchema = z.object({ data: z.array(EventSchema), has_more: z.boolean().optional() });

function toJob(j: z.infer<typeof JobSchema>): RemoteJob {
  const job: RemoteJob = { id: j.id, status: j.status };
  if (j.model) job.baseModel = j.model;
  if (j.fine_tuned_model) job.fineTunedModel = j.fine_tuned_model;
  if (j.error && (j.error.message || j.error.code)) {
    job.error = [j.error.code, j.error.message].filter((x) => x).join(': ');
  }
  return job;
}

/** The JSON body of a create request: only the hyperparameters that were given. */
export function openAiCreateBody(p: CreateJobParams): Record<string, unknown> {
  const hp: Record<string, number> = {};
  if (p.hyperparameters.epochs !== undefined) hp.n_epochs = p.hyperparameters.epochs;
  if (p.hyperparameters.learningRateMultiplier !== undefined) hp.learning_rate_multiplier = p.hyperparameters.learningRateMultiplier;
  if (p.hyperparameters.batchSize !== undefined) hp.batch_size = p.hyperparameters.batchSize;
  return {
    model: p.model,
    training_file: p.trainingFileId,
    ...(p.validationFileId ? { validation_file: p.validationFileId } : {}),
    ...(Object.keys(hp).length ? { hyperparameters: hp } : {}),
    ...(p.suffix !== undefined ? { suffix: p.suffix } : {}),
    ...(p.seed !== undefined ? { seed: p.seed } : {}),
  };
}

export class OpenAiFineTuning implements RemoteBackend {
  readonly name = 'openai' as const;
  private readonly api: JsonApi;

  constructor(o: ApiOptions) {
    this.api = new JsonApi('openai', o);
  }

  async upload(filename: string, content: Buffer, signal?: AbortSignal): Promise<string> {
    const form = new FormData();
    form.append('purpose', 'fine-tune');
    form.append('file', new Blob([new Uint8Array(content)], { type: 'application/jsonl' }), filename);
    return (await this.api.request('POST', '/files', FileSchema, 'file object', form, signal)).id;
  }

  async create(p: CreateJobParams, signal?: AbortSignal): Promise<RemoteJob> {
    return toJob(await this.api.request('POST', '/fine_tuning/jobs', JobSchema, 'fine-tuning job', openAiCreateBody(p), signal));
  }

  async get(jobId: string, signal?: AbortSignal): Promise<RemoteJob> {
    return toJob(await this.api.request('GET', `/fine_tuning/jobs/${encodeURIComponent(jobId)}`, JobSchema, 'fine-tuning job', undefined, signal));
  }

  async cancel(jobId: string, signal?: AbortSignal): Promise<RemoteJob> {
    return toJob(await this.api.request('POST', `/fine_tuning/jobs/${encodeURIComponent(jobId)}/cancel`, JobSchema, 'fine-tuning job', undefined, signal));
  }

  /**
   * The API lists events newest first; `after` pages towards older ones. Pages are read until one
   * reaches an event already seen (or the list ends), then the new ones are returned oldest first.
   */
  async newEvents(jobId: string, cursor: EventCursor, signal?: AbortSignal): Promise<JobEvent[]> {
    const fresh: JobEvent[] = [];
    let after: string | undefined;
    for (;;) {
      const q = new URLSearchParams({ limit: String(OPENAI_EVENTS_PAGE) });
      if (after) q.set('after', after);
      const page = await this.api.request(
        'GET',
        `/fine_tuning/jobs/${encodeURIComponent(jobId)}/events?${q.toString()}`,
        EventPageSchema,
        'event list',
        undefined,
        signal,
      );
      let reachedSeen = false;
      for (const e of page.data) {
        if (cursor.seenIds.has(e.id)) {
          reachedSeen = true;
          break;
        }
        fresh.push({ id: e.id, createdAt: e.created_at, level: e.level, type: e.type, message: e.message });
      }
      if (reachedSeen || !page.has_more || page.data.length === 0) break;
      after = page.data[page.data.length - 1]!.id;
    }
    fresh.reverse();
    for (const e of fresh) cursor.seenIds.add(e.id!);
    cursor.count += fresh.length;
    return fresh;
  }

  failureMessage(job: RemoteJob): string | undefined {
    return job.error;
  }

  outcome(status: string): JobOutcome | undefined {
    if (status === 'succeeded') return 'succeeded';
    if (status === 'failed') return 'failed';
    if (status === 'cancelled') return 'cancelled';
    return undefined;
  }
}
