/**
 * Batch APIs behind one small interface: write a request file for OpenAI or Anthropic, read the
 * result files back into customId → generation | error. The clients live in openai.ts and
 * anthropic.ts; this module is the offline path (export now, import the results later).
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { ProviderError } from '../errors.ts';
import { anthropicBatchFile, parseAnthropicBatchResults } from './anthropic.ts';
import { openAiBatchFile, parseOpenAiBatchOutput, type OpenAiBatchBodyOptions } from './openai.ts';
import type { BatchEntry, BatchResults } from './shared.ts';

export type { BatchEntry, BatchEntryError, BatchEntryErrorKind, BatchResult, BatchResults, PollOptions } from './shared.ts';
export {
  OpenAiBatchClient, openAiBatchLine, openAiBatchFile, parseOpenAiBatchOutput,
  OPENAI_BATCH_ENDPOINT, OPENAI_TERMINAL_STATUSES,
  type OpenAiBatch, type OpenAiBatchBodyOptions, type OpenAiBatchClientOptions, type OpenAiBatchLine,
} from './openai.ts';
export {
  AnthropicBatchClient, anthropicBatchRequest, anthropicBatchRequests, anthropicBatchFile, parseAnthropicBatchResults,
  ANTHROPIC_CUSTOM_ID, type AnthropicBatch, type AnthropicBatchClientOptions, type AnthropicBatchRequest,
} from './anthropic.ts';

export type BatchKind = 'openai' | 'anthropic';

export const BATCH_CUSTOM_ID_PREFIX = 'sf-';

/**
 * A custom id valid for both APIs, derived from a 64-hex request key: `sf-` + its first 60 hex
 * digits (63 characters, within Anthropic's `^[a-zA-Z0-9_-]{1,64}$`). 240 bits keep collisions
 * out of reach; the caller maps ids back to keys with the same function.
 */
export function batchCustomId(requestKey: string): string {
  if (!/^[0-9a-f]{64}$/.test(requestKey)) {
    throw new ProviderError(`batch: ${JSON.stringify(requestKey.slice(0, 80))} is not a 64-hex request key`, {
      kind: 'bad-request',
      providerId: 'batch',
    });
  }
  return `${BATCH_CUSTOM_ID_PREFIX}${requestKey.slice(0, 60)}`;
}

/** The request file's text: OpenAI's input-file lines, or Anthropic's `{custom_id, params}` lines. */
export function batchFileText(kind: BatchKind, entries: ReadonlyArray<BatchEntry>, options: OpenAiBatchBodyOptions = {}): string {
  return kind === 'openai' ? openAiBatchFile(entries, options) : anthropicBatchFile(entries);
}

/** Write the request file atomically (a temp file beside it, then rename), so a crash leaves no half file. */
export async function writeBatchFile(
  kind: BatchKind,
  entries: ReadonlyArray<BatchEntry>,
  file: string,
  options: OpenAiBatchBodyOptions = {},
): Promise<void> {
  const text = batchFileText(kind, entries, options);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { encoding: 'utf8', flag: 'wx' });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new InputError(`cannot write batch file ${file}: ${(err as Error).message}`);
  }
}

/** Parse result text of either kind (OpenAI output or error file; Anthropic results). */
export function parseBatchResults(kind: BatchKind, text: string, source: string, into: BatchResults = new Map()): BatchResults {
  return kind === 'openai' ? parseOpenAiBatchOutput(text, source, into) : parseAnthropicBatchResults(text, source, into);
}

/**
 * Read downloaded result files into one map. For OpenAI pass the output file and, if there is
 * one, the error file; a line that cannot be read throws a ProviderError naming file and line.
 */
export async function readBatchResults(kind: BatchKind, files: string | ReadonlyArray<string>): Promise<BatchResults> {
  const results: BatchResults = new Map();
  for (const file of typeof files === 'string' ? [files] : files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new InputError(`cannot read batch results ${file}: ${(err as Error).message}`);
    }
    parseBatchResults(kind, text, file, results);
  }
  return results;
}
