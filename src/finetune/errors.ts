/** Typed errors of fine-tuning: a job that ended without a model, or a local training run that failed. */
import { SecfixError } from '../core/errors.ts';

/** A fine-tuning job that failed or was cancelled, or a training script that exited non-zero. */
export class FinetuneError extends SecfixError {
  /** The remote job id, when there is one. */
  readonly jobId?: string;
  /** The job's final status (`failed`, `cancelled`, `error`…) or `exit N` for a script. */
  readonly status?: string;
  constructor(message: string, init: { jobId?: string; status?: string; hint?: string } = {}) {
    super(message, init.hint);
    this.jobId = init.jobId;
    this.status = init.status;
  }
}
