/** Loads a study file: YAML → zod validation with line:column errors → a typed, resolved config. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../core/errors.ts';
import { closest, locate, problemsFromZod, StudyConfigError, type PathSegment, type Problem } from './issues.ts';
import {
  DEFAULT_API_KEY_ENV,
  DEFAULTS,
  PROVIDER_PREFIXES,
  STRATEGY_DEFAULTS,
  STRATEGY_NAMES,
  STRATEGY_OPTIONS,
  StudyFileSchema,
  type ModelSpec,
  type PolicySpec,
  type ProviderPrefix,
  type StrategyName,
  type StrategySpec,
  type StrategyStep,
  type StudyConfig,
  type StudyFile,
} from './schema.ts';

/** Reads and validates a study file; throws StudyConfigError (with line:column) or InputError. */
export async function loadStudyConfig(file: string): Promise<StudyConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read study file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseStudyConfig(text, file);
}

/**
 * Validates the text of a study file. `file` is how errors name it; paths in the config resolve
 * against its folder.
 */
export function parseStudyConfig(text: string, file: string): StudyConfig {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const err = doc.errors[0]!;
    const pos = counter.linePos(err.pos[0]);
    const message = err.message.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?$/, '');
    throw new StudyConfigError([{ file, line: pos.line, column: pos.col, path: '', message: `invalid YAML: ${message}` }]);
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new StudyConfigError(locate([{ path: [], message: 'expected a mapping of study settings (models, strategies, ...)' }], file, doc, counter));
  }

  const secrets = findSecrets(raw, []);
  const problems: Problem[] = [...secrets];
  problems.push(...checkStrategies((raw as Record<string, unknown>).strategies).filter((p) => !under(p, secrets)));
  const parsed = StudyFileSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    // Strategy entries are checked by hand above, with better messages.
    const issues = parsed.error.issues.filter((i) => !(i.path[0] === 'strategies' && i.path.length > 1));
    // Nothing else is said about a secret: other messages could echo it.
    problems.push(...problemsFromZod(issues, StudyFileSchema).filter((p) => !under(p, secrets)));
  } else if (!problems.length) {
    problems.push(...crossCheck(parsed.data));
  }
  if (problems.length) throw new StudyConfigError(locate(dedupe(problems), file, doc, counter));
  return resolve(parsed.data!, file);
}

/** Whether a problem concerns a field that one of `roots` is about (or lies inside it). */
function under(p: Problem, roots: readonly Problem[]): boolean {
  return roots.some((r) => r.path.length <= p.path.length && r.path.every((seg, i) => seg === p.path[i]));
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = JSON.stringify([p.path, p.message]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---------------------------------------------------------------- secrets

const SECRET_FIELDS = new Set(['apikey', 'key', 'token', 'accesstoken', 'authtoken', 'secret', 'secretkey', 'password', 'authorization', 'bearer']);
const SECRET_VALUE = /(?:^|[^A-Za-z0-9])(?:sk-[A-Za-z0-9_-]{16,}|ant-api[0-9]*-[A-Za-z0-9_-]{8,}|AIza[0-9A-Za-z_-]{30,}|hf_[A-Za-z0-9]{30,}|gh[pousr]_[A-Za-z0-9]{30,})/;
const SECRET_HINT = 'put the key in an environment variable and give its name in apiKeyEnv';

/** Keys never belong in a study file: a field named like one, or a value shaped like one, is rejected. */
function findSecrets(value: unknown, at: PathSegment[]): Problem[] {
  if (typeof value === 'string') {
    return SECRET_VALUE.test(value) ? [{ path: at, message: `this value looks like an API key; keys are never written in the study file: ${SECRET_HINT}` }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findSecrets(v, [...at, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      if (SECRET_FIELDS.has(k.toLowerCase().replace(/[-_]/g, ''))) {
        return [{ path: [...at, k], atKey: true, message: `field "${k}" is not allowed: keys are never written in the study file; ${SECRET_HINT}` }];
      }
      return findSecrets(v, [...at, k]);
    });
  }
  return [];
}

// ---------------------------------------------------------------- strategies

const KNOWN_STRATEGIES = `(known: ${STRATEGY_NAMES.join(', ')})`;

function isStrategyName(s: string): s is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(s);
}

function checkStep(step: unknown, at: PathSegment[]): Problem[] {
  if (typeof step === 'string') return isStrategyName(step) ? [] : [{ path: at, message: `unknown strategy "${step}" ${KNOWN_STRATEGIES}` }];
  if (step && typeof step === 'object' && !Array.isArray(step)) {
    const keys = Object.keys(step);
    if (keys.length !== 1) {
      return [{ path: at, message: `expected one strategy per entry, got ${keys.length ? keys.join(', ') : 'none'} (write a composition as a list)` }];
    }
    const name = keys[0]!;
    if (!isStrategyName(name)) return [{ path: [...at, name], atKey: true, message: `unknown strategy "${name}" ${KNOWN_STRATEGIES}` }];
    const options = (step as Record<string, unknown>)[name] ?? {};
    const schema = STRATEGY_OPTIONS[name];
    const r = schema.safeParse(options, { reportInput: true });
    return r.success ? [] : problemsFromZod(r.error.issues, schema, [...at, name]);
  }
  return [{ path: at, message: 'expected a strategy name or {name: {options}}' }];
}

function checkStrategies(value: unknown): Problem[] {
  if (!Array.isArray(value)) return []; // type errors come from the schema
  return value.flatMap((entry, i) => {
    if (!Array.isArray(entry)) return checkStep(entry, ['strategies', i]);
    if (!entry.length) return [{ path: ['strategies', i], message: 'a composition needs at least one strategy' }];
    return entry.flatMap((step, j) =>
      Array.isArray(step) ? [{ path: ['strategies', i, j], message: 'compositions cannot be nested' }] : checkStep(step, ['strategies', i, j]),
    );
  });
}

function toStep(step: unknown): StrategyStep {
  if (typeof step === 'string') return { name: step as StrategyName, options: { ...STRATEGY_DEFAULTS[step as StrategyName] } };
  const [name, options] = Object.entries(step as Record<string, Record<string, unknown> | null>)[0]!;
  return { name: name as StrategyName, options: { ...STRATEGY_DEFAULTS[name as StrategyName], ...(options ?? {}) } };
}

function toStrategy(entry: unknown): StrategySpec {
  const steps = Array.isArray(entry) ? entry.map(toStep) : [toStep(entry)];
  return { label: steps.map((s) => s.name).join('+'), steps };
}

// ---------------------------------------------------------------- models

type ModelEntry = StudyFile['models'][number];

function modelObject(m: ModelEntry): Exclude<ModelEntry, string> {
  return typeof m === 'string' ? { id: m } : m;
}

function splitId(id: string): { provider: ProviderPrefix; model: string } {
  const i = id.indexOf(':');
  return { provider: id.slice(0, i) as ProviderPrefix, model: id.slice(i + 1) };
}

/** Checks that need several fields at once. */
function crossCheck(data: StudyFile): Problem[] {
  const out: Problem[] = [];
  const labels = new Map<string, number>();
  data.models.forEach((entry, i) => {
    const m = modelObject(entry);
    const at = typeof entry === 'string' ? ['models', i] : ['models', i, 'id'];
    const { provider } = splitId(m.id);
    if (provider === 'openai-compatible' && !m.baseUrl) out.push({ path: ['models', i], message: `missing required field "baseUrl" (openai-compatible models need the server's base URL)` });
    if ((provider === 'replay' || provider === 'llama-cpp') && (m.baseUrl || m.apiKeyEnv)) {
      out.push({ path: ['models', i, m.baseUrl ? 'baseUrl' : 'apiKeyEnv'], atKey: true, message: `${provider} models make no network calls; remove this field` });
    }
    if (m.base && !m.trainingDataHash) out.push({ path: ['models', i], message: 'missing required field "trainingDataHash" (a fine-tuned model records the hash of its training data)' });
    if (m.trainingDataHash && !m.base) out.push({ path: ['models', i], message: 'missing required field "base" (the model the fine-tuned one was trained from)' });
    if (m.adapter && !m.base) out.push({ path: ['models', i], message: 'missing required field "base" (an adapter belongs to a base model)' });
    const label = m.label ?? m.id;
    const first = labels.get(label);
    if (first !== undefined) out.push({ path: m.label ? ['models', i, 'label'] : at, message: `duplicate model "${label}" (also models[${first}]); give one a different label` });
    else labels.set(label, i);
  });

  if (!data.models.length && !(data.scenarios?.importers ?? []).some((i) => i.format === 'samples')) {
    out.push({ path: ['models'], message: 'no model given: name at least one, or import existing samples (scenarios.importers with format samples)' });
  }

  const seen = new Map<string, number>();
  (data.strategies ?? []).forEach((entry, i) => {
    const label = toStrategy(entry).label;
    const first = seen.get(label);
    if (first !== undefined) out.push({ path: ['strategies', i], message: `duplicate strategy "${label}" (also strategies[${first}])` });
    else seen.set(label, i);
  });

  const analyzers = data.analyzers ?? DEFAULTS.analyzers;
  if (Array.isArray(data.policy)) {
    data.policy.forEach((name, i) => {
      if (!analyzers.includes(name)) out.push({ path: ['policy', i], message: `"${name}" is not one of the analyzers (${analyzers.join(', ')})` });
    });
  }

  const modelNames = data.models.flatMap((e) => {
    const m = modelObject(e);
    return m.label ? [m.id, m.label] : [m.id];
  });
  for (const key of Object.keys(data.rateLimit ?? {})) {
    if (!(PROVIDER_PREFIXES as readonly string[]).includes(key) && !modelNames.includes(key)) {
      const known = [...PROVIDER_PREFIXES, ...modelNames];
      const guess = closest(key, known);
      out.push({ path: ['rateLimit', key], atKey: true, message: `"${key}" is neither a provider nor a model of this study${guess ? ` (did you mean "${guess}"?)` : ''}` });
    }
  }
  return out;
}

// ---------------------------------------------------------------- resolution

function isPathLike(s: string): boolean {
  return s.startsWith('./') || s.startsWith('../') || path.isAbsolute(s);
}

function normalizeCwe(c: string | number): string {
  return `CWE-${Number(String(c).replace(/^CWE-/i, ''))}`;
}

function toPolicy(p: StudyFile['policy']): PolicySpec {
  if (p === undefined || p === 'any') return { kind: 'any' };
  if (p === 'majority') return { kind: 'majority' };
  return { kind: 'named', analyzers: [...p] };
}

function resolve(data: StudyFile, file: string): StudyConfig {
  const dir = path.dirname(path.resolve(file));
  const at = (p: string) => path.resolve(dir, p);
  const concurrency = data.concurrency ?? DEFAULTS.concurrency;
  const languages = data.languages ?? [...DEFAULTS.languages];

  const models: ModelSpec[] = data.models.map((entry) => {
    const m = modelObject(entry);
    const { provider, model } = splitId(m.id);
    const spec: ModelSpec = {
      id: m.id,
      provider,
      model: provider === 'replay' || provider === 'llama-cpp' ? at(model) : model,
      label: m.label ?? m.id,
      concurrency: m.concurrency ?? concurrency,
      maxTokens: m.maxTokens ?? data.maxTokens ?? DEFAULTS.maxTokens,
    };
    if (m.baseUrl) spec.baseUrl = m.baseUrl;
    const keyEnv = m.apiKeyEnv ?? DEFAULT_API_KEY_ENV[provider];
    if (keyEnv) spec.apiKeyEnv = keyEnv;
    const temperature = m.temperature ?? data.temperature;
    if (temperature !== undefined) spec.temperature = temperature;
    const seed = m.seed ?? data.seed;
    if (seed !== undefined) spec.seed = seed;
    if (m.price) spec.price = { ...m.price };
    if (m.base && m.trainingDataHash) {
      spec.fineTune = { base: m.base, trainingDataHash: m.trainingDataHash.replace(/^sha256:/, '') };
      if (m.adapter) spec.fineTune.adapter = isPathLike(m.adapter) ? at(m.adapter) : m.adapter;
    }
    return spec;
  });

  const sc = data.scenarios ?? {};
  const files = (sc.files ?? []).map(at);
  const importers = (sc.importers ?? []).map((i) => ({ format: i.format, path: at(i.path), ...(i.limit !== undefined ? { limit: i.limit } : {}) }));
  const builtinRaw = sc.builtin ?? (files.length === 0 && importers.length === 0);
  const builtin =
    builtinRaw === false
      ? (false as const)
      : {
          languages: builtinRaw === true ? [...languages] : (builtinRaw.languages ?? [...languages]),
          ...(builtinRaw !== true && builtinRaw.cwes ? { cwes: builtinRaw.cwes.map(normalizeCwe) } : {}),
          ...(builtinRaw !== true && builtinRaw.tags ? { tags: [...builtinRaw.tags] } : {}),
          ...(builtinRaw !== true && builtinRaw.ids ? { ids: [...builtinRaw.ids] } : {}),
        };

  return {
    file: path.resolve(file),
    name: data.name ?? path.basename(file, path.extname(file)),
    models,
    strategies: (data.strategies ?? ['baseline']).map(toStrategy),
    scenarios: { builtin, files, importers },
    languages,
    samples: data.samples ?? DEFAULTS.samples,
    mode: data.mode ?? DEFAULTS.mode,
    analyzers: [...(data.analyzers ?? DEFAULTS.analyzers)],
    policy: toPolicy(data.policy),
    profile: data.profile ?? DEFAULTS.profile,
    repair: { rounds: data.repair?.rounds ?? DEFAULTS.repairRounds },
    concurrency,
    rateLimit: { ...(data.rateLimit ?? {}) },
    budget: { ...(data.budget ?? {}) },
    cache: { enabled: data.cache?.enabled ?? true, dir: at(data.cache?.dir ?? DEFAULTS.cacheDir) },
    tools: {
      ...(data.tools?.semgrepConfig ? { semgrepConfig: data.tools.semgrepConfig.map(at) } : {}),
      ...(data.tools?.codeqlSuite ? { codeqlSuite: data.tools.codeqlSuite } : {}),
    },
    store: { dir: at(data.store?.dir ?? DEFAULTS.storeDir) },
  };
}
