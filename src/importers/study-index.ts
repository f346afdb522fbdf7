/**
 * The samples of an imported study as findings files name them, and fingerprints for the findings
 * other tools reported on them.
 *
 * A sample answers to its path relative to the samples directory (`m1/baseline/s1/0.py`), to the
 * same layout path when it came from a JSONL file (`<model>/<strategy>/<scenario>/<n>.<ext>`, as a
 * tool would have scanned it once written out), and, for JSONL, to its line number. A path that
 * ends in a sample's path (a URI from the author's machine) names that sample, and so does a file
 * name that only one sample has.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLE_FILE } from '../experiments/sample-scanner.ts';
import { fingerprint } from '../scanner/fingerprint.ts';
import type { ImportedSample } from './types.ts';

export interface IndexedSample extends ImportedSample {
  /** The key the sample is shown under: its relative path, or its layout path for JSONL. */
  key: string;
  /** The code split into lines, for snippets and fingerprints. */
  lines: string[];
}

export type Resolution = { sample: IndexedSample } | { error: string };

/** Looks samples up by the names findings files give them. */
export class SampleIndex {
  readonly samples: IndexedSample[];
  private readonly byName = new Map<string, IndexedSample>();
  private readonly byKey = new Map<string, IndexedSample>();
  private readonly byBase = new Map<string, IndexedSample[]>();

  /** `root`: the samples directory, or the folder of the JSONL file. */
  constructor(
    samples: readonly ImportedSample[],
    readonly root: string,
  ) {
    this.samples = samples.map((s) => {
      const layout = `${s.model}/${s.strategy}/${s.scenario}/${s.sampleIndex}${path.extname(SAMPLE_FILE[s.language])}`;
      const key = s.source.line === undefined ? toPosix(path.relative(root, s.source.file)) : layout;
      return { ...s, key, lines: s.code.split(/\r?\n/) };
    });
    for (const s of this.samples) {
      this.byKey.set(s.key, s);
      this.byName.set(s.key, s);
      if (s.source.line !== undefined) this.byName.set(String(s.source.line), s);
      const base = s.key.slice(s.key.lastIndexOf('/') + 1);
      this.byBase.set(base, [...(this.byBase.get(base) ?? []), s]);
    }
  }

  /** The sample a file path, URI, relative path or JSONL line number stands for. */
  resolve(ref: string): Resolution {
    const name = normaliseRef(ref, this.root);
    if (!name) return { error: 'no file or sample id given' };
    const hit = this.byName.get(name);
    if (hit) return { sample: hit };
    // A path from another machine: some folders, then a whole sample path.
    const segs = name.split('/').filter((x) => x && x !== '.');
    for (let i = 1; i < segs.length; i++) {
      const s = this.byKey.get(segs.slice(i).join('/'));
      if (s) return { sample: s };
    }
    const same = this.byBase.get(segs[segs.length - 1] ?? '') ?? [];
    if (same.length === 1) return { sample: same[0]! };
    return { error: `"${ref}" is not among the imported samples${same.length ? ` (its file name matches ${same.length} of them, so it does not say which)` : ''}` };
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** A URI or path as a '/'-separated path, relative to root when it lies inside it. */
function normaliseRef(ref: string, root: string): string {
  let p = ref.trim();
  if (/^file:/i.test(p)) {
    try {
      p = fileURLToPath(p);
    } catch {
      return p;
    }
  } else {
    try {
      p = decodeURIComponent(p);
    } catch {
      // keep it as written
    }
  }
  if (path.isAbsolute(p)) {
    const rel = path.relative(root, p);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) p = rel;
  }
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

const SNIPPET_MAX = 160;

/**
 * Snippets and fingerprints for one analyzer's findings on one sample. The fingerprint hashes the
 * CWE and the normalised text of the flagged line of the sample's own code, never the line number
 * nor the tool's rule id, so that a weakness that moved keeps its fingerprint, and a SARIF log and a
 * CSV of the same findings give the same ones. Without a line (or past the code's end) it hashes the
 * CWE alone. Repeats are numbered so that identical lines stay distinct.
 */
export class ImportedFingerprints {
  private readonly seen = new Map<string, number>();

  constructor(private readonly sample: IndexedSample) {}

  of(cwe: string, line: number | undefined): { fingerprint: string; snippet: string } {
    const text = line !== undefined && line >= 1 ? (this.sample.lines[line - 1] ?? '').trim() : '';
    const key = `${cwe}\u0000${text.replace(/\s+/g, '')}`;
    const occurrence = this.seen.get(key) ?? 0;
    this.seen.set(key, occurrence + 1);
    return {
      fingerprint: fingerprint(`import/${cwe}`, '', text, occurrence),
      snippet: text.length > SNIPPET_MAX ? `${text.slice(0, SNIPPET_MAX - 1)}…` : text,
    };
  }
}
