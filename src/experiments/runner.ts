/**
 * The experiment runner: models × strategies × scenarios × samples, every model call recorded in
 * the run store, every answer extracted and scanned.
 *
 * - generate mode: each strategy shapes the first prompt (round 0).
 * - refine mode (the study's design): a baseline answer is generated once per model × scenario ×
 *   sample (round 0); each strategy then repairs that code (round 1) and a comparison of the two
 *   samples' findings is recorded. `baseline` makes no call in refine mode (it is the control).
 * - Resume: before a call, the store is asked for (request key, sample, round); a recorded answer
 *   is reused, so a resumed run repeats no finished model call. Recorded errors are retried.
 * - A provider error is recorded as the outcome of its call and ends only that cell.
 *
 * - both mode: every strategy arm is generated (round 0) and also refines the baseline.
 * - repair.rounds K: each refining arm repairs its own previous round, K times (round 1..K), and
 *   every round is compared with the one before it.
 * - Existing samples (importers of format samples) are recorded and scanned without model calls.
 */
import { ConfigError } from '../core/errors.ts';
import type { Finding } from '../core/types.ts';
import type { StudyConfig, ModelSpec } from '../config/schema.ts';
import { IMPORTERS, type ImportProblem } from '../importers/index.ts';
import type { Language } from '../core/types.ts';
import { importSamplesInto } from './import-samples.ts';
import { createSampleScanner } from './sample-scanner.ts';
import { ProviderError } from '../providers/errors.ts';
import { createProvider, type ProvidersConfig } from '../providers/registry.ts';
import { requestKey } from '../providers/request-key.ts';
import { withRetry, type RetryOptions } from '../providers/retry.ts';
import { importNodeLlamaCpp, isMissingPackageError, releaseLlamaCppModels } from '../providers/llama-cpp.ts';
import { existsSync } from 'node:fs';
import { Budget, withBudget } from '../providers/budget.ts';
import { ResponseCache, withCache } from '../providers/cache.ts';
import { createRateLimiter, withRateLimit, type RateLimiter } from '../providers/rate-limit.ts';
import type { Generation, GenerationRequest, Provider } from '../providers/types.ts';
import { loadRules, selectRules } from '../rules/registry.ts';
import type { Rule } from '../rules/rule.ts';
import { loadBuiltinScenarios, loadScenarioFile } from '../scenarios/load.ts';
import type { Scenario, ScenarioLanguage } from '../scenarios/schema.ts';
import { runStrategy } from '../strategies/drive.ts';
import { resolveStrategy } from '../strategies/registry.ts';
import type { ModelCall, Strategy, StrategyContext, StrategyState } from '../strategies/types.ts';
import type { RunStore, StoredFinding } from '../store/store.ts';

export type ProviderFactory = (model: ModelSpec) => Provider;

export interface RunSummary {
  runId: string;
  /** Generations of this run that were executed or reused (one per distinct model call). */
  generations: number;
  /** Calls sent to a model in this invocation (cache hits and replayed answers are not calls). */
  providerCalls: number;
  /** Answers taken from the run store (a resumed run). */
  resumed: number;
  /** Answers the provider marked as cached (replay files, response caches). */
  cached: number;
  errors: number;
  refusals: number;
  noCode: number;
  truncated: number;
  samples: number;
  samplesWithCode: number;
  samplesWithFindings: number;
  comparisons: number;
  /** Cells skipped with a reason (e.g. nothing to refine). */
  skipped: number;
  /** Units of work (model × scenario × sample, every arm) finished, and in all. */
  unitsDone: number;
  units: number;
  /** Existing samples imported into the run (scenarios.importers of format samples). */
  imported: number;
  /** Imported rows and files that could not be used, each with its place and reason. */
  importProblems: ImportProblem[];
  /** Set when the budget ran out: why. The run is left interrupted; resume it with a larger budget. */
  budget?: string;
  /** Tokens (and, with prices, USD) spent by the provider calls of this invocation; cached answers cost nothing. */
  spent?: { inputTokens: number; outputTokens: number; costUsd?: number };
}

export interface RunOptions {
  store: RunStore;
  signal?: AbortSignal;
  onProgress?: (summary: Readonly<RunSummary>) => void;
  /** Builds the provider of a model; by default from the provider registry. */
  providerFactory?: ProviderFactory;
  /** Resume this run (it must exist and have been made from the same configuration). */
  resume?: string;
  /** Retry settings (tests shorten them). */
  retry?: RetryOptions;
  /** Loads node-llama-cpp for the preflight check (tests pass a fake). */
  loadLlamaCpp?: () => Promise<unknown>;
  /** The rate limiter's clock (tests use a fake one). */
  rateLimitClock?: { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> };
}

/**
 * Checks, before any call, what would otherwise fail in every cell: an embedded model's file and
 * the optional node-llama-cpp package.
 */
export async function preflight(config: StudyConfig, load: () => Promise<unknown> = importNodeLlamaCpp): Promise<void> {
  const local = config.models.filter((m) => m.provider === 'llama-cpp');
  for (const m of local) {
    if (!existsSync(m.model)) throw new ConfigError(`${m.label}: model file not found: ${m.model}`, 'give the path of a GGUF file, relative to the study file');
  }
  if (!local.length) return;
  try {
    await load();
  } catch (e) {
    const missing = isMissingPackageError(e);
    throw new ConfigError(
      `${local[0]!.label}: ${missing ? 'the optional package node-llama-cpp is not installed' : `node-llama-cpp could not be loaded: ${(e as Error).message}`}`,
      'run `npm install node-llama-cpp` (v3; it downloads llama.cpp binaries) to run GGUF models in-process',
    );
  }
}

/** The scenarios of a study: built-in (filtered), files and importers, in the study's languages. */
export async function studyScenarios(config: StudyConfig): Promise<Scenario[]> {
  const out: Scenario[] = [];
  const b = config.scenarios.builtin;
  if (b) {
    for (const s of await loadBuiltinScenarios()) {
      if (!b.languages.includes(s.language)) continue;
      if (b.cwes && !s.cwe.some((c) => b.cwes!.includes(c))) continue;
      if (b.tags && !s.tags.some((t) => b.tags!.includes(t))) continue;
      if (b.ids && !b.ids.includes(s.id)) continue;
      out.push(s);
    }
  }
  for (const f of config.scenarios.files) out.push(...(await loadScenarioFile(f)));
  for (const i of config.scenarios.importers) {
    if (i.format === 'samples') continue;
    const result = await IMPORTERS[i.format](i.path);
    let list = (result.scenarios ?? []).filter((s): s is typeof s & { language: ScenarioLanguage } => (config.languages as string[]).includes(s.language));
    if (i.limit !== undefined) list = list.slice(0, i.limit);
    for (const s of list) {
      out.push({ id: s.id, language: s.language, cwe: s.cwe, title: s.title, task: s.task, tags: s.tags, ...(s.skeleton ? { skeleton: s.skeleton, stitch: s.stitch ?? 'append' } : {}) });
    }
  }
  const seen = new Set<string>();
  return out.filter((s) => config.languages.includes(s.language) && !seen.has(s.id) && seen.add(s.id));
}

/** The default provider of a model spec, from the provider registry. */
export function defaultProviderFactory(model: ModelSpec): Provider {
  const endpoint = { ...(model.baseUrl ? { baseUrl: model.baseUrl } : {}), ...(model.apiKeyEnv ? { apiKeyEnv: model.apiKeyEnv } : {}) };
  const config: ProvidersConfig = {};
  switch (model.provider) {
    case 'replay':
      return createProvider(`replay:${model.model}`);
    case 'llama-cpp':
      return createProvider(`llama-cpp:${model.model}`);
    case 'openai':
    case 'anthropic':
    case 'ollama':
      config[model.provider] = endpoint;
      return createProvider(model.id, config);
    case 'openai-compatible': {
      const colon = model.model.indexOf(':');
      const name = colon < 0 ? model.model : model.model.slice(0, colon);
      config.openaiCompatible = { [name]: { baseUrl: model.baseUrl!, model: colon < 0 ? name : model.model.slice(colon + 1), ...(model.apiKeyEnv ? { apiKeyEnv: model.apiKeyEnv } : {}) } };
      return createProvider(`openai-compatible:${name}`, config);
    }
    default:
      throw new ConfigError(`${model.id}: provider ${model.provider} is not yet supported by secfix run`);
  }
}

/** Thrown when a model's client cannot be built at its first cache miss; the run stops with the cause. */
export class ProviderSetupError extends ProviderError {
  constructor(readonly config: ConfigError, providerId: string) {
    super(config.message, { kind: 'bad-request', providerId, retryable: false, ...(config.hint ? { hint: config.hint } : {}) });
  }
}

/** A provider built on its first call. */
function lazyProvider(model: ModelSpec, factory: ProviderFactory): Provider {
  let inner: Provider | undefined;
  return {
    id: model.id,
    generate(request, opts) {
      if (!inner) {
        try {
          inner = factory(model);
        } catch (e) {
          if (e instanceof ConfigError) throw new ProviderSetupError(e, model.id);
          throw e;
        }
      }
      return inner.generate(request, opts);
    },
  };
}

/** Providers that run on the user's machine: free unless the model entry gives a price. */
const LOCAL_PROVIDERS = new Set<string>(['ollama', 'llama-cpp']);

/**
 * Builds each model's provider: retries innermost (each attempt has its own timeout), then the
 * rate limit (one token per logical request, shared by every model its key covers), then the
 * response cache (identical requests are answered from disk and marked cached), then the budget
 * (checked before a call, charged after an uncached one). Replay answers come from a file already,
 * so they skip the cache and cost nothing.
 */
export function providerChain(config: StudyConfig, o: { factory: ProviderFactory; budget: Budget; retry?: RetryOptions; clock?: RunOptions['rateLimitClock'] }): (model: ModelSpec) => Provider {
  const limiters = new Map<string, RateLimiter>();
  const limiterFor = (key: string, rpm: number) => {
    let l = limiters.get(key);
    if (!l) limiters.set(key, (l = createRateLimiter({ requestsPerMinute: rpm, ...(o.clock ? { now: o.clock.now, sleep: o.clock.sleep } : {}) })));
    return l;
  };
  const cache = config.cache.enabled ? new ResponseCache(config.cache.dir) : undefined;
  return (model) => {
    // With a cache, a model whose every answer is cached (e.g. after a batch) needs no key: its
    // client is built at the first miss, and a setting it lacks then stops the run with one error.
    let p = withRetry(cache && model.provider !== 'replay' ? lazyProvider(model, o.factory) : o.factory(model), o.retry);
    if (model.provider === 'replay') return p;
    const key = [model.label, model.id, model.provider].find((k) => config.rateLimit[k] !== undefined);
    if (key) p = withRateLimit(p, limiterFor(key, config.rateLimit[key]!));
    if (cache) p = withCache(p, cache);
    // Models on the user's own machine cost nothing unless a price says otherwise.
    const price = model.price ?? (LOCAL_PROVIDERS.has(model.provider) ? { input: 0, output: 0 } : undefined);
    if (config.budget.maxCostUsd !== undefined && !price) {
      throw new ConfigError(`${model.label}: budget.maxCostUsd needs a price for every model`, 'give the model a price: {input: USD per 1M tokens, output: USD per 1M tokens}');
    }
    return withBudget(p, o.budget, price);
  };
}

/**
 * The part of a study that decides its results, stored with the run: a resume must match it.
 * How fast and how far a run goes (concurrency, rate limits, budget, cache, store) may change
 * between invocations, e.g. to resume with a larger budget.
 */
export function runIdentity(config: StudyConfig): Omit<StudyConfig, 'concurrency' | 'rateLimit' | 'budget' | 'cache' | 'store'> {
  const { concurrency: _c, rateLimit: _r, budget: _b, cache: _k, store: _s, ...identity } = config;
  return identity;
}

/** A counting semaphore: at most `n` holders at once. */
function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (active >= n) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** Thrown inside a cell after its provider error was recorded; ends the cell only. */
class CellFailed extends Error {}

/** A strategy arm of the study: its configured label and the strategy. */
interface Arm {
  label: string;
  strategy: Strategy;
}

interface Unit {
  model: ModelSpec;
  scenario: Scenario;
  sample: number;
  /** Every arm of the study, run one after another after the baseline. */
  arms: Arm[];
}

/** What the runner knows of a recorded sample: its id, its code and its findings' fingerprints. */
interface Recorded {
  id: number;
  code?: string;
  fingerprints?: string[];
}

const BASELINE = 'baseline';

/** Runs (or resumes) a study; returns what it did. Provider errors never abort it. */
export async function runStudy(config: StudyConfig, options: RunOptions): Promise<RunSummary> {
  await preflight(config, options.loadLlamaCpp);
  const { store } = options;
  const scenarios = config.models.length ? await studyScenarios(config) : [];
  const imports = config.scenarios.importers.filter((i) => i.format === 'samples');
  if (config.models.length && !scenarios.length) throw new ConfigError(`${config.file}: no scenario matches the study's filters and languages`);
  const arms: Arm[] = config.strategies.map((s) => ({ label: s.label, strategy: resolveStrategy(s.steps.map((st) => ({ name: st.name, ...st.options }))) }));
  const rules: Rule[] = selectRules(await loadRules(), { profile: config.profile });
  const factory = options.providerFactory ?? defaultProviderFactory;
  const budget = new Budget(config.budget);
  const chain = providerChain(config, { factory, budget, ...(options.retry ? { retry: options.retry } : {}), ...(options.rateLimitClock ? { clock: options.rateLimitClock } : {}) });
  const providers = new Map(config.models.map((m) => [m.label, { provider: chain(m), limit: limiter(m.concurrency) }]));
  const scanner = createSampleScanner(config, rules);

  let runId: string;
  if (options.resume) {
    if (!store.getRun(options.resume)) throw new ConfigError(`no run ${options.resume} in the store ${store.file}`, 'see secfix runs list');
    runId = store.createRun(runIdentity(config), { id: options.resume }).id;
  } else runId = store.createRun(runIdentity(config)).id;
  store.runStatus(runId, 'running');

  const summary: RunSummary = {
    runId, generations: 0, providerCalls: 0, resumed: 0, cached: 0, errors: 0, refusals: 0, noCode: 0, truncated: 0,
    samples: 0, samplesWithCode: 0, samplesWithFindings: 0, comparisons: 0, skipped: 0, imported: 0, importProblems: [],
    unitsDone: 0, units: 0,
  };
  const progress = () => options.onProgress?.({ ...summary, spent: budget.spent() });
  // A resumed run's budget counts what its earlier invocations spent.
  const prices = new Map(config.models.map((m) => [m.label, m.price]));
  for (const g of store.listGenerations(runId)) if (g.response && !g.response.cached) budget.charge(g.response.usage, prices.get(g.model));
  const spentBefore = budget.spent();

  /**
   * Calls in flight by (request key, sample, round): two arms that ask the same thing at the same
   * time (analyzer-feedback's first prompt is the baseline's) share one call and one record.
   */
  const inflight = new Map<string, Promise<{ id: number; generation: Generation }>>();
  /** Generations recorded by this invocation (as opposed to found from an earlier one). */
  const madeNow = new Set<number>();

  /** Executes one call of a cell, reusing the store's answer when there is one. */
  const executor = (unit: Unit, strategyLabel: string, round: number, stepIds: Map<string, number>) => async (call: ModelCall): Promise<Generation> => {
    const key = requestKey(call.request, unit.model.id);
    const slot = `${key}\u0000${unit.sample}\u0000${round}`;
    let pending = inflight.get(slot);
    if (pending) {
      const { id, generation } = await pending;
      stepIds.set(call.step, id);
      return { ...generation, cached: true };
    }
    pending = execute(unit, strategyLabel, round, call, key);
    inflight.set(slot, pending);
    try {
      const { id, generation } = await pending;
      stepIds.set(call.step, id);
      return generation;
    } finally {
      inflight.delete(slot);
    }
  };

  const execute = async (unit: Unit, strategyLabel: string, round: number, call: ModelCall, key: string): Promise<{ id: number; generation: Generation }> => {
    const { model, scenario } = unit;
    const request: GenerationRequest = call.request;
    const base = { runId, requestKey: key, sample: unit.sample, round, providerId: model.id, model: model.label, strategy: strategyLabel, scenarioId: scenario.id, language: scenario.language, request };
    const found = store.findGeneration(runId, key, unit.sample, round);
    if (found?.response) {
      const r = found.response;
      const again = { text: r.text, finishReason: r.finishReason, usage: { ...r.usage }, latencyMs: r.latencyMs, cached: true, raw: {} };
      // Asked earlier in this invocation by another arm of the cell: one generation, counted once.
      if (madeNow.has(found.id)) return { id: found.id, generation: again };
      summary.generations++;
      summary.resumed++;
      progress();
      return { id: found.id, generation: again };
    }
    const { provider, limit } = providers.get(model.label)!;
    let generation: Generation;
    try {
      generation = await limit(() => provider.generate(request, options.signal ? { signal: options.signal } : {}));
    } catch (err) {
      if (err instanceof ProviderSetupError) throw err.config;
      if (!(err instanceof ProviderError)) throw err;
      if (err.kind === 'budget') {
        // No call was made: nothing is recorded, and a resume with a larger budget makes it.
        summary.budget ??= err.message;
        throw new CellFailed(err.message);
      }
      store.recordGeneration({ ...base, error: { kind: err.kind, message: err.message } });
      summary.providerCalls++;
      summary.generations++;
      summary.errors++;
      progress();
      throw new CellFailed(err.message);
    }
    const id = store.recordGeneration({
      ...base,
      response: { text: generation.text, finishReason: generation.finishReason, usage: { ...generation.usage }, latencyMs: generation.latencyMs, cached: generation.cached },
    });
    madeNow.add(id);
    summary.generations++;
    if (generation.cached) summary.cached++;
    else summary.providerCalls++;
    progress();
    return { id, generation };
  };

  /** Scans a sample's code with the study's analyzers and records the findings. */
  const scanAndRecord = async (sampleId: number, code: string, language: Language): Promise<string[]> => {
    const { findings, analyzers, syntaxErrors } = await scanner.scan(code, language);
    store.recordFindings({ sampleId, analyzers, syntaxErrors, findings: findings.map(toStored) });
    if (findings.length) summary.samplesWithFindings++;
    return findings.map((f) => f.fingerprint);
  };

  /** Records the sample of a strategy's final answer and its findings. */
  const recordAnswer = async (state: StrategyState, stepIds: Map<string, number>, arm: { strategy: string; mode: 'generate' | 'refine'; round: number; parent?: number }): Promise<Recorded | undefined> => {
    const answer = state.answer;
    if (!answer) return undefined;
    const generationId = stepIds.get(answer.step);
    if (generationId === undefined) return undefined;
    const x = answer.extraction;
    const sampleId = store.recordSample({
      generationId, outcome: x.kind, ...(x.kind === 'code' ? { code: x.code } : {}), truncated: x.kind === 'code' && x.truncated,
      ...(arm.parent !== undefined ? { parentSampleId: arm.parent } : {}), round: arm.round, strategy: arm.strategy, mode: arm.mode,
    });
    summary.samples++;
    if (x.kind === 'refusal') summary.refusals++;
    if (x.kind === 'no-code') summary.noCode++;
    if (x.kind !== 'code') return { id: sampleId };
    if (x.truncated) summary.truncated++;
    summary.samplesWithCode++;
    return { id: sampleId, code: x.code, fingerprints: await scanAndRecord(sampleId, x.code, state.scenario.language) };
  };

  const ctxFor = (unit: Unit): StrategyContext => ({
    scan: async (code, language) => (await scanner.scan(code, language)).findings,
    request: {
      sample: unit.sample,
      maxTokens: unit.model.maxTokens,
      ...(unit.model.temperature !== undefined ? { temperature: unit.model.temperature } : {}),
      ...(unit.model.seed !== undefined ? { seed: unit.model.seed } : {}),
    },
  });
  /** A fresh state; `prior` are the model's own insecure outputs for the cell (for negative-examples). */
  const initial = (scenario: Scenario, prior: string[] = []): StrategyState => ({ scenario, notes: [], ...(prior.length ? { priorInsecure: prior } : {}) });

  /** One arm in generate mode: the strategy shapes the first prompt. */
  const generateArm = async (unit: Unit, arm: Arm, ctx: StrategyContext, prior: string[] = []): Promise<{ state: StrategyState; sample?: Recorded } | undefined> => {
    const stepIds = new Map<string, number>();
    try {
      const state = await runStrategy(arm.strategy, initial(unit.scenario, prior), ctx, executor(unit, arm.label, 0, stepIds));
      return { state, sample: await recordAnswer(state, stepIds, { strategy: arm.label, mode: 'generate', round: 0 }) };
    } catch (e) {
      if (!(e instanceof CellFailed)) throw e;
      return undefined;
    }
  };

  /** One arm in refine mode: repair rounds 1..K, each repairing the previous round's code. */
  const refineArm = async (unit: Unit, arm: Arm, ctx: StrategyContext, baseline: Recorded, prior: string[]): Promise<void> => {
    let parent = baseline;
    for (let round = 1; round <= config.repair.rounds; round++) {
      if (parent.code === undefined) {
        summary.skipped++; // nothing to refine: the previous answer held no code
        return;
      }
      const stepIds = new Map<string, number>();
      let child: Recorded | undefined;
      try {
        const state = await runStrategy(arm.strategy, { ...initial(unit.scenario, prior), code: parent.code }, ctx, executor(unit, arm.label, round, stepIds));
        child = await recordAnswer(state, stepIds, { strategy: arm.label, mode: 'refine', round, parent: parent.id });
      } catch (e) {
        if (!(e instanceof CellFailed)) throw e;
        summary.skipped += config.repair.rounds - round; // the rounds after a failed one are not attempted
        return;
      }
      if (!child) return;
      if (child.fingerprints && parent.fingerprints) {
        const before = new Set(parent.fingerprints);
        const after = new Set(child.fingerprints);
        store.recordComparison({
          sampleId: parent.id, repairedSampleId: child.id,
          resolved: [...before].filter((f) => !after.has(f)),
          persisted: [...before].filter((f) => after.has(f)),
          introduced: [...after].filter((f) => !before.has(f)),
        });
        summary.comparisons++;
      }
      parent = child;
    }
  };

  /** The baseline's code when the scanner found a weakness in it: the model's own insecure output. */
  const insecure = (base: { sample?: Recorded } | undefined): string[] =>
    base?.sample?.code !== undefined && base.sample.fingerprints?.length ? [base.sample.code] : [];

  const runUnit = async (unit: Unit): Promise<void> => {
    const ctx = ctxFor(unit);
    const others = unit.arms.filter((a) => a.label !== BASELINE);
    if (config.mode === 'generate') {
      // the baseline arm (when the study has one) first, so negative-examples can show its output
      const baseArm = unit.arms.find((a) => a.label === BASELINE);
      const base = baseArm ? await generateArm(unit, baseArm, ctx) : undefined;
      for (const arm of others) await generateArm(unit, arm, ctx, insecure(base));
      return;
    }
    // refine and both: one baseline per model × scenario × sample, the control arm of every strategy
    const base = await generateArm(unit, { label: BASELINE, strategy: resolveStrategy(BASELINE) }, ctx);
    const prior = insecure(base);
    if (config.mode === 'both') for (const arm of others) await generateArm(unit, arm, ctx, prior);
    if (!config.repair.rounds) return;
    if (!base?.sample) {
      summary.skipped += others.length * config.repair.rounds; // the baseline call failed: nothing to refine
      return;
    }
    for (const arm of others) await refineArm(unit, arm, ctx, base.sample, prior);
  };

  const units: Unit[] = [];
  for (const model of config.models) {
    for (const scenario of scenarios) {
      for (let sample = 0; sample < config.samples; sample++) {
        units.push({ model, scenario, sample, arms });
      }
    }
  }

  summary.units = units.length;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < units.length && !options.signal?.aborted && !summary.budget) {
      await runUnit(units[next++]!);
      summary.unitsDone++;
      progress();
    }
  };
  try {
    for (const spec of imports) {
      if (options.signal?.aborted) break;
      await importSamplesInto(spec, { store, runId, summary, scanAndRecord, progress });
    }
    await Promise.all(Array.from({ length: Math.max(1, Math.min(config.concurrency, units.length)) }, worker));
  } catch (e) {
    store.runStatus(runId, options.signal?.aborted ? 'interrupted' : 'failed');
    throw e;
  } finally {
    await scanner.close();
    if (config.models.some((m) => m.provider === 'llama-cpp')) await releaseLlamaCppModels();
  }
  store.runStatus(runId, options.signal?.aborted || summary.budget ? 'interrupted' : 'completed');
  const spent = budget.spent();
  summary.spent = {
    inputTokens: spent.inputTokens - spentBefore.inputTokens, outputTokens: spent.outputTokens - spentBefore.outputTokens,
    // rounded to a millionth of a cent: the difference of two float sums carries noise below that
    ...(spent.pricedCalls ? { costUsd: Math.round((spent.costUsd - spentBefore.costUsd) * 1e8) / 1e8 } : {}),
  };
  progress();
  return summary;
}

function toStored(f: Finding): StoredFinding {
  return {
    ruleId: f.ruleId, analyzer: f.analyzer, cwe: f.cwe, severity: f.severity, level: f.level, confidence: f.confidence,
    message: f.message, location: f.location, snippet: f.snippet, fingerprint: f.fingerprint, ...(f.sources ? { sources: f.sources } : {}),
  };
}
