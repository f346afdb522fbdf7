/**
 * The deterministic fix engine: scan, apply one offered fix, pass it through the gate, and go on
 * from the fixed text until no finding with an untried fix is left. A rejected fix is recorded
 * with the gate's reason and never tried again on that finding.
 */
import type { Finding, Language } from '../core/types.ts';
import type { SampleScan } from '../experiments/sample-scanner.ts';
import { applyEdits, EditError } from './edits.ts';
import { newFindings, verifyFix, type GateOptions, type ScanText } from './gate.ts';

export interface AppliedFix {
  finding: Finding;
  description: string;
  /** Who made the fix: `rules` (a rule's template) or the model id. */
  by: string;
  /** Findings the fix resolved besides its target (e.g. a second rule on the same call). */
  resolved: Finding[];
  /** Findings it introduced, accepted only with allowRegressions. */
  introduced: Finding[];
}

export interface RejectedFix {
  finding: Finding;
  description: string;
  by: string;
  reason: string;
}

export interface FileFix {
  original: string;
  fixed: string;
  before: SampleScan;
  after: SampleScan;
  applied: AppliedFix[];
  rejected: RejectedFix[];
  /** Findings still there that no fix was offered for. */
  unfixable: Finding[];
}

const key = (f: Finding) => `${f.ruleId}\u0000${f.fingerprint}`;

/** The most fixes applied to one file (a guard against fixes that keep producing new ones). */
export const MAX_FIXES_PER_FILE = 100;

/** Applies every rule fix that passes the gate, one at a time. */
export async function fixWithRules(text: string, language: Language, scan: ScanText, options: GateOptions & { before?: SampleScan } = {}): Promise<FileFix> {
  const before = options.before ?? (await scan(text, language));
  let current = text;
  let state = before;
  const applied: AppliedFix[] = [];
  const rejected: RejectedFix[] = [];
  const tried = new Set<string>();
  for (let i = 0; i < MAX_FIXES_PER_FILE; i++) {
    const target = state.findings.find((f) => f.fix && !tried.has(key(f)));
    if (!target) break;
    tried.add(key(target));
    const fix = target.fix!;
    let next: string;
    try {
      next = applyEdits(current, fix.edits);
    } catch (e) {
      if (!(e instanceof EditError)) throw e;
      rejected.push({ finding: target, description: fix.description, by: 'rules', reason: e.message });
      continue;
    }
    const verdict = await verifyFix(state, next, language, [target], scan, options);
    if (!verdict.ok) {
      rejected.push({ finding: target, description: fix.description, by: 'rules', reason: verdict.reason });
      continue;
    }
    applied.push({ finding: target, description: fix.description, by: 'rules', resolved: verdict.resolved.filter((f) => key(f) !== key(target)), introduced: newFindings(state.findings, verdict.after.findings, new Set([target.ruleId])) });
    current = next;
    state = verdict.after;
  }
  const unfixable = state.findings.filter((f) => !f.fix);
  return { original: text, fixed: current, before, after: state, applied, rejected, unfixable };
}
