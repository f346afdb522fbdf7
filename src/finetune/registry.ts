/**
 * The model registry: a YAML list of trained models with their provenance, and the study snippet
 * that puts one beside its base model. Registry entries carry the study model fields plus
 * jobId, backend and created, which a study file does not accept.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { ModelObjectSchema } from '../config/schema.ts';
import { ConfigError } from '../core/errors.ts';

export type FinetuneBackendName = 'openai' | 'together' | 'peft';

/** The file inside the store directory that trained models are appended to. */
export const REGISTRY_FILE = 'models.yaml';
/** Where a PEFT adapter is assumed to be served (vLLM's default port) unless told otherwise. */
export const VLLM_DEFAULT_BASE_URL = 'http://localhost:8000/v1';
export const TOGETHER_INFERENCE_BASE_URL = 'https://api.together.xyz/v1';

export interface RegistryEntry {
  id: string;
  label: string;
  base: string;
  adapter?: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  jobId?: string;
  trainingDataHash: string;
  backend: FinetuneBackendName;
  created: string;
}

export interface TrainedModel {
  backend: FinetuneBackendName;
  /** The provider's name of the trained model (OpenAI `ft:…`, Together `output_name`) or, for peft, the adapter's served name. */
  model: string;
  /** The base model as the training backend names it. */
  baseModel: string;
  trainingDataHash: string;
  jobId?: string;
  /** peft: the adapter directory (absolute). */
  adapter?: string;
  label?: string;
  /** The base URL the trained model is served at (Together and peft). */
  baseUrl?: string;
  apiKeyEnv?: string;
  /** The base model's id in the study, when it differs from the default mapping. */
  baseId?: string;
  now?: Date;
}

/**
 * A registry entry for a trained model. OpenAI models keep the `openai:` prefix; Together's and a
 * vLLM-served adapter are `openai-compatible:together:…` / `openai-compatible:vllm:…`, whose study
 * entries need the base URL.
 */
export function registryEntry(t: TrainedModel): RegistryEntry {
  let id: string;
  let base: string;
  let baseUrl = t.baseUrl;
  let apiKeyEnv = t.apiKeyEnv;
  if (t.backend === 'openai') {
    id = `openai:${t.model}`;
    base = `openai:${t.baseModel}`;
  } else if (t.backend === 'together') {
    id = `openai-compatible:together:${t.model}`;
    base = `openai-compatible:together:${t.baseModel}`;
    baseUrl ??= TOGETHER_INFERENCE_BASE_URL;
    apiKeyEnv ??= 'TOGETHER_API_KEY';
  } else {
    id = `openai-compatible:vllm:${t.model}`;
    base = `openai-compatible:vllm:${t.baseModel}`;
    baseUrl ??= VLLM_DEFAULT_BASE_URL;
  }
  const entry: RegistryEntry = {
    id,
    label: t.label ?? t.model,
    base: t.baseId ?? base,
    ...(t.adapter ? { adapter: t.adapter } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ...(apiKeyEnv ? { apiKeyEnv } : {}),
    ...(t.jobId ? { jobId: t.jobId } : {}),
    trainingDataHash: t.trainingDataHash,
    backend: t.backend,
    created: (t.now ?? new Date()).toISOString(),
  };
  // the study loader must accept what we tell the user to paste
  const check = ModelObjectSchema.safeParse(studyModel(entry));
  if (!check.success) {
    const issue = check.error.issues[0]!;
    throw new ConfigError(`the trained model cannot be registered: ${issue.path.join('.')}: ${issue.message}`);
  }
  return entry;
}

/** The fields of a registry entry a study's `models:` list accepts. */
export function studyModel(e: RegistryEntry): Record<string, string> {
  return {
    id: e.id,
    label: e.label,
    ...(e.baseUrl ? { baseUrl: e.baseUrl } : {}),
    ...(e.apiKeyEnv ? { apiKeyEnv: e.apiKeyEnv } : {}),
    base: e.base,
    ...(e.adapter ? { adapter: e.adapter } : {}),
    trainingDataHash: e.trainingDataHash,
  };
}

/** YAML to paste into a study: the base model and the fine-tuned one side by side. */
export function studySnippet(e: RegistryEntry): string {
  return stringify({ models: [e.base, studyModel(e)] });
}

/** The registry path: `--register FILE`, else `models.yaml` in the store directory. */
export function registryPath(register: string | undefined, storeDir: string): string {
  return path.resolve(register ?? path.join(storeDir, REGISTRY_FILE));
}

/** Append an entry to the registry file (created with its directory when missing); returns all entries. */
export async function appendToRegistry(file: string, entry: RegistryEntry): Promise<unknown[]> {
  let existing: unknown[] = [];
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigError(`cannot read model registry ${file}: ${(err as Error).message}`);
  }
  if (text !== undefined && text.trim()) {
    let doc: unknown;
    try {
      doc = parse(text);
    } catch (err) {
      throw new ConfigError(`model registry ${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    if (doc != null && !Array.isArray(doc)) throw new ConfigError(`model registry ${file} is not a YAML list`, 'move it aside or name another file with --register');
    existing = (doc as unknown[] | null) ?? [];
  }
  const all = [...existing, entry];
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, stringify(all));
  return all;
}
