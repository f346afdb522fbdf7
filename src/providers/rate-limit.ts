/** A provider wrapper: a fair, abortable token-bucket rate limit that several providers may share. */
import { setTimeout as delay } from 'node:timers/promises';
import { ConfigError } from '../core/errors.ts';
import { ProviderError } from './errors.ts';
import type { GenerateOptions, Generation, GenerationRequest, Provider } from './types.ts';

export interface RateLimiterOptions {
  /** Sustained rate, and also the burst: a full bucket holds this many requests. */
  requestsPerMinute: number;
  /** Injected for tests: milliseconds on any monotonic scale (default performance.now). */
  now?: () => number;
  /** Injected for tests: resolves after ms, rejects when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RateLimiter {
  /** Resolves when the caller may send one request; waiters are served first come, first served. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** How many callers are waiting. */
  pending(): number;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

const defaultSleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
  await delay(ms, undefined, { signal });
};

function cancelled(): ProviderError {
  return new ProviderError('rate-limit wait cancelled', { kind: 'aborted' });
}

/**
 * A token bucket of `requestsPerMinute` tokens, refilled continuously and starting full. Amounts
 * are kept in 1/60000 of a token so that integer rates on an integer clock stay exact: a token
 * costs 60 000 units and each millisecond adds `requestsPerMinute` units.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const rpm = options.requestsPerMinute;
  if (!Number.isFinite(rpm) || rpm <= 0) {
    throw new ConfigError(`requestsPerMinute must be a positive number, got ${rpm}`);
  }
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  const COST = 60_000;
  const capacity = rpm * COST;
  let units = capacity;
  let last = now();
  const queue: Waiter[] = [];
  let pumping = false;
  let pumpWait: AbortController | undefined;

  function refill(): void {
    const t = now();
    // a clock that steps back must not drain the bucket
    units = Math.min(capacity, units + Math.max(0, t - last) * rpm);
    last = t;
  }

  function settle(w: Waiter): void {
    if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
  }

  async function pump(): Promise<void> {
    pumping = true;
    try {
      while (queue.length > 0) {
        refill();
        if (units >= COST) {
          units -= COST;
          const w = queue.shift() as Waiter;
          settle(w);
          w.resolve();
          continue;
        }
        const waitMs = Math.ceil((COST - units) / rpm);
        pumpWait = new AbortController();
        try {
          await sleep(waitMs, pumpWait.signal);
        } catch {
          // woken early because the queue emptied; the loop condition decides
        }
        pumpWait = undefined;
      }
    } finally {
      pumping = false;
    }
  }

  return {
    pending: () => queue.length,
    acquire(signal?: AbortSignal): Promise<void> {
      if (signal?.aborted) return Promise.reject(cancelled());
      refill();
      if (queue.length === 0 && units >= COST) {
        units -= COST;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const w: Waiter = { resolve, reject, signal };
        if (signal) {
          w.onAbort = () => {
            const i = queue.indexOf(w);
            if (i < 0) return;
            queue.splice(i, 1);
            // nobody left to serve: stop the pending sleep instead of holding a timer open
            if (queue.length === 0) pumpWait?.abort();
            reject(cancelled());
          };
          signal.addEventListener('abort', w.onAbort, { once: true });
        }
        queue.push(w);
        if (!pumping) void pump();
      });
    },
  };
}

/**
 * Wrap a provider so every call first takes a token from `limiter`. Share one limiter among the
 * providers that draw on one account's quota (e.g. all models of one provider prefix). Put it
 * outside withRetry: inside, the wait in the queue would count against each attempt's timeout.
 */
export function withRateLimit(provider: Provider, limiter: RateLimiter): Provider {
  return {
    id: provider.id,
    async generate(request: GenerationRequest, opts: GenerateOptions = {}): Promise<Generation> {
      try {
        await limiter.acquire(opts.signal);
      } catch (err) {
        if (err instanceof ProviderError && err.kind === 'aborted') {
          throw new ProviderError(`${provider.id}: request cancelled while waiting for the rate limit`, {
            kind: 'aborted',
            providerId: provider.id,
          });
        }
        throw err;
      }
      return provider.generate(request, opts);
    },
  };
}
