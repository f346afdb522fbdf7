/** Cost arithmetic, the budget cap, and the bound on overshoot under concurrency. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/core/errors.ts';
import { Budget, costOf, formatUsd, withBudget } from '../../src/providers/budget.ts';
import { ProviderError } from '../../src/providers/errors.ts';
import type { Generation, GenerationRequest, Provider, Usage } from '../../src/providers/types.ts';

const msg: GenerationRequest = { messages: [{ role: 'user', content: 'x' }] };

/** A provider answering with fixed usage; `cached` marks its answers as if from a cache. */
function fake(usage: Usage, options: { cached?: boolean; fail?: boolean; ticks?: number } = {}) {
  const state = { calls: 0 };
  const provider: Provider = {
    id: 'openai:gpt-4.1',
    async generate(): Promise<Generation> {
      state.calls++;
      for (let i = 0; i < (options.ticks ?? 0); i++) await Promise.resolve();
      if (options.fail) throw new ProviderError('down', { kind: 'server', status: 503 });
      return { text: 'ok', finishReason: 'stop', usage, latencyMs: 5, cached: options.cached ?? false, raw: {} };
    },
  };
  return { provider, state };
}

test('costOf: hand-computed values', () => {
  // 1234 × $2.50 + 567 × $10 = $3085 + $5670 = $8755 per 1M tokens → $0.008755
  assert.equal(costOf({ inputTokens: 1234, outputTokens: 567 }, { input: 2.5, output: 10 }), 0.008755);
  // 1M input at $3 and 0.5M output at $15 → $3 + $7.50
  assert.equal(costOf({ inputTokens: 1_000_000, outputTokens: 500_000 }, { input: 3, output: 15 }), 10.5);
  assert.equal(costOf({ inputTokens: 0, outputTokens: 0 }, { input: 2.5, output: 10 }), 0);
  assert.equal(costOf({ inputTokens: 1234, outputTokens: 567 }), undefined);
});

test('formatUsd keeps two to four decimals', () => {
  assert.equal(formatUsd(5), '$5.00');
  assert.equal(formatUsd(0.1), '$0.10');
  assert.equal(formatUsd(0.012), '$0.012');
  assert.equal(formatUsd(0.008755), '$0.0088');
});

test('spent() sums tokens, priced and unpriced calls, and cached answers at no cost', () => {
  const b = new Budget();
  b.charge({ inputTokens: 1234, outputTokens: 567 }, { input: 2.5, output: 10 });
  b.charge({ inputTokens: 1000, outputTokens: 200 }, { input: 0.15, output: 0.6 });
  b.charge({ inputTokens: 50, outputTokens: 50 });
  b.chargeCached();
  // 8755 + (150 + 120) = 9025 → $0.009025
  assert.deepEqual(b.spent(), { inputTokens: 2284, outputTokens: 817, costUsd: 0.009025, calls: 3, pricedCalls: 2, cachedCalls: 1 });
  assert.equal(b.exhausted(), undefined);
});

test('exhausted() names the cap reached with the exact amount used', () => {
  const t = new Budget({ maxTokens: 100_000 });
  t.charge({ inputTokens: 99_000, outputTokens: 999 });
  assert.equal(t.exhausted(), undefined);
  t.charge({ inputTokens: 200, outputTokens: 14 });
  assert.equal(t.exhausted(), 'budget of 100000 tokens reached (100213 used)');

  const c = new Budget({ maxCostUsd: 0.01 });
  c.charge({ inputTokens: 1234, outputTokens: 567 }, { input: 2.5, output: 10 });
  assert.equal(c.exhausted(), undefined);
  c.charge({ inputTokens: 1234, outputTokens: 567 }, { input: 2.5, output: 10 });
  assert.equal(c.exhausted(), 'budget of $0.01 reached ($0.0175 used)');

  const both = new Budget({ maxTokens: 10, maxCostUsd: 0 });
  both.charge({ inputTokens: 6, outputTokens: 4 }, { input: 1, output: 1 });
  assert.equal(both.exhausted(), 'budget of 10 tokens reached (10 used); budget of $0.00 reached ($0.00 used)');
});

test('withBudget stops before the call once the cap is reached, with a non-retryable budget error', async () => {
  const { provider, state } = fake({ inputTokens: 20, outputTokens: 10 });
  const budget = new Budget({ maxTokens: 100 });
  const p = withBudget(provider, budget, { input: 2.5, output: 10 });
  assert.equal(p.id, 'openai:gpt-4.1');
  // 0, 30, 60, 90 tokens spent before calls 1–4: each may start; the 4th overshoots to 120
  for (let i = 0; i < 4; i++) await p.generate(msg);
  await assert.rejects(p.generate(msg), (e: unknown) => {
    assert.ok(e instanceof ProviderError);
    assert.equal(e.kind, 'budget');
    assert.equal(e.retryable, false);
    assert.equal(e.providerId, 'openai:gpt-4.1');
    assert.equal(e.message, 'openai:gpt-4.1: budget of 100 tokens reached (120 used)');
    return true;
  });
  assert.equal(state.calls, 4);
  // 4 × (20 × 2.5 + 10 × 10) = 600 per 1M → $0.0006
  assert.deepEqual(budget.spent(), { inputTokens: 80, outputTokens: 40, costUsd: 0.0006, calls: 4, pricedCalls: 4, cachedCalls: 0 });
  assert.equal(budget.inFlight(), 0);
});

test('cached answers cost nothing and failed calls are not charged', async () => {
  const budget = new Budget({ maxTokens: 10 });
  const cached = withBudget(fake({ inputTokens: 500, outputTokens: 500 }, { cached: true }).provider, budget);
  for (let i = 0; i < 3; i++) await cached.generate(msg);
  const failing = withBudget(fake({ inputTokens: 500, outputTokens: 500 }, { fail: true }).provider, budget);
  await assert.rejects(failing.generate(msg), (e: unknown) => e instanceof ProviderError && e.kind === 'server');
  assert.deepEqual(budget.spent(), { inputTokens: 0, outputTokens: 0, costUsd: 0, calls: 0, pricedCalls: 0, cachedCalls: 3 });
  assert.equal(budget.exhausted(), undefined);
  assert.equal(budget.inFlight(), 0);
});

test('concurrent calls overshoot the cap by at most the calls in flight', async () => {
  const perCall = 30;
  const cap = 100;
  const workers = 3;
  const { provider, state } = fake({ inputTokens: 20, outputTokens: 10 }, { ticks: 5 });
  const budget = new Budget({ maxTokens: cap });
  const p = withBudget(provider, budget);
  let maxInFlight = 0;
  let stopped = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const call = p.generate(msg);
      maxInFlight = Math.max(maxInFlight, budget.inFlight());
      try {
        await call;
      } catch (e) {
        assert.ok(e instanceof ProviderError && e.kind === 'budget');
        stopped++;
        return;
      }
    }
  }
  await Promise.all(Array.from({ length: workers }, worker));
  // round 1 starts at 0 used, round 2 at 90 (< 100): six calls, 180 tokens; round 3 is refused
  assert.equal(state.calls, 6);
  assert.equal(stopped, 3);
  assert.equal(maxInFlight, 3);
  const used = budget.spent().inputTokens + budget.spent().outputTokens;
  assert.equal(used, 180);
  assert.ok(used - cap <= maxInFlight * perCall, `overshoot ${used - cap} exceeds ${maxInFlight} calls in flight`);
  assert.equal(budget.exhausted(), 'budget of 100 tokens reached (180 used)');
});

test('tickets settle once; reserve refuses when exhausted', () => {
  const b = new Budget({ maxTokens: 5 });
  const t = b.reserve('x:y');
  assert.equal(b.inFlight(), 1);
  t.charge({ inputTokens: 3, outputTokens: 2 });
  t.charge({ inputTokens: 3, outputTokens: 2 });
  t.release();
  assert.equal(b.inFlight(), 0);
  assert.deepEqual(b.spent(), { inputTokens: 3, outputTokens: 2, costUsd: 0, calls: 1, pricedCalls: 0, cachedCalls: 0 });
  assert.throws(() => b.reserve(), (e: unknown) => e instanceof ProviderError && e.kind === 'budget' && e.message === 'budget of 5 tokens reached (5 used)');
});

test('configuration errors: negative caps, a cost cap without a price, a bad price', () => {
  assert.throws(() => new Budget({ maxTokens: -1 }), (e: unknown) => e instanceof ConfigError && /maxTokens/.test(e.message));
  assert.throws(() => new Budget({ maxCostUsd: -0.5 }), ConfigError);
  const { provider } = fake({ inputTokens: 1, outputTokens: 1 });
  assert.throws(() => withBudget(provider, new Budget({ maxCostUsd: 1 })), (e: unknown) => e instanceof ConfigError && e.message === 'openai:gpt-4.1: a cost budget is set but this model has no price');
  assert.throws(() => withBudget(provider, new Budget(), { input: -1, output: 1 }), ConfigError);
});
