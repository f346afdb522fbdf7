/**
 * The provenance of training data: the dataset card's content hash when a card sits beside the
 * file, else the SHA-256 of the training file's bytes.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors.ts';

export interface TrainingData {
  /** Absolute path of the training file. */
  file: string;
  bytes: Buffer;
  /** `sha256:<64 hex>`. */
  hash: string;
  /** Where the hash came from: the dataset card, or the file's own bytes. */
  hashSource: 'card' | 'file';
  /** The card the hash was read from, when it was. */
  card?: string;
}

const CARD_HASH = /content hash:\s*sha256:([0-9a-f]{64})\b/i;

/** `sha256:<hex>` of some bytes. */
export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The `content hash: sha256:…` line of a dataset card, if it has one. */
export function cardHash(text: string): string | undefined {
  const m = CARD_HASH.exec(text);
  return m ? `sha256:${m[1]!.toLowerCase()}` : undefined;
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Read a training file and decide its hash. `card` names the dataset card; by default the
 * `README.md` beside the file is used when it exists and carries a content hash. A named card
 * without a hash line is an error (the user asked for it); a default one is silently skipped.
 */
export async function readTrainingData(file: string, card?: string): Promise<TrainingData> {
  const abs = path.resolve(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (err) {
    throw new InputError(`cannot read training file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (bytes.length === 0) throw new InputError(`training file ${file} is empty`);
  if (card !== undefined) {
    const text = await readOrUndefined(path.resolve(card));
    if (text === undefined) throw new InputError(`cannot read dataset card ${card}`);
    const h = cardHash(text);
    if (!h) throw new InputError(`dataset card ${card} has no "content hash: sha256:…" line`);
    return { file: abs, bytes, hash: h, hashSource: 'card', card: path.resolve(card) };
  }
  const beside = path.join(path.dirname(abs), 'README.md');
  const text = await readOrUndefined(beside);
  const h = text === undefined ? undefined : cardHash(text);
  if (h) return { file: abs, bytes, hash: h, hashSource: 'card', card: beside };
  return { file: abs, bytes, hash: sha256(bytes), hashSource: 'file' };
}
