/** Typed provider failures: the retry wrapper and the run store decide by `kind` and `retryable`. */
import { SecfixError } from '../core/errors.ts';

export type ProviderErrorKind =
  | 'auth'
  | 'rate-limit'
  | 'server'
  | 'timeout'
  | 'network'
  | 'bad-request'
  | 'bad-response'
  | 'aborted'
  | 'replay-miss'
  | 'budget';

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  providerId?: string;
  retryable?: boolean;
  status?: number;
  retryAfterMs?: number;
  hint?: string;
  cause?: unknown;
}

const RETRYABLE_BY_DEFAULT: Record<ProviderErrorKind, boolean> = {
  auth: false,
  'rate-limit': true,
  server: true,
  timeout: true,
  network: true,
  'bad-request': false,
  'bad-response': false,
  aborted: false,
  'replay-miss': false,
  // spending more cannot succeed by waiting: the run stops and may resume with a larger budget
  budget: false,
};

/** A model call that failed; messages never contain API keys. */
export class ProviderError extends SecfixError {
  readonly kind: ProviderErrorKind;
  readonly providerId?: string;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  constructor(message: string, init: ProviderErrorInit) {
    super(message, init.hint);
    this.kind = init.kind;
    this.providerId = init.providerId;
    this.retryable = init.retryable ?? RETRYABLE_BY_DEFAULT[init.kind];
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }
}

/** Replace every occurrence of each secret with `***` (keys must never reach a message). */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return out;
}
