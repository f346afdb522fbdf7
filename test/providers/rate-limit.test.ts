/** The token-bucket rate limiter on a fake clock: exact waits, FIFO order, cancellation, sharing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/core/errors.ts';
import { ProviderError } from '../../src/providers/errors.ts';
import { createRateLimiter, withRateLimit } from '../../src/providers/rate-limit.ts';
import type { Generation, Provider } from '../../src/providers/types.ts';

/** Time moves only when the test advances it; sleepers wake when their time has come. */
class FakeClock {
  t = 0;
  sleeps: number[] = [];
  private sleepers: { until: number; resolve: () => void }[] = [];
  now = (): number => this.t;
  sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      const s = { until: this.t + ms, resolve };
      this.sleepers.push(s);
      signal?.addEventListener('abort', () => {
        this.sleepers = this.sleepers.filter((x) => x !== s);
        reject(signal.reason);
      }, { once: true });
    });
  };
  pendingSleeps(): number {
    return this.sleepers.length;
  }
  /** Move time forward by ms, waking due sleepers in order and letting their effects run. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      this.sleepers.sort((a, b) => a.until - b.until);
      const next = this.sleepers[0];
      if (!next || next.until > end) break;
      this.sleepers.shift();
      this.t = next.until;
      next.resolve();
      await flush();
    }
    this.t = end;
    await flush();
  }
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** Track when each acquire resolves, in fake time. */
function track(clock: FakeClock, p: Promise<void>, log: string[], name: string): Promise<void> {
  return p.then(() => {
    log.push(`${name}@${clock.t}`);
  });
}

test('60 rpm: 60 requests pass at once, the 61st waits exactly 1000 ms of fake time', async () => {
  const clock = new FakeClock();
  const limiter = createRateLimiter({ requestsPerMinute: 60, now: clock.now, sleep: clock.sleep });
  for (let i = 0; i < 60; i++) await limiter.acquire();
  assert.deepEqual(clock.sleeps, []);
  const log: string[] = [];
  const p = track(clock, limiter.acquire(), log, 'r61');
  await flush();
  assert.deepEqual(clock.sleeps, [1000]);
  assert.equal(limiter.pending(), 1);
  await clock.advance(999);
  assert.deepEqual(log, []);
  await clock.advance(1);
  await p;
  assert.deepEqual(log, ['r61@1000']);
  assert.equal(limiter.pending(), 0);
});

test('the bucket refills continuously and never beyond its capacity', async () => {
  const clock = new FakeClock();
  const limiter = createRateLimiter({ requestsPerMinute: 2, now: clock.now, sleep: clock.sleep });
  await limiter.acquire();
  await limiter.acquire();
  // half a token after 15 s, a full one after 30 s
  clock.t = 15_000;
  const log: string[] = [];
  const p = track(clock, limiter.acquire(), log, 'a');
  await flush();
  assert.deepEqual(clock.sleeps, [15_000]);
  await clock.advance(15_000);
  await p;
  assert.deepEqual(log, ['a@30000']);
  // a long idle spell fills the bucket to 2, not more
  clock.t = 1_000_000;
  await limiter.acquire();
  await limiter.acquire();
  const q = track(clock, limiter.acquire(), log, 'b');
  await flush();
  assert.deepEqual(clock.sleeps, [15_000, 30_000]);
  await clock.advance(30_000);
  await q;
  assert.deepEqual(log, ['a@30000', 'b@1030000']);
});

test('waiters are served first come, first served, one token interval apart', async () => {
  const clock = new FakeClock();
  const limiter = createRateLimiter({ requestsPerMinute: 6, now: clock.now, sleep: clock.sleep });
  for (let i = 0; i < 6; i++) await limiter.acquire();
  const log: string[] = [];
  const all = ['w1', 'w2', 'w3'].map((name) => track(clock, limiter.acquire(), log, name));
  await flush();
  assert.equal(limiter.pending(), 3);
  await clock.advance(30_000);
  await Promise.all(all);
  assert.deepEqual(log, ['w1@10000', 'w2@20000', 'w3@30000']);
  assert.deepEqual(clock.sleeps, [10_000, 10_000, 10_000]);
});

test('a newcomer does not jump the queue even when a token has just become available', async () => {
  const clock = new FakeClock();
  const limiter = createRateLimiter({ requestsPerMinute: 1, now: clock.now, sleep: clock.sleep });
  await limiter.acquire();
  const log: string[] = [];
  const first = track(clock, limiter.acquire(), log, 'queued');
  await flush();
  clock.t = 60_000; // a token is due, but the queued waiter has not been woken yet
  const second = track(clock, limiter.acquire(), log, 'newcomer');
  await clock.advance(0);
  await clock.advance(60_000);
  await Promise.all([first, second]);
  assert.deepEqual(log, ['queued@60000', 'newcomer@120000']);
});

test('an aborted wait rejects with kind aborted and gives its turn to the next waiter', async () => {
  const clock = new FakeClock();
  const limiter = createRateLimiter({ requestsPerMinute: 60, now: clock.now, sleep: clock.sleep });
  for (let i = 0; i < 60; i++) await limiter.acquire();
  const ac = new AbortController();
  const log: string[] = [];
  const aborted = limiter.acquire(ac.signal);
  const next = track(clock, limiter.acquire(), log, 'next');
  await flush();
  await clock.advance(400);
  ac.abort();
  await assert.rejects(aborted, (e: unknown) => e instanceof ProviderError && e.kind === 'aborted' && !e.retryable);
  assert.equal(limiter.pending(), 1);
  await clock.advance(600);
  await next;
  assert.deepEqual(log, ['next@1000']);
  // already aborted: rejected at once, no token taken
  await assert.rejects(limiter.acquire(AbortSignal.abort()), (e: unknown) => e instanceof ProviderError && e.kind === 'aborted');
});

test('when every waiter aborts, the pending sleep is cancelled too', async () => {
  const clock = new FakeClock();
  const limiter = createRateLimiter({ requestsPerMinute: 1, now: clock.now, sleep: clock.sleep });
  await limiter.acquire();
  const ac = new AbortController();
  const p = limiter.acquire(ac.signal);
  await flush();
  assert.equal(clock.pendingSleeps(), 1);
  ac.abort();
  await assert.rejects(p);
  await flush();
  assert.equal(clock.pendingSleeps(), 0);
  assert.equal(limiter.pending(), 0);
});

test('withRateLimit: providers sharing one limiter share its budget; cancellation names the provider', async () => {
  const clock = new FakeClock();
  const limiter = createRateLimiter({ requestsPerMinute: 2, now: clock.now, sleep: clock.sleep });
  const calls: string[] = [];
  const fake = (id: string): Provider => ({
    id,
    async generate(): Promise<Generation> {
      calls.push(`${id}@${clock.t}`);
      return { text: id, finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, latencyMs: 1, cached: false, raw: {} };
    },
  });
  const a = withRateLimit(fake('openai:a'), limiter);
  const b = withRateLimit(fake('openai:b'), limiter);
  const msg = { messages: [{ role: 'user' as const, content: 'x' }] };
  await a.generate(msg);
  await b.generate(msg);
  const third = a.generate(msg);
  await flush();
  assert.deepEqual(calls, ['openai:a@0', 'openai:b@0']);
  await clock.advance(30_000);
  assert.equal((await third).text, 'openai:a');
  assert.deepEqual(calls, ['openai:a@0', 'openai:b@0', 'openai:a@30000']);
  const ac = new AbortController();
  const waiting = b.generate(msg, { signal: ac.signal });
  await flush();
  ac.abort();
  await assert.rejects(waiting, (e: unknown) => e instanceof ProviderError && e.kind === 'aborted' && e.providerId === 'openai:b');
  assert.equal(calls.length, 3);
});

test('a non-positive rate is a configuration error', () => {
  assert.throws(() => createRateLimiter({ requestsPerMinute: 0 }), ConfigError);
  assert.throws(() => createRateLimiter({ requestsPerMinute: Number.NaN }), ConfigError);
});
