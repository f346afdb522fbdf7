/**
 * What a fix did to a sample. Findings are matched by fingerprint (rule + enclosing function +
 * normalised sink text, never a line number), so a weakness that moved or survived a rename still
 * matches, and one the fix wrote is told apart from one it kept.
 *
 * Pairs:
 * - refine: each arm's final round against the baseline sample it started from (the root of its
 *   chain), as the study compared a refined output with its original;
 * - generate and import: sample i of a strategy against sample i of the baseline in the same
 *   model × scenario (the study compared strategy samples with the baseline samples of the cell).
 *
 * Classes (exclusive, first match wins):
 *   not-comparable  either sample holds no code, or no analyzer scanned it (a refusal or a no-code
 *                   answer is never "fixed", and an unscanned sample is never "clean")
 *   introduced      the later sample has a finding of a CWE the earlier one did not have
 *   clean           neither has a finding
 *   fixed           the earlier one had findings, the later one has none
 *   no-change       every finding kept, none added, each on the same line
 *   moved           every finding kept, none added, some on another line
 *   refactored      still vulnerable in the same CWEs, but findings changed (rewritten code,
 *                   or only some of the weaknesses fixed)
 */
import { compareCwe, type FindingFacts, type SampleFacts } from './data.ts';

export const CHANGE_CLASSES = ['fixed', 'no-change', 'moved', 'refactored', 'introduced', 'clean', 'not-comparable'] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

export interface Change {
  before: SampleFacts;
  after: SampleFacts;
  class: ChangeClass;
  /** Fingerprints, sorted. */
  resolved: string[];
  persisted: string[];
  introduced: string[];
  /** CWEs the earlier sample had and the later one has not, and the reverse (new CWEs), sorted. */
  resolvedCwes: string[];
  introducedCwes: string[];
}

function byFingerprint(findings: readonly FindingFacts[]): Map<string, FindingFacts> {
  const m = new Map<string, FindingFacts>();
  for (const f of findings) if (!m.has(f.fingerprint)) m.set(f.fingerprint, f);
  return m;
}

const uniqSorted = (xs: string[]) => [...new Set(xs)].sort(compareCwe);

/** Compares a sample with a later version of it. */
export function compareSamples(before: SampleFacts, after: SampleFacts): Change {
  const b = byFingerprint(before.findings);
  const a = byFingerprint(after.findings);
  const resolved = [...b.keys()].filter((k) => !a.has(k)).sort();
  const persisted = [...b.keys()].filter((k) => a.has(k)).sort();
  const introduced = [...a.keys()].filter((k) => !b.has(k)).sort();
  const beforeCwes = new Set(before.findings.map((f) => f.cwe));
  const afterCwes = new Set(after.findings.map((f) => f.cwe));
  const base = {
    before, after, resolved, persisted, introduced,
    resolvedCwes: after.outcome === 'code' && after.analyzed ? uniqSorted([...beforeCwes].filter((c) => !afterCwes.has(c))) : [],
    introducedCwes: uniqSorted([...afterCwes].filter((c) => !beforeCwes.has(c))),
  };
  let cls: ChangeClass;
  if (after.outcome !== 'code' || before.outcome !== 'code' || !after.analyzed || !before.analyzed) cls = 'not-comparable';
  else if (after.findings.some((f) => !beforeCwes.has(f.cwe))) cls = 'introduced';
  else if (!before.findings.length && !after.findings.length) cls = 'clean';
  else if (!after.findings.length) cls = 'fixed';
  else if (!resolved.length && !introduced.length) cls = persisted.every((k) => b.get(k)!.line === a.get(k)!.line) ? 'no-change' : 'moved';
  else cls = 'refactored';
  return { ...base, class: cls };
}

/** The pairs of a run to compare, as described above; `baseline` names the reference arm. */
export function pairsOf(samples: readonly SampleFacts[], baseline = 'baseline'): Array<[SampleFacts, SampleFacts]> {
  const byId = new Map(samples.map((s) => [s.id, s]));
  const pairs: Array<[SampleFacts, SampleFacts]> = [];
  // refine chains: root → the last round of each chain
  const children = new Set(samples.filter((s) => s.parent !== undefined).map((s) => s.parent!));
  for (const s of samples) {
    if (s.mode !== 'refine' || children.has(s.id)) continue;
    let root: SampleFacts | undefined = s;
    while (root?.parent !== undefined) root = byId.get(root.parent);
    if (root && root !== s) pairs.push([root, s]);
  }
  // generate and import arms: sample i against baseline sample i of the same model × scenario
  const key = (s: SampleFacts) => `${s.mode === 'import' ? 'import' : 'generate'}\u0000${s.model}\u0000${s.scenario}\u0000${s.language}\u0000${s.sample}`;
  const bases = new Map<string, SampleFacts>();
  for (const s of samples) if (s.strategy === baseline && s.mode !== 'refine' && s.round === 0) bases.set(key(s), s);
  for (const s of samples) {
    if (s.mode === 'refine' || s.strategy === baseline) continue;
    const b = bases.get(key(s));
    if (b) pairs.push([b, s]);
  }
  return pairs;
}
