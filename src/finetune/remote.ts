/** A hosted fine-tune from start to end: upload the files, create the job, follow it to its model. */
import path from 'node:path';
import { followJob, type CreateJobParams, type FollowOptions, type Hyperparameters, type RemoteBackend, type RemoteJob } from './job.ts';

export interface RemoteRunOptions {
  backend: RemoteBackend;
  /** The base model as the API names it. */
  model: string;
  training: { file: string; bytes: Buffer };
  validation?: { file: string; bytes: Buffer };
  hyperparameters: Hyperparameters;
  suffix?: string;
  seed?: number;
  follow?: FollowOptions;
  /** Progress lines (uploads, job created). */
  onProgress?: (line: string) => void;
}

export interface RemoteRunResult {
  job: RemoteJob;
  trainingFileId: string;
  validationFileId?: string;
}

/** Upload, create, follow; a failed or cancelled job throws FinetuneError. */
export async function runRemoteFinetune(o: RemoteRunOptions): Promise<RemoteRunResult> {
  const signal = o.follow?.signal;
  const trainingFileId = await o.backend.upload(path.basename(o.training.file), o.training.bytes, signal);
  o.onProgress?.(`uploaded ${path.basename(o.training.file)} as ${trainingFileId}`);
  let validationFileId: string | undefined;
  if (o.validation) {
    validationFileId = await o.backend.upload(path.basename(o.validation.file), o.validation.bytes, signal);
    o.onProgress?.(`uploaded ${path.basename(o.validation.file)} as ${validationFileId}`);
  }
  const params: CreateJobParams = {
    model: o.model,
    trainingFileId,
    ...(validationFileId ? { validationFileId } : {}),
    hyperparameters: o.hyperparameters,
    ...(o.suffix !== undefined ? { suffix: o.suffix } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
  };
  const created = await o.backend.create(params, signal);
  o.onProgress?.(`created ${o.backend.name} fine-tuning job ${created.id} (${created.status}); follow it later with --resume ${created.id}`);
  const job = await followJob(o.backend, created.id, o.follow);
  return { job, trainingFileId, ...(validationFileId ? { validationFileId } : {}) };
}
