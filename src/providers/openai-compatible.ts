/** OpenAI Chat Completions (`POST {baseUrl}/chat/completions`), JSON and SSE streaming. */
import { z } from 'zod';
import { ProviderError } from './errors.ts';
import { HttpProvider, type WireGeneration, badResponse, parseEventJson, readJson, readSse } from './http.ts';
import {
  GenerationRequestSchema, type FinishReason, type GenerationRequest, type HttpProviderOptions,
} from './types.ts';

export interface OpenAiCompatibleOptions extends HttpProviderOptions {
  /**
   * Which field carries the token limit: OpenAI's newer models accept only
   * `max_completion_tokens`; most compatible servers (vLLM, llama.cpp, older APIs) read `max_tokens`.
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Extra headers, e.g. OpenRouter's `HTTP-Referer`. Never part of a cache key. */
  headers?: Record<string, string>;
}

const UsageSchema = z
  .object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() })
  .nullish();

const CompletionSchema = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: UsageSchema,
});

const ChunkSchema = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .optional(),
  usage: UsageSchema,
  error: z.unknown().optional(),
});

/** OpenAI finish_reason → ours. */
export function mapOpenAiFinish(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content_filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    default:
      return 'other';
  }
}

/** Options of {@link openAiChatBody}: the default model and the provider's wire choices. */
export interface OpenAiChatBodyOptions {
  model: string;
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  stream?: boolean;
}

/** The Chat Completions JSON body for a request (shared by the provider and batch files). */
export function openAiChatBody(request: GenerationRequest, o: OpenAiChatBodyOptions): Record<string, unknown> {
  const r = GenerationRequestSchema.parse(request);
  const body: Record<string, unknown> = {
    model: r.model ?? o.model,
    messages: r.messages.map((m) => ({ role: m.role, content: m.content })),
  };
  if (r.temperature !== undefined) body.temperature = r.temperature;
  if (r.maxTokens !== undefined) body[o.maxTokensField ?? 'max_tokens'] = r.maxTokens;
  if (r.seed !== undefined) body.seed = r.seed;
  if (r.stop?.length) body.stop = r.stop;
  if (o.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  } else body.stream = false;
  return body;
}

/** A parsed (non-streaming) chat completion body → generation fields, or bad-response. */
export function parseOpenAiCompletion(providerId: string, json: unknown): WireGeneration {
  const parsed = CompletionSchema.safeParse(json);
  if (!parsed.success) throw badResponse(providerId, 'no choices[0].message in the completion');
  const c = parsed.data;
  const choice = c.choices[0];
  return {
    text: choice.message.content ?? '',
    finishReason: mapOpenAiFinish(choice.finish_reason),
    rawFinishReason: choice.finish_reason ?? undefined,
    usage: { inputTokens: c.usage?.prompt_tokens ?? 0, outputTokens: c.usage?.completion_tokens ?? 0 },
    raw: { id: c.id, model: c.model },
  };
}

/** A provider for any server speaking the OpenAI Chat Completions wire format. */
export class OpenAiCompatibleProvider extends HttpProvider<OpenAiCompatibleOptions> {

  /** The JSON body sent for a request (exposed for tests and batch files). */
  body(request: GenerationRequest): Record<string, unknown> {
    return openAiChatBody(request, { model: this.o.model, maxTokensField: this.o.maxTokensField, stream: this.o.stream });
  }

  protected path(): string {
    return '/chat/completions';
  }

  protected headers(): Record<string, string> {
    return {
      ...(this.o.headers ?? {}),
      ...(this.o.apiKey ? { authorization: `Bearer ${this.o.apiKey}` } : {}),
      accept: this.o.stream ? 'text/event-stream' : 'application/json',
    };
  }

  protected async readBody(res: Response): Promise<WireGeneration> {
    return parseOpenAiCompletion(this.id, await readJson(this.id, res));
  }

  protected async readStream(res: Response): Promise<WireGeneration> {
    let text = '';
    let finish: string | undefined;
    let id: string | undefined;
    let model: string | undefined;
    let usage = { inputTokens: 0, outputTokens: 0 };
    let done = false;
    for await (const ev of readSse(res)) {
      if (ev.data === '[DONE]') {
        done = true;
        break;
      }
      const parsed = ChunkSchema.safeParse(parseEventJson(this.id, ev.data));
      if (!parsed.success) throw badResponse(this.id, 'stream chunk without the expected fields');
      const chunk = parsed.data;
      if (chunk.error !== undefined) {
        const e = chunk.error as { message?: unknown };
        const msg = typeof e?.message === 'string' ? e.message : 'error event in stream';
        throw new ProviderError(`${this.id}: stream error: ${msg}`, { kind: 'server', providerId: this.id });
      }
      id ??= chunk.id;
      model ??= chunk.model;
      for (const choice of chunk.choices ?? []) {
        text += choice.delta?.content ?? '';
        if (choice.finish_reason) finish = choice.finish_reason;
      }
      if (chunk.usage) {
        usage = {
          inputTokens: chunk.usage.prompt_tokens ?? 0,
          outputTokens: chunk.usage.completion_tokens ?? 0,
        };
      }
    }
    // a stream cut before [DONE] and without a finish reason is a truncated transfer, worth a retry
    if (!done && finish === undefined) {
      throw new ProviderError(`${this.id}: stream ended before [DONE]`, { kind: 'network', providerId: this.id });
    }
    return {
      text,
      finishReason: mapOpenAiFinish(finish),
      rawFinishReason: finish,
      usage,
      raw: { id, model },
    };
  }
}
