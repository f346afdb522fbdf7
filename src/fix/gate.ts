/**
 * The verification gate every fix passes, whatever made it (a rule's template or a model): the
 * fixed code must parse no worse than before, the targeted finding must be gone, and no finding
 * may appear that was not there before (matched by fingerprint, so moved code is not "new").
 * Optionally a test command must pass on a copy of the project with the fix applied.
 */
import type { Finding, Language } from '../core/types.ts';
import type { SampleScan } from '../experiments/sample-scanner.ts';

export type ScanText = (code: string, language: Language) => Promise<SampleScan>;

export type GateVerdict =
  | { ok: true; after: SampleScan; resolved: Finding[] }
  | { ok: false; reason: string; after?: SampleScan; introduced?: Finding[] };

export interface GateOptions {
  /** Accept a fix that introduces findings (they are still reported). */
  allowRegressions?: boolean;
}

const key = (f: Finding) => `${f.ruleId}\u0000${f.fingerprint}`;

/**
 * Findings of `after` that are new. A finding whose fingerprint is unchanged is the same finding.
 * One whose fingerprint changed is new only when its rule now reports more findings than before
 * (not counting the fix's own target rules, which must report fewer): a fix inside a function
 * changes the text of a finding that spans the whole function (a route without a rate limit),
 * and that finding is the same weakness, not a new one.
 */
export function newFindings(before: readonly Finding[], after: readonly Finding[], targetRules: ReadonlySet<string>): Finding[] {
  const beforeKeys = new Set(before.map(key));
  const out: Finding[] = [];
  const byRule = new Map<string, Finding[]>();
  for (const f of after) {
    if (beforeKeys.has(key(f)) || targetRules.has(f.ruleId)) continue;
    (byRule.get(f.ruleId) ?? byRule.set(f.ruleId, []).get(f.ruleId)!).push(f);
  }
  for (const [rule, unmatched] of byRule) {
    const afterKeys = new Set(after.map(key));
    const gone = before.filter((b) => b.ruleId === rule && !afterKeys.has(key(b))).length;
    // the first `gone` of them stand for findings whose text changed; the rest are new
    out.push(...unmatched.sort((a, b) => a.location.start.line - b.location.start.line).slice(gone));
  }
  return out.sort((a, b) => a.location.start.line - b.location.start.line);
}

/** Checks `after` (the fixed text) against `before` (its findings and syntax errors) for `targets`. */
export async function verifyFix(
  before: SampleScan,
  afterText: string,
  language: Language,
  targets: readonly Finding[],
  scan: ScanText,
  options: GateOptions = {},
): Promise<GateVerdict> {
  const after = await scan(afterText, language);
  if (after.syntaxErrors > before.syntaxErrors) {
    return { ok: false, reason: `introduces ${after.syntaxErrors - before.syntaxErrors} syntax error(s)`, after };
  }
  const afterKeys = new Set(after.findings.map(key));
  const remaining = targets.filter((t) => afterKeys.has(key(t)));
  if (remaining.length) {
    const t = remaining[0]!;
    return { ok: false, reason: `leaves ${t.cwe[0] ?? t.ruleId} (${t.ruleId}) at line ${t.location.start.line}`, after };
  }
  // The same rule may still fire on the rewritten sink with a new fingerprint: that is not a fix.
  for (const t of targets) {
    const was = before.findings.filter((f) => f.ruleId === t.ruleId).length;
    const now = after.findings.filter((f) => f.ruleId === t.ruleId).length;
    if (now >= was) return { ok: false, reason: `leaves ${t.cwe[0] ?? t.ruleId} (${t.ruleId}): the rule still reports it`, after };
  }
  const introduced = newFindings(before.findings, after.findings, new Set(targets.map((t) => t.ruleId)));
  if (introduced.length && !options.allowRegressions) {
    const f = introduced[0]!;
    return { ok: false, reason: `introduces ${f.cwe[0] ?? f.ruleId} (${f.ruleId}) at line ${f.location.start.line}`, after, introduced };
  }
  const resolved = before.findings.filter((f) => !afterKeys.has(key(f)));
  return { ok: true, after, resolved };
}
