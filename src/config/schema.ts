/**
 * The zod schema of a study file (`secfix run study.yaml`). It is the single source of the
 * published JSON schema (schemas/study.schema.json), so every default is stated in a description.
 */
import { z } from 'zod';
import { ANALYZER_IDS } from '../analyzers/registry.ts';

/** Provider prefixes of model ids; the provider registry resolves them. */
export const PROVIDER_PREFIXES = ['openai', 'anthropic', 'ollama', 'openai-compatible', 'replay', 'llama-cpp'] as const;
export type ProviderPrefix = (typeof PROVIDER_PREFIXES)[number];

/** Strategy names: the strategy registry's, which resolves them. */
export { STRATEGY_NAMES, type StrategyName } from '../strategies/registry.ts';
import { STRATEGY_NAMES, type StrategyName } from '../strategies/registry.ts';

/** Languages a study may generate code in (those of the built-in scenario suite). */
export const STUDY_LANGUAGES = ['python', 'javascript', 'java', 'go', 'c'] as const;
export type StudyLanguage = (typeof STUDY_LANGUAGES)[number];

export const IMPORTER_FORMATS = ['securityeval', 'llmseceval', 'cyberseceval', 'samples'] as const;
export type ImporterFormat = (typeof IMPORTER_FORMATS)[number];

export const MODES = ['generate', 'refine', 'both'] as const;

/** Environment variables that a provider reads its key from when `apiKeyEnv` is not given. */
export const DEFAULT_API_KEY_ENV: Partial<Record<ProviderPrefix, string>> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
};

export const DEFAULTS = {
  languages: ['python', 'javascript', 'java', 'go'] as StudyLanguage[],
  samples: 10,
  mode: 'refine' as const,
  maxTokens: 4096,
  analyzers: ['builtin'],
  policy: 'any' as const,
  profile: 'default' as const,
  repairRounds: 1,
  concurrency: 4,
  cacheDir: '.secfix/cache',
  storeDir: '.secfix',
};

const PROVIDER_ID = new RegExp(`^(${PROVIDER_PREFIXES.join('|')}):.+$`);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CWE = /^(CWE-)?[0-9]{1,5}$/i;

const positiveInt = () => z.int().min(1);

const Price = z
  .strictObject({
    input: z.number().min(0).describe('USD per 1M input (prompt) tokens.'),
    output: z.number().min(0).describe('USD per 1M output (completion) tokens.'),
  })
  .describe('Price of this model, used for cost accounting and the budget cap. Default: none (cost is not counted).');

const SamplingFields = {
  temperature: z.number().min(0).max(2).optional().describe("Sampling temperature. Default: not sent (the provider's default)."),
  seed: z.int().optional().describe('Seed sent to providers that support one. Default: not sent.'),
  maxTokens: positiveInt().optional().describe(`Maximum output tokens per call. Default: ${DEFAULTS.maxTokens}.`),
};

export const ModelObjectSchema = z
  .strictObject({
    id: z
      .string()
      .regex(PROVIDER_ID, { error: `expected PROVIDER:MODEL with a provider of ${PROVIDER_PREFIXES.join(', ')}` })
      .describe(
        'Provider and model, e.g. openai:gpt-4.1, anthropic:claude-sonnet-4-5, ollama:qwen2.5-coder:7b, openai-compatible:NAME (with baseUrl), replay:FILE (recorded generations, no calls), llama-cpp:FILE.gguf.',
      ),
    label: z.string().min(1).optional().describe('Name of the model in the store and in reports. Default: the id.'),
    baseUrl: z.url().optional().describe('Base URL of the API (required for openai-compatible; optional for openai, anthropic and ollama).'),
    apiKeyEnv: z
      .string()
      .regex(ENV_NAME, { error: 'expected the name of an environment variable' })
      .optional()
      .describe('Name of the environment variable holding the API key (never the key itself). Default: OPENAI_API_KEY for openai, ANTHROPIC_API_KEY for anthropic, none otherwise.'),
    concurrency: positiveInt().optional().describe('Concurrent requests to this model. Default: the top-level concurrency.'),
    ...SamplingFields,
    price: Price.optional(),
    base: z.string().min(1).optional().describe('Fine-tuned model: the base model it was trained from (e.g. openai:gpt-4.1). Requires trainingDataHash.'),
    adapter: z.string().min(1).optional().describe('Fine-tuned model: the LoRA adapter (a path relative to this file, or a name the provider knows).'),
    trainingDataHash: z
      .string()
      .regex(/^(sha256:)?[0-9a-f]{64}$/, { error: 'expected a SHA-256 hex digest (optionally prefixed sha256:)' })
      .optional()
      .describe('Fine-tuned model: SHA-256 of the training data, recorded so results can be traced to it. Requires base.'),
  })
  .describe('A model entry.');

export const ModelEntrySchema = z.union([
  z.string().regex(PROVIDER_ID, { error: `expected PROVIDER:MODEL with a provider of ${PROVIDER_PREFIXES.join(', ')}` }),
  ModelObjectSchema,
]);

/** Options each strategy accepts; unknown options are rejected. */
export const STRATEGY_OPTIONS = {
  baseline: z.strictObject({}),
  'negative-examples': z.strictObject({
    source: z
      .enum(['own', 'library', 'auto'])
      .optional()
      .describe("Where the insecure examples come from: the model's own earlier outputs (own), the built-in CWE-specific library (library), or own when there are any, else the library (auto). Default: auto."),
    max: positiveInt().optional().describe('Most examples shown. Default: 3.'),
  }),
  'security-checklist': z.strictObject({}),
  'meta-prompting': z.strictObject({}),
  'chain-of-thought': z.strictObject({}),
  'analyzer-feedback': z.strictObject({
    rounds: positiveInt().max(20).optional().describe('Most feedback rounds; stops early when clean or when a round makes no progress. Default: 3.'),
  }),
  'self-review': z.strictObject({}),
  'best-of-n': z.strictObject({
    n: z.int().min(2).max(50).optional().describe('Samples drawn; the least severe by the scanner is kept. Default: 5.'),
  }),
} satisfies Record<StrategyName, z.ZodType>;

/** Option defaults applied by the loader. */
export const STRATEGY_DEFAULTS: { [K in StrategyName]: Required<z.infer<(typeof STRATEGY_OPTIONS)[K]>> } = {
  baseline: {},
  'negative-examples': { source: 'auto', max: 3 },
  'security-checklist': {},
  'meta-prompting': {},
  'chain-of-thought': {},
  'analyzer-feedback': { rounds: 3 },
  'self-review': {},
  'best-of-n': { n: 5 },
};

// The step is checked by hand (see load.ts) so that a wrong name gets one clear message; the
// JSON schema gets the precise form through `strategyStepJsonSchema`.
export const StrategyStepSchema = z
  .union([z.string(), z.record(z.string(), z.record(z.string(), z.unknown()).nullable())])
  .describe('A strategy: a name, or {name: {options}}.');

export const StrategyEntrySchema = z.union([StrategyStepSchema, z.array(StrategyStepSchema).min(1)]);

const Cwes = z.array(z.union([z.int().min(1), z.string().regex(CWE, { error: 'expected a CWE id such as CWE-89 or 89' })]));

const BuiltinFilter = z
  .strictObject({
    languages: z.array(z.enum(STUDY_LANGUAGES)).optional().describe('Only scenarios in these languages. Default: the top-level languages.'),
    cwes: Cwes.optional().describe('Only scenarios targeting one of these CWEs (CWE-89 or 89). Default: all.'),
    tags: z.array(z.string()).optional().describe('Only scenarios with at least one of these tags (e.g. study for the study\'s ten scenario types). Default: all.'),
    ids: z.array(z.string()).optional().describe('Only these scenario ids. Default: all.'),
  })
  .describe('Filters on the built-in suite; all given filters must match.');

const Importer = z.strictObject({
  format: z.enum(IMPORTER_FORMATS).describe('securityeval (JSONL), llmseceval (CSV), cyberseceval (JSON), samples (a directory or JSONL of existing code with metadata).'),
  path: z.string().min(1).describe('File or directory, relative to this file.'),
  limit: positiveInt().optional().describe('Use at most this many scenarios. Default: all.'),
});

const Scenarios = z
  .strictObject({
    builtin: z
      .union([z.boolean(), BuiltinFilter])
      .optional()
      .describe('The built-in suite: true (all), false (none) or filters. Default: true when neither files nor importers are given, false otherwise.'),
    files: z.array(z.string().min(1)).optional().describe('Scenario files (YAML), relative to this file. Default: none.'),
    importers: z.array(Importer).optional().describe('Public scenario sets or existing samples to import. Default: none.'),
  })
  .describe('Where scenarios come from. Default: the whole built-in suite.');

const Policy = z
  .union([z.enum(['any', 'majority']), z.array(z.string()).min(1)])
  .describe(`Which merged findings count: any, majority, or a list of analyzer names. Default: ${DEFAULTS.policy}.`);

export const StudyFileSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe('Name of the study, shown in runs list. Default: the file name without extension.'),
    models: z.array(ModelEntrySchema).describe('Models to run: provider ids, or objects with an id and settings. May be empty only when the study imports existing samples.'),
    strategies: z
      .array(StrategyEntrySchema)
      .min(1)
      .optional()
      .describe(`Strategies: ${STRATEGY_NAMES.join(', ')}. An entry is a name, {name: {options}}, or a list of those (a composition, applied in order). Default: [baseline].`),
    scenarios: Scenarios.optional(),
    languages: z.array(z.enum(STUDY_LANGUAGES)).min(1).optional().describe(`Languages of the generated code. Default: ${DEFAULTS.languages.join(', ')} (the study's four).`),
    samples: positiveInt().optional().describe(`Samples per cell (model × strategy × scenario × language). Default: ${DEFAULTS.samples}.`),
    ...SamplingFields,
    mode: z
      .enum(MODES)
      .optional()
      .describe(`generate: the strategy shapes the first prompt; refine: the strategy fixes a baseline output (as in the study); both. Default: ${DEFAULTS.mode}.`),
    analyzers: z
      .array(z.enum(ANALYZER_IDS as [string, ...string[]]))
      .min(1)
      .optional()
      .describe(`Analyzers that scan every sample, as in secfix scan --analyzers. Default: ${DEFAULTS.analyzers.join(', ')}.`),
    policy: Policy.optional(),
    profile: z.enum(['default', 'audit']).optional().describe(`Rule set of the built-in analyzer: default (precise) or audit (adds noisier signals, closer to CodeQL). Default: ${DEFAULTS.profile}.`),
    repair: z
      .strictObject({
        rounds: z.int().min(0).max(20).optional().describe(`Refinement rounds in refine mode (0: scan only). Default: ${DEFAULTS.repairRounds}.`),
      })
      .optional(),
    concurrency: positiveInt().optional().describe(`Most model calls in flight at once, over all models. Default: ${DEFAULTS.concurrency}.`),
    rateLimit: z
      .record(z.string(), positiveInt())
      .optional()
      .describe('Requests per minute, by provider prefix (openai) or model id/label (openai-compatible:together). Default: no limit.'),
    budget: z
      .strictObject({
        maxCostUsd: z.number().positive().optional().describe('Stop starting new calls once this much has been spent (needs prices). Default: no limit.'),
        maxTokens: positiveInt().optional().describe('Stop starting new calls once this many tokens (input + output) were used. Default: no limit.'),
      })
      .optional(),
    cache: z
      .strictObject({
        enabled: z.boolean().optional().describe('Reuse identical earlier model calls. Default: true.'),
        dir: z.string().min(1).optional().describe(`Cache directory, relative to this file. Default: ${DEFAULTS.cacheDir}.`),
      })
      .optional(),
    tools: z
      .strictObject({
        semgrepConfig: z.array(z.string().min(1)).min(1).optional().describe('Local Semgrep rule files or directories, relative to this file (needed when analyzers include semgrep). Default: none.'),
        codeqlSuite: z.string().min(1).optional().describe("CodeQL query suite or pack. Default: the language's standard query pack."),
      })
      .optional()
      .describe('Settings of external analyzers, as in secfix scan.'),
    store: z
      .strictObject({
        dir: z.string().min(1).optional().describe(`Directory of the run store, relative to this file. Default: ${DEFAULTS.storeDir}.`),
      })
      .optional(),
  })
  .describe('A secfix study: models × strategies × scenarios × languages.');

export type StudyFile = z.infer<typeof StudyFileSchema>;

/** One step of a strategy, with options and their defaults applied. */
export interface StrategyStep {
  name: StrategyName;
  options: Record<string, unknown>;
}

/** A strategy entry: one step, or a composition of steps applied in order. */
export interface StrategySpec {
  /** Display name: the step names joined by '+'. */
  label: string;
  steps: StrategyStep[];
}

export interface FineTune {
  base: string;
  adapter?: string;
  trainingDataHash: string;
}

export interface ModelSpec {
  id: string;
  provider: ProviderPrefix;
  /** The part of the id after the provider prefix (an absolute path for replay and llama-cpp). */
  model: string;
  label: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  concurrency: number;
  temperature?: number;
  seed?: number;
  maxTokens: number;
  price?: { input: number; output: number };
  fineTune?: FineTune;
}

export interface BuiltinScenarioFilter {
  languages: StudyLanguage[];
  cwes?: string[];
  tags?: string[];
  ids?: string[];
}

export interface ImporterSpec {
  format: ImporterFormat;
  /** Absolute path. */
  path: string;
  limit?: number;
}

export type PolicySpec = { kind: 'any' } | { kind: 'majority' } | { kind: 'named'; analyzers: string[] };

/** A validated study with every default applied and every path absolute. */
export interface StudyConfig {
  /** Absolute path of the study file. */
  file: string;
  name: string;
  models: ModelSpec[];
  strategies: StrategySpec[];
  scenarios: {
    builtin: BuiltinScenarioFilter | false;
    files: string[];
    importers: ImporterSpec[];
  };
  languages: StudyLanguage[];
  samples: number;
  mode: (typeof MODES)[number];
  analyzers: string[];
  policy: PolicySpec;
  profile: 'default' | 'audit';
  repair: { rounds: number };
  concurrency: number;
  rateLimit: Record<string, number>;
  budget: { maxCostUsd?: number; maxTokens?: number };
  cache: { enabled: boolean; dir: string };
  tools: { semgrepConfig?: string[]; codeqlSuite?: string };
  store: { dir: string };
}
