/** Provider ids (`openai:gpt-4.1`, `ollama:qwen2.5-coder:7b`, `replay:FILE`, `llama-cpp:FILE.gguf`…) → provider instances. */
import { ConfigError } from '../core/errors.ts';
import { AnthropicProvider } from './anthropic.ts';
import { LlamaCppProvider, type LlamaCppProviderOptions } from './llama-cpp.ts';
import { OLLAMA_DEFAULT_BASE_URL, OllamaProvider } from './ollama.ts';
import { OpenAiCompatibleProvider } from './openai-compatible.ts';
import { ReplayProvider } from './replay.ts';
import type { Provider } from './types.ts';

export const PROVIDER_KINDS = ['openai', 'anthropic', 'ollama', 'openai-compatible', 'replay', 'llama-cpp'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export interface ParsedProviderId {
  kind: ProviderKind;
  /** The model name (may contain `:` and `/`); absent for replay and for a compatible server whose config names it. */
  model?: string;
  /** The config entry of an `openai-compatible:NAME[:MODEL]` id. */
  name?: string;
  /** The file of a `replay:FILE` or `llama-cpp:FILE.gguf` id. */
  file?: string;
}

export interface EndpointConfig {
  baseUrl?: string;
  /** Name of the environment variable holding the key (the key itself never sits in config). */
  apiKeyEnv?: string;
  stream?: boolean;
}

export interface CompatibleEndpointConfig extends EndpointConfig {
  baseUrl: string;
  /** Model used when the id has no `:MODEL` part. */
  model?: string;
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  headers?: Record<string, string>;
}

export interface ProvidersConfig {
  openai?: EndpointConfig;
  anthropic?: EndpointConfig;
  ollama?: EndpointConfig;
  openaiCompatible?: Record<string, CompatibleEndpointConfig>;
  /** Settings of embedded GGUF models (every `llama-cpp:` id). */
  llamaCpp?: Pick<LlamaCppProviderOptions, 'contextSize' | 'gpuLayers' | 'load'>;
  /** Default for every provider without its own `stream`. */
  stream?: boolean;
  /** Where API keys are read from (default process.env). */
  env?: Record<string, string | undefined>;
}

/** Split a provider id at its first colon; the rest is the model (or file, or NAME[:MODEL]). */
export function parseProviderId(id: string): ParsedProviderId {
  const colon = id.indexOf(':');
  const prefix = colon < 0 ? id : id.slice(0, colon);
  const rest = colon < 0 ? '' : id.slice(colon + 1);
  if (!(PROVIDER_KINDS as readonly string[]).includes(prefix)) {
    throw new ConfigError(
      `unknown provider "${prefix}" in model id "${id}"`,
      `use one of ${PROVIDER_KINDS.map((k) => `${k}:…`).join(', ')}`,
    );
  }
  const kind = prefix as ProviderKind;
  if (!rest.trim()) {
    const what = kind === 'replay' || kind === 'llama-cpp' ? 'a file' : kind === 'openai-compatible' ? 'a server name' : 'a model name';
    throw new ConfigError(`model id "${id}" needs ${what} after "${kind}:"`);
  }
  if (kind === 'replay' || kind === 'llama-cpp') return { kind, file: rest };
  if (kind === 'openai-compatible') {
    const c = rest.indexOf(':');
    const name = c < 0 ? rest : rest.slice(0, c);
    const model = c < 0 ? undefined : rest.slice(c + 1);
    if (!name || model === '') throw new ConfigError(`model id "${id}" must look like openai-compatible:NAME or openai-compatible:NAME:MODEL`);
    return model === undefined ? { kind, name } : { kind, name, model };
  }
  return { kind, model: rest };
}

function key(env: Record<string, string | undefined>, varName: string | undefined, id: string, required: boolean): string | undefined {
  if (!varName) return undefined;
  const value = env[varName];
  if (value) return value;
  if (required) throw new ConfigError(`${id}: environment variable ${varName} is not set`, `export ${varName}=… before running`);
  return undefined;
}

/** Create the provider for an id; ConfigError for unknown ids, missing config or missing keys. */
export function createProvider(id: string, config: ProvidersConfig = {}): Provider {
  const p = parseProviderId(id);
  const env = config.env ?? process.env;
  switch (p.kind) {
    case 'openai': {
      const c = config.openai ?? {};
      return new OpenAiCompatibleProvider({
        id,
        model: p.model as string,
        baseUrl: c.baseUrl ?? 'https://api.openai.com/v1',
        apiKey: key(env, c.apiKeyEnv ?? 'OPENAI_API_KEY', id, true),
        stream: c.stream ?? config.stream,
        maxTokensField: 'max_completion_tokens',
      });
    }
    case 'anthropic': {
      const c = config.anthropic ?? {};
      return new AnthropicProvider({
        id,
        model: p.model as string,
        baseUrl: c.baseUrl ?? 'https://api.anthropic.com',
        apiKey: key(env, c.apiKeyEnv ?? 'ANTHROPIC_API_KEY', id, true),
        stream: c.stream ?? config.stream,
      });
    }
    case 'ollama': {
      const c = config.ollama ?? {};
      return new OllamaProvider({
        id,
        model: p.model as string,
        baseUrl: c.baseUrl ?? OLLAMA_DEFAULT_BASE_URL,
        apiKey: key(env, c.apiKeyEnv, id, true),
        stream: c.stream ?? config.stream,
      });
    }
    case 'openai-compatible': {
      const c = config.openaiCompatible?.[p.name as string];
      if (!c) {
        const known = Object.keys(config.openaiCompatible ?? {});
        throw new ConfigError(
          `${id}: no openai-compatible server named "${p.name}" in the config`,
          known.length ? `configured: ${known.join(', ')}` : 'add it with a baseUrl (and apiKeyEnv if it needs a key)',
        );
      }
      const model = p.model ?? c.model;
      if (!model) throw new ConfigError(`${id}: no model; write openai-compatible:${p.name}:MODEL or set model in its config`);
      return new OpenAiCompatibleProvider({
        id,
        model,
        baseUrl: c.baseUrl,
        apiKey: key(env, c.apiKeyEnv, id, true),
        stream: c.stream ?? config.stream,
        maxTokensField: c.maxTokensField ?? 'max_tokens',
        headers: c.headers,
      });
    }
    case 'replay':
      return new ReplayProvider(p.file as string, id);
    case 'llama-cpp':
      // nothing is loaded here: node-llama-cpp and the model file are only needed on the first call
      return new LlamaCppProvider({ id, modelPath: p.file as string, ...config.llamaCpp });
  }
}
