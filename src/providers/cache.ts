/** A provider wrapper: a content-addressed response cache on disk, with in-flight coalescing. */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ProviderError } from './errors.ts';
import { canonicalRequest, requestKey } from './request-key.ts';
import { GenerationSchema, type GenerateOptions, type Generation, type GenerationRequest, type Provider } from './types.ts';

/** Bumped whenever the entry layout changes; entries of other versions read as misses. */
export const CACHE_FORMAT_VERSION = 1;

const KEY_RE = /^[0-9a-f]{64}$/;

/** The generation as stored: everything but `cached`, which only the reader can know. */
export const CachedGenerationSchema = GenerationSchema.omit({ cached: true });

/** One cache file. `request` is the canonical request text, which holds no secrets by construction. */
export const CacheEntrySchema = z.object({
  version: z.literal(CACHE_FORMAT_VERSION),
  key: z.string().regex(KEY_RE),
  providerId: z.string(),
  request: z.string(),
  createdAt: z.string(),
  generation: CachedGenerationSchema,
});
export type CacheEntry = z.infer<typeof CacheEntrySchema>;

/** What `put` records beside the generation. */
export interface CacheEntryMeta {
  providerId: string;
  /** The canonical request text (canonicalRequest(request, providerId)). */
  request: string;
}

export interface CacheStats {
  /** `get` calls that found a valid entry. */
  hits: number;
  /** `get` calls that found nothing usable (missing, corrupt, other version). */
  misses: number;
  /** Entries written. */
  writes: number;
  /** Writes that failed; the generation was still returned to the caller. */
  writeErrors: number;
  /** Requests answered by joining an identical request already in flight. */
  coalesced: number;
}

/** A directory of JSON entries, one per request key, sharded by the key's first two hex digits. */
export class ResponseCache {
  readonly dir: string;
  private readonly counts: CacheStats = { hits: 0, misses: 0, writes: 0, writeErrors: 0, coalesced: 0 };
  private readonly now: () => Date;

  constructor(dir: string, options: { now?: () => Date } = {}) {
    this.dir = path.resolve(dir);
    this.now = options.now ?? (() => new Date());
  }

  /** Where the entry for `key` lives (the key is checked, so it cannot name another path). */
  pathFor(key: string): string {
    if (!KEY_RE.test(key)) throw new TypeError(`not a request key: ${JSON.stringify(key)}`);
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The stored generation marked cached, or undefined for a missing, corrupt or other-version entry. */
  async get(key: string): Promise<Generation | undefined> {
    const entry = KEY_RE.test(key) ? await this.readEntry(key) : undefined;
    if (!entry) {
      this.counts.misses++;
      return undefined;
    }
    this.counts.hits++;
    return { ...entry.generation, cached: true };
  }

  /** The whole entry for `key`, or undefined; never throws for unreadable entries. */
  async readEntry(key: string): Promise<CacheEntry | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathFor(key), 'utf8');
    } catch {
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return undefined;
    }
    const parsed = CacheEntrySchema.safeParse(json);
    // an entry filed under the wrong name (copied or hand-edited) must not answer for another request
    if (!parsed.success || parsed.data.key !== key) return undefined;
    return parsed.data;
  }

  /** Store a generation under `key`: written to a temporary file beside it, then renamed into place. */
  async put(key: string, generation: Generation, meta: CacheEntryMeta): Promise<void> {
    const file = this.pathFor(key);
    const { cached: _cached, ...stored } = generation;
    const entry: CacheEntry = {
      version: CACHE_FORMAT_VERSION,
      key,
      providerId: meta.providerId,
      request: meta.request,
      createdAt: this.now().toISOString(),
      generation: CachedGenerationSchema.parse(stored),
    };
    await mkdir(path.dirname(file), { recursive: true });
    // rename within one directory is atomic, so a reader sees the old entry, the new one, or none
    const tmp = path.join(path.dirname(file), `.${key}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, `${JSON.stringify(entry)}\n`, 'utf8');
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    }
    this.counts.writes++;
  }

  /** Counters since this object was created. */
  stats(): CacheStats {
    return { ...this.counts };
  }

  /** @internal withCache counts the requests it coalesced here, so one stats() tells all. */
  noteCoalesced(): void {
    this.counts.coalesced++;
  }

  /** @internal */
  noteWriteError(): void {
    this.counts.writeErrors++;
  }
}

/**
 * Whether a fresh generation may be stored. An empty answer that stopped for no known reason is
 * more likely a transient fault of the server than the model's answer, and caching it would replay
 * the fault on every later run; so it is not cached. Truncated (`length`) and filtered
 * (`content_filter`) answers are real outcomes of the request and are cached.
 */
export function isCacheable(generation: Generation): boolean {
  return !(generation.finishReason === 'other' && generation.text.trim() === '');
}

export interface WithCacheOptions {
  /** Called when storing an entry fails; the generation is returned regardless. */
  onWriteError?: (error: unknown) => void;
}

interface Flight {
  promise: Promise<Generation>;
  controller: AbortController;
  waiters: number;
  /** Whether a caller has already been handed the fresh (uncached) generation. */
  claimed: boolean;
}

function cancelled(providerId: string): ProviderError {
  return new ProviderError(`${providerId}: request cancelled`, { kind: 'aborted', providerId });
}

/** Resolve with `promise`, or reject as cancelled as soon as `signal` aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, providerId: string, onAbort: () => void): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(cancelled(providerId));
    };
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(e);
      },
    );
  });
}

/**
 * Wrap a provider with a response cache. A hit returns the stored generation with `cached: true`
 * and the latency of the original call; a miss calls the provider and stores the answer. Errors
 * are never stored (they propagate), nor are answers `isCacheable` rejects. Identical requests in
 * flight at the same time share one provider call: exactly one caller (the first still waiting
 * when it ends) gets the generation as the provider returned it, the others get it with
 * `cached: true`, because no call was made for them (so a budget outside the cache charges the
 * call once). The shared call is aborted only when
 * every caller waiting on it has aborted.
 */
export function withCache(provider: Provider, cache: ResponseCache, options: WithCacheOptions = {}): Provider {
  // one map per wrapper; identical requests through two wrappers of the same cache still share entries on disk
  const inflight = new Map<string, Flight>();

  function start(key: string, request: GenerationRequest): Flight {
    const controller = new AbortController();
    const flight: Flight = {
      controller,
      waiters: 0,
      claimed: false,
      promise: (async () => {
        const hit = await cache.get(key);
        if (hit) return hit;
        const generation = await provider.generate(request, { signal: controller.signal });
        if (isCacheable(generation)) {
          try {
            await cache.put(key, generation, { providerId: provider.id, request: canonicalRequest(request, provider.id) });
          } catch (err) {
            cache.noteWriteError();
            options.onWriteError?.(err);
          }
        }
        return generation;
      })(),
    };
    // every waiter may have gone; the settled promise must not surface as an unhandled rejection
    flight.promise.catch(() => undefined);
    void flight.promise.finally(() => {
      if (inflight.get(key) === flight) inflight.delete(key);
    }).catch(() => undefined);
    inflight.set(key, flight);
    return flight;
  }

  return {
    id: provider.id,
    async generate(request: GenerationRequest, opts: GenerateOptions = {}): Promise<Generation> {
      const signal = opts.signal;
      if (signal?.aborted) throw cancelled(provider.id);
      const key = requestKey(request, provider.id);
      let flight = inflight.get(key);
      const joined = flight !== undefined && !flight.controller.signal.aborted;
      if (!flight || !joined) flight = start(key, request);
      else cache.noteCoalesced();
      const f = flight;
      f.waiters++;
      const generation = await raceAbort(f.promise, signal, provider.id, () => {
        if (--f.waiters === 0) f.controller.abort(cancelled(provider.id));
      });
      if (generation.cached || f.claimed) return { ...generation, cached: true };
      f.claimed = true;
      return generation;
    },
  };
}
