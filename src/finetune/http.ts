/** The JSON-over-HTTP calls of the fine-tuning clients, on the batch module's `call` (errors typed, key redacted). */
import { ProviderError } from '../providers/errors.ts';
import { call, jsonBody } from '../providers/batch/shared.ts';
import type { z } from 'zod';

export interface ApiOptions {
  /** The API root including `/v1`. */
  baseUrl: string;
  apiKey?: string;
  fetch?: typeof fetch;
}

/** A small client: one base URL, bearer auth, JSON responses parsed through a schema. */
export class JsonApi {
  constructor(
    readonly providerId: string,
    private readonly o: ApiOptions,
  ) {}

  async request<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    what: string,
    body?: Record<string, unknown> | FormData,
    signal?: AbortSignal,
  ): Promise<T> {
    const isJson = body !== undefined && !(body instanceof FormData);
    const text = await call({
      providerId: this.providerId,
      url: `${this.o.baseUrl.replace(/\/+$/, '')}${path}`,
      method,
      headers: {
        ...(this.o.apiKey ? { authorization: `Bearer ${this.o.apiKey}` } : {}),
        ...(isJson ? { 'content-type': 'application/json' } : {}),
      },
      body: isJson ? JSON.stringify(body) : (body as FormData | undefined),
      secrets: [this.o.apiKey],
      signal,
      fetch: this.o.fetch,
    });
    const parsed = schema.safeParse(jsonBody(this.providerId, text, what));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ProviderError(`${this.providerId}: malformed response: ${what}: ${issue.path.join('.') || 'body'}: ${issue.message}`, {
        kind: 'bad-response',
        providerId: this.providerId,
      });
    }
    return parsed.data;
  }
}
