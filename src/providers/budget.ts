/** A provider wrapper: token and cost accounting with a spending cap. */
import { z } from 'zod';
import { ConfigError } from '../core/errors.ts';
import { ProviderError } from './errors.ts';
import type { GenerateOptions, Generation, GenerationRequest, Provider, Usage } from './types.ts';

/** USD per 1 000 000 tokens. */
export const PriceSchema = z.object({ input: z.number().min(0), output: z.number().min(0) }).strict();
export type Price = z.infer<typeof PriceSchema>;

export const BudgetLimitsSchema = z
  .object({
    maxCostUsd: z.number().min(0).optional(),
    /** Input plus output tokens. */
    maxTokens: z.number().int().min(0).optional(),
  })
  .strict();
export type BudgetLimits = z.infer<typeof BudgetLimitsSchema>;

/** Cost of one call in USD, or undefined when the model has no price. */
export function costOf(usage: Usage, price?: Price): number | undefined {
  if (!price) return undefined;
  // one division at the end keeps hand-computable values exact (1234 × 2.5 + 567 × 10 = 8755 → 0.008755)
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
}

export interface Spent {
  inputTokens: number;
  outputTokens: number;
  /** Sum over priced calls only; see pricedCalls. */
  costUsd: number;
  /** Model calls charged (cached answers not included). */
  calls: number;
  /** Of those, the calls that had a price. */
  pricedCalls: number;
  /** Answers served from a cache, at no cost. */
  cachedCalls: number;
}

/** A reserved call; settle it once with charge, cached or release (later settlements are ignored). */
export interface BudgetTicket {
  charge(usage: Usage, price?: Price): void;
  cached(): void;
  release(): void;
}

/** Format USD with two to four decimals: `$5.00`, `$0.0088`. */
export function formatUsd(usd: number): string {
  const s = usd.toFixed(4).replace(/0{1,2}$/, '');
  return `$${s}`;
}

/**
 * Spending of a run against optional caps. The cap is checked when a call is reserved, before it
 * starts, and spending is only known when it ends; so calls running concurrently may overshoot a
 * cap, by at most the usage of the calls in flight when it was reached.
 */
export class Budget {
  readonly limits: BudgetLimits;
  private inputTokens = 0;
  private outputTokens = 0;
  // kept in USD × 1e6 and divided once on read, so sums of hand-computable costs stay exact
  private microUsd = 0;
  private calls = 0;
  private pricedCalls = 0;
  private cachedCalls = 0;
  private active = 0;

  constructor(limits: BudgetLimits = {}) {
    const parsed = BudgetLimitsSchema.safeParse(limits);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.length ? ` ${issue.path.join('.')}` : '';
      throw new ConfigError(`invalid budget${field}: ${issue?.message ?? 'invalid'}`);
    }
    this.limits = parsed.data;
  }

  /** Why no further call may start, or undefined while the budget lasts. */
  exhausted(): string | undefined {
    const reasons: string[] = [];
    const tokens = this.inputTokens + this.outputTokens;
    if (this.limits.maxTokens !== undefined && tokens >= this.limits.maxTokens) {
      reasons.push(`budget of ${this.limits.maxTokens} tokens reached (${tokens} used)`);
    }
    const cost = this.microUsd / 1_000_000;
    if (this.limits.maxCostUsd !== undefined && cost >= this.limits.maxCostUsd) {
      reasons.push(`budget of ${formatUsd(this.limits.maxCostUsd)} reached (${formatUsd(cost)} used)`);
    }
    return reasons.length ? reasons.join('; ') : undefined;
  }

  /** Start a call: throws ProviderError kind 'budget' when exhausted, else a ticket to settle when it ends. */
  reserve(providerId?: string): BudgetTicket {
    const reason = this.exhausted();
    if (reason) {
      throw new ProviderError(providerId ? `${providerId}: ${reason}` : reason, {
        kind: 'budget',
        providerId,
        hint: 'raise the budget in the config, then resume the run',
      });
    }
    this.active++;
    let open = true;
    const settle = (f: () => void) => {
      if (!open) return;
      open = false;
      this.active--;
      f();
    };
    return {
      charge: (usage, price) => settle(() => this.charge(usage, price)),
      cached: () => settle(() => this.chargeCached()),
      release: () => settle(() => undefined),
    };
  }

  /** Record one finished model call. */
  charge(usage: Usage, price?: Price): void {
    this.inputTokens += usage.inputTokens;
    this.outputTokens += usage.outputTokens;
    this.calls++;
    if (price) {
      this.microUsd += usage.inputTokens * price.input + usage.outputTokens * price.output;
      this.pricedCalls++;
    }
  }

  /** Record one answer served without a model call; it costs nothing. */
  chargeCached(): void {
    this.cachedCalls++;
  }

  /** Calls reserved and not yet settled. */
  inFlight(): number {
    return this.active;
  }

  /** Totals so far. */
  spent(): Spent {
    return {
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      costUsd: this.microUsd / 1_000_000,
      calls: this.calls,
      pricedCalls: this.pricedCalls,
      cachedCalls: this.cachedCalls,
    };
  }
}

/**
 * Wrap a provider so it refuses to start a call once `budget` is exhausted, and charges every
 * successful uncached call (a cached answer is recorded at no cost). A failed call is charged
 * nothing: the provider reports no usage for it. A cost cap needs a price, or it could never be
 * reached: wrapping without one throws ConfigError.
 */
export function withBudget(provider: Provider, budget: Budget, price?: Price): Provider {
  if (price && !PriceSchema.safeParse(price).success) {
    throw new ConfigError(`${provider.id}: a price needs non-negative input and output USD per 1M tokens`);
  }
  if (budget.limits.maxCostUsd !== undefined && !price) {
    throw new ConfigError(`${provider.id}: a cost budget is set but this model has no price`, 'add the model to the price table, or cap tokens instead');
  }
  return {
    id: provider.id,
    async generate(request: GenerationRequest, opts: GenerateOptions = {}): Promise<Generation> {
      const ticket = budget.reserve(provider.id);
      let generation: Generation;
      try {
        generation = await provider.generate(request, opts);
      } catch (err) {
        ticket.release();
        throw err;
      }
      if (generation.cached) ticket.cached();
      else ticket.charge(generation.usage, price);
      return generation;
    },
  };
}
