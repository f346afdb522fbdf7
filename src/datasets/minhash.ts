/**
 * MinHash signatures over token shingles, with LSH banding to find candidate pairs, and the exact
 * Jaccard similarity to confirm them. Everything is deterministic for a seed: the permutations are
 * 32-bit hash functions `fmix32(x XOR s_i)` with s_i drawn from a seeded generator.
 */

/** Shingle width in tokens. */
export const SHINGLE = 5;
/** Signature length. */
export const PERMUTATIONS = 128;
/** LSH: 16 bands of 8 rows; two sets of Jaccard 0.85 share a band with probability > 0.99. */
export const BANDS = 16;
const ROWS = PERMUTATIONS / BANDS;

/** The set of token 5-shingles (a sequence shorter than 5 tokens is one shingle). */
export function shingles(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (tokens.length <= SHINGLE) out.add(tokens.join('\u0001'));
  else for (let i = 0; i + SHINGLE <= tokens.length; i++) out.add(tokens.slice(i, i + SHINGLE).join('\u0001'));
  return out;
}

/** |A ∩ B| / |A ∪ B|; two empty sets are identical (1). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size && !b.size) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** FNV-1a, 32 bits, over UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: a bijection on 32-bit integers. */
function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A small seeded generator (mulberry32), for permutations and shuffles. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The MinHash of shingle sets under one seed. */
export class MinHasher {
  private readonly salts: Uint32Array;
  constructor(seed: number) {
    const next = seededRandom(seed ^ 0x5eed);
    this.salts = Uint32Array.from({ length: PERMUTATIONS }, () => Math.floor(next() * 4294967296));
  }

  signature(set: ReadonlySet<string>): Uint32Array {
    const sig = new Uint32Array(PERMUTATIONS).fill(0xffffffff);
    for (const s of set) {
      const x = fnv1a(s);
      for (let i = 0; i < PERMUTATIONS; i++) {
        const h = fmix32(x ^ this.salts[i]!);
        if (h < sig[i]!) sig[i] = h;
      }
    }
    return sig;
  }

  /** The LSH bucket keys of a signature, one per band. */
  bands(sig: Uint32Array): string[] {
    const out: string[] = [];
    for (let b = 0; b < BANDS; b++) out.push(`${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`);
    return out;
  }
}

/** An LSH index of items; `candidates` are the items sharing at least one band, in insertion order. */
export class LshIndex<T> {
  private readonly buckets = new Map<string, number[]>();
  private readonly items: T[] = [];
  constructor(private readonly hasher: MinHasher) {}

  add(sig: Uint32Array, item: T): void {
    const n = this.items.push(item) - 1;
    for (const key of this.hasher.bands(sig)) {
      const list = this.buckets.get(key);
      if (list) list.push(n);
      else this.buckets.set(key, [n]);
    }
  }

  candidates(sig: Uint32Array): T[] {
    const hits = new Set<number>();
    for (const key of this.hasher.bands(sig)) for (const n of this.buckets.get(key) ?? []) hits.add(n);
    return [...hits].sort((a, b) => a - b).map((n) => this.items[n]!);
  }
}
