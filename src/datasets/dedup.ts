/**
 * Exact and near-duplicate removal; the first example (in source order) of each group is kept.
 *
 * - Exact: two examples of the same kind whose input (the insecure code of a repair pair, the
 *   prompt of a generation) and secure code have the same normalised tokens (tokens.ts).
 * - Near: two examples of the same kind whose secure code AND input each have a Jaccard
 *   similarity of token 5-shingles at or above the threshold. Candidates come from MinHash LSH
 *   over the secure code (minhash.ts); each candidate is confirmed with the exact Jaccard, so the
 *   outcome does not depend on MinHash's estimation error beyond LSH's recall (> 99% at 0.85).
 */
import type { Example } from './example.ts';
import { jaccard, LshIndex, MinHasher, shingles } from './minhash.ts';
import { tokenHash, tokensOf } from './tokens.ts';

export interface DuplicateOf {
  example: Example;
  /** The id of the kept example it duplicates. */
  of: string;
  /** The lower of the two Jaccard similarities (1 for exact duplicates). */
  similarity: number;
}

export interface DedupResult {
  kept: Example[];
  exact: DuplicateOf[];
  near: DuplicateOf[];
}

export interface DedupOptions {
  threshold: number;
  seed: number;
}

/** The token sequence of an example's input: code for a repair pair, prose for a generation's prompt. */
export function inputTokens(e: Example): string[] {
  return e.insecure !== undefined ? tokensOf(e.insecure, e.language) : tokensOf(e.prompt);
}

/** Drops exact, then near duplicates. */
export function dedupe(examples: readonly Example[], options: DedupOptions): DedupResult {
  const exact: DuplicateOf[] = [];
  const near: DuplicateOf[] = [];
  const seen = new Map<string, Example>();
  const unique: Array<{ e: Example; input: string[]; secure: string[] }> = [];
  for (const e of examples) {
    const input = inputTokens(e);
    const secure = tokensOf(e.secure, e.language);
    const key = `${e.kind}:${tokenHash([...input, '\u0002', ...secure])}`;
    const first = seen.get(key);
    if (first) exact.push({ example: e, of: first.id, similarity: 1 });
    else {
      seen.set(key, e);
      unique.push({ e, input, secure });
    }
  }
  const hasher = new MinHasher(options.seed);
  const index = new LshIndex<{ e: Example; input: Set<string>; secure: Set<string> }>(hasher);
  const kept: Example[] = [];
  for (const u of unique) {
    const item = { e: u.e, input: shingles(u.input), secure: shingles(u.secure) };
    const sig = hasher.signature(item.secure);
    let dup: DuplicateOf | undefined;
    for (const c of index.candidates(sig)) {
      if (c.e.kind !== u.e.kind) continue;
      const similarity = Math.min(jaccard(item.secure, c.secure), jaccard(item.input, c.input));
      if (similarity >= options.threshold) {
        dup = { example: u.e, of: c.e.id, similarity };
        break;
      }
    }
    if (dup) near.push(dup);
    else {
      index.add(sig, item);
      kept.push(u.e);
    }
  }
  return { kept, exact, near };
}
