/** Anthropic Messages (`POST {baseUrl}/v1/messages`), JSON and SSE streaming. */
import { z } from 'zod';
import { ProviderError } from './errors.ts';
import { HttpProvider, type WireGeneration, badResponse, parseEventJson, readJson, readSse } from './http.ts';
import {
  GenerationRequestSchema, type FinishReason, type GenerationRequest,
} from './types.ts';

export const ANTHROPIC_VERSION = '2023-06-01';
/** Messages requires max_tokens; used when the request sets none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

const UsageSchema = z.object({
  input_tokens: z.number().optional(),
  output_tokens: z.number().optional(),
});

const MessageSchema = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  content: z.array(z.object({ type: z.string(), text: z.string().optional() })),
  stop_reason: z.string().nullish(),
  usage: UsageSchema.optional(),
});

/** Anthropic stop_reason → ours. */
export function mapAnthropicStop(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'content_filter';
    case 'tool_use':
      return 'tool_calls';
    default:
      return 'other';
  }
}

function streamError(providerId: string, data: unknown): ProviderError {
  const e = (data as { error?: { type?: unknown; message?: unknown } }).error ?? {};
  const type = typeof e.type === 'string' ? e.type : 'error';
  const message = typeof e.message === 'string' ? e.message : '';
  const retryable = type === 'overloaded_error' || type === 'api_error' || type === 'rate_limit_error';
  return new ProviderError(`${providerId}: stream error: ${type}${message ? `: ${message}` : ''}`, {
    kind: type === 'rate_limit_error' ? 'rate-limit' : retryable ? 'server' : 'bad-request',
    providerId,
    retryable,
  });
}

/**
 * The Messages JSON body for a request (shared by the provider and batch files): system messages
 * move to the top-level `system` field; Anthropic has no seed, so a request's seed is dropped.
 */
export function anthropicMessagesBody(request: GenerationRequest, o: { model: string; stream?: boolean }): Record<string, unknown> {
  const r = GenerationRequestSchema.parse(request);
  const system = r.messages.filter((m) => m.role === 'system').map((m) => m.content);
  const body: Record<string, unknown> = {
    model: r.model ?? o.model,
    max_tokens: r.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages: r.messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({ role: m.role, content: m.content })),
  };
  if (system.length) body.system = system.join('\n\n');
  if (r.temperature !== undefined) body.temperature = Math.min(1, r.temperature);
  if (r.stop?.length) body.stop_sequences = r.stop;
  if (o.stream) body.stream = true;
  return body;
}

/** A parsed (non-streaming) Messages response body → generation fields, or bad-response. */
export function parseAnthropicMessage(providerId: string, json: unknown): WireGeneration {
  const parsed = MessageSchema.safeParse(json);
  if (!parsed.success) throw badResponse(providerId, 'no content array in the message');
  const m = parsed.data;
  return {
    text: m.content.filter((b) => b.type === 'text').map((b) => b.text ?? '').join(''),
    finishReason: mapAnthropicStop(m.stop_reason),
    rawFinishReason: m.stop_reason ?? undefined,
    usage: { inputTokens: m.usage?.input_tokens ?? 0, outputTokens: m.usage?.output_tokens ?? 0 },
    raw: { id: m.id, model: m.model },
  };
}

/** A provider for the Anthropic Messages API. Anthropic has no seed: a request's seed is ignored. */
export class AnthropicProvider extends HttpProvider {

  /** The JSON body sent for a request: system messages move to the top-level `system` field. */
  body(request: GenerationRequest): Record<string, unknown> {
    return anthropicMessagesBody(request, { model: this.o.model, stream: this.o.stream });
  }

  protected path(): string {
    return '/v1/messages';
  }

  protected headers(): Record<string, string> {
    return {
      ...(this.o.apiKey ? { 'x-api-key': this.o.apiKey } : {}),
      'anthropic-version': ANTHROPIC_VERSION,
      accept: this.o.stream ? 'text/event-stream' : 'application/json',
    };
  }

  protected async readBody(res: Response): Promise<WireGeneration> {
    return parseAnthropicMessage(this.id, await readJson(this.id, res));
  }

  protected async readStream(res: Response): Promise<WireGeneration> {
    let text = '';
    let stop: string | undefined;
    let id: string | undefined;
    let model: string | undefined;
    let inputTokens = 0;
    let outputTokens = 0;
    let stopped = false;
    for await (const ev of readSse(res)) {
      const data = parseEventJson(this.id, ev.data) as Record<string, any>;
      const type = typeof data?.type === 'string' ? data.type : ev.event;
      switch (type) {
        case 'message_start': {
          const m = data.message ?? {};
          id = typeof m.id === 'string' ? m.id : undefined;
          model = typeof m.model === 'string' ? m.model : undefined;
          inputTokens = Number(m.usage?.input_tokens ?? 0);
          outputTokens = Number(m.usage?.output_tokens ?? 0);
          break;
        }
        case 'content_block_delta':
          if (data.delta?.type === 'text_delta' && typeof data.delta.text === 'string') text += data.delta.text;
          break;
        case 'message_delta':
          if (typeof data.delta?.stop_reason === 'string') stop = data.delta.stop_reason;
          // message_delta usage counts are cumulative, so the last one wins
          if (typeof data.usage?.output_tokens === 'number') outputTokens = data.usage.output_tokens;
          if (typeof data.usage?.input_tokens === 'number') inputTokens = data.usage.input_tokens;
          break;
        case 'message_stop':
          stopped = true;
          break;
        case 'error':
          throw streamError(this.id, data);
        default:
          break; // ping, content_block_start/stop and future event types
      }
      if (stopped) break;
    }
    if (!stopped) {
      throw new ProviderError(`${this.id}: stream ended before message_stop`, { kind: 'network', providerId: this.id });
    }
    if (!Number.isFinite(inputTokens) || !Number.isFinite(outputTokens)) {
      throw badResponse(this.id, 'usage counts are not numbers');
    }
    return {
      text,
      finishReason: mapAnthropicStop(stop),
      rawFinishReason: stop,
      usage: { inputTokens, outputTokens },
      raw: { id, model },
    };
  }
}
