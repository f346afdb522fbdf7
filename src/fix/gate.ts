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
  const beforeKeys = new Set(before.findings.map(key));
  const targetRules = new Set(targets.map((t) => t.ruleId));
  const introduced = after.findings.filter((f) => !beforeKeys.has(key(f)) && !targetRules.has(f.ruleId));
  if (introduced.length && !options.allowRegressions) {
    const f = introduced[0]!;
    return { ok: false, reason: `introduces ${f.cwe[0] ?? f.ruleId} (${f.ruleId}) at line ${f.location.start.line}`, after, introduced };
  }
  const resolved = before.findings.filter((f) => !afterKeys.has(key(f)));
  return { ok: true, after, resolved };
}
