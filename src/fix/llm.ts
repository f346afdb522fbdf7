/**
 * LLM repair: a model rewrites one file through a hardening strategy (analyzer-feedback by default),
 * and every answer goes through the same verification gate as a rule's fix. A rejected answer is
 * recorded with the gate's reason, and that reason is fed back in the next round's prompt, until
 * the gate passes or the rounds run out.
 *
 * The code under repair is data. Whatever the file (or the model) says, an answer only ever becomes
 * candidate text for this one file — a whole program taken from a fenced block, or a diff applied to
 * the current text (its file headers are ignored, see patch.ts) — and nothing here writes a file or
 * runs a command: the caller gets text back and decides what to do with it.
 */
import type { Finding, Language } from '../core/types.ts';
import { extractCode, type Extraction } from '../experiments/extract.ts';
import type { SampleScan } from '../experiments/sample-scanner.ts';
import { ProviderError } from '../providers/errors.ts';
import type { Generation, GenerationRequest, Provider } from '../providers/types.ts';
import type { Scenario, ScenarioLanguage } from '../scenarios/schema.ts';
import { runStrategy } from '../strategies/drive.ts';
import { resolveStrategy } from '../strategies/registry.ts';
import type { ModelCall, Strategy, StrategyContext, StrategyState } from '../strategies/types.ts';
import type { AppliedFix, FileFix, RejectedFix } from './engine.ts';
import { newFindings, verifyFix, type ScanText } from './gate.ts';
import { applyPatch, findDiff, PatchError } from './patch.ts';

/** The strategy used when none is named. */
export const DEFAULT_FIX_STRATEGY = 'analyzer-feedback';
/** Model rounds per file when not given. */
export const DEFAULT_FIX_ROUNDS = 3;
/** The task the strategies' prompts carry for a file under repair. */
export const REPAIR_TASK = 'Keep what this program does; remove the security weaknesses listed. Change nothing else.';
/** The rule id of the pseudo-finding that tells the model why its previous answer was rejected. */
export const PREVIOUS_ANSWER_RULE = 'secfix/previous-answer';

export interface ModelFixOptions {
  provider: Provider;
  /**
   * A strategy spec as `secfix run` takes it, or a built strategy. A bare `analyzer-feedback` makes
   * one call per round (this function's rounds, with the gate's reason, replace the strategy's own);
   * `analyzer-feedback:3` is taken as written.
   */
  strategy?: string | Strategy;
  /** The most model rounds (each one run of the strategy); 3 by default. */
  rounds?: number;
  scan: ScanText;
  allowRegressions?: boolean;
  /** The findings to repair; every finding of the file by default. */
  targets?: Finding[];
  signal?: AbortSignal;
  /** The file's scan, when the caller has it already. */
  before?: SampleScan;
  /** Fields copied into every request (temperature, seed, maxTokens…). */
  request?: Omit<GenerationRequest, 'messages'>;
}

/** What one round did, for reports and for debugging a model. */
export interface RepairRound {
  round: number;
  /** The prompt of the round's last model call. */
  prompt?: string;
  /** The model's answer the round judged. */
  answer?: string;
  /** How the answer was read. */
  form?: 'file' | 'diff' | 'refusal' | 'no-code' | 'bad-diff' | 'truncated';
  /** Model calls made in the round. */
  calls: number;
  outcome: 'accepted' | 'partial' | 'rejected' | 'error' | 'no-call';
  reason?: string;
}

export interface ModelFix extends FileFix {
  rounds: RepairRound[];
  /** Model calls made in all. */
  calls: number;
}

const key = (f: Finding) => `${f.ruleId}\u0000${f.fingerprint}`;

/** The closest scenario language (the strategies' prompts name it and tag the fenced code with it). */
const SCENARIO_LANGUAGE: Record<Language, ScenarioLanguage> = {
  python: 'python', javascript: 'javascript', typescript: 'javascript', java: 'java', go: 'go', c: 'c', cpp: 'c',
};

/** The synthetic scenario of a file under repair: id `fix:<file>`, the CWEs of its findings, the repair task. */
export function repairScenario(file: string, language: Language, findings: readonly Finding[]): Scenario {
  const cwe = [...new Set(findings.flatMap((f) => f.cwe))];
  return { id: `fix:${file}`, language: SCENARIO_LANGUAGE[language], cwe, title: `Repair ${file}`, task: REPAIR_TASK, tags: [] };
}

/** A bare `analyzer-feedback` (no `:k`) becomes `analyzer-feedback:1`: the rounds are ours. */
function strategyFor(spec: string | Strategy | undefined): Strategy {
  if (spec && typeof spec !== 'string') return spec;
  const parts = (spec ?? DEFAULT_FIX_STRATEGY).split('+').map((p) => (p.trim() === 'analyzer-feedback' ? 'analyzer-feedback:1' : p));
  return resolveStrategy(parts.join('+'));
}

/** Why the previous answer was not taken, as a pseudo-finding the strategy lists with the real ones. */
function feedbackFinding(round: number, reason: string, line: number, introduced?: Finding): Finding {
  const where = introduced ? ' (line numbers refer to that answer)' : '';
  return {
    ruleId: PREVIOUS_ANSWER_RULE, analyzer: 'secfix', cwe: introduced?.cwe ?? [], severity: 0, level: 'note', confidence: 'high',
    message: `your previous answer (round ${round}) was rejected: ${reason}${where}. Fix the findings without this.`,
    location: { file: introduced?.location.file ?? '', start: { line, column: 1 }, end: { line, column: 1 } },
    snippet: '', fingerprint: `${PREVIOUS_ANSWER_RULE}:${round}`,
  };
}

/** The file's own line endings and final newline, put back on a whole-file answer. */
function matchLayout(original: string, code: string): string {
  const crlf = (original.match(/\r\n/g)?.length ?? 0) > (original.match(/(?<!\r)\n/g)?.length ?? 0);
  let out = code.replace(/\r\n?/g, '\n');
  if (!/\n$/.test(original) && original.length) out = out.replace(/\n+$/, '');
  return crlf ? out.replace(/\n/g, '\r\n') : out;
}

type Candidate =
  | { ok: true; text: string; form: 'file' | 'diff'; description: string }
  | { ok: false; form: 'refusal' | 'no-code' | 'bad-diff' | 'truncated'; reason: string };

/** Reads an answer as candidate text for the current file: a diff applied to it, or a whole program. */
function candidateOf(current: string, answer: string, extraction: Extraction): Candidate {
  const diff = findDiff(answer);
  if (diff) {
    try {
      const text = applyPatch(current, answer);
      return { ok: true, text, form: 'diff', description: 'diff' };
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      return { ok: false, form: 'bad-diff', reason: `the diff does not apply: ${e.message}` };
    }
  }
  if (extraction.kind === 'refusal') return { ok: false, form: 'refusal', reason: `the model refused ("${extraction.reason}")` };
  if (extraction.kind === 'no-code') return { ok: false, form: 'no-code', reason: `the answer held no code (${extraction.reason})` };
  if (extraction.truncated) return { ok: false, form: 'truncated', reason: 'the answer was cut off inside its code block' };
  return { ok: true, text: matchLayout(current, extraction.code), form: 'file', description: 'whole file' };
}

/** Repairs one file with a model, round by round, each answer behind the verification gate. */
export async function fixWithModel(text: string, language: Language, file: string, options: ModelFixOptions): Promise<ModelFix> {
  const { provider, signal } = options;
  const rounds = options.rounds ?? DEFAULT_FIX_ROUNDS;
  const strategy = strategyFor(options.strategy);
  // The strategy and the gate scan the same candidates; each text is scanned once.
  const scans = new Map<string, Promise<SampleScan>>();
  const scan: ScanText = (code, lang) => {
    let p = scans.get(code);
    if (!p) scans.set(code, (p = options.scan(code, lang)));
    return p;
  };
  const before = options.before ?? (await scan(text, language));
  if (options.before) scans.set(text, Promise.resolve(options.before));
  const wanted = new Set((options.targets ?? before.findings).map(key));
  let targets = before.findings.filter((f) => wanted.has(key(f)));
  const scenario = repairScenario(file, language, targets);

  let current = text;
  let state = before;
  const applied: AppliedFix[] = [];
  const rejected: RejectedFix[] = [];
  const log: RepairRound[] = [];
  let calls = 0;
  let feedback: Finding | undefined;
  const notes: string[] = [];

  const ctx: StrategyContext = {
    scan: async (code) => (await scan(code, language)).findings,
    extract: (t, o) => extractCode(t, { ...o, language }),
    ...(options.request ? { request: options.request } : {}),
  };

  for (let round = 1; round <= rounds && targets.length; round++) {
    const entry: RepairRound = { round, calls: 0, outcome: 'rejected' };
    log.push(entry);
    const first = targets[0]!;
    const reject = (description: string, reason: string): void => {
      rejected.push({ finding: first, description: `round ${round}: ${description}`, by: provider.id, reason });
      entry.reason = reason;
    };
    const execute = async (call: ModelCall): Promise<Generation> => {
      entry.calls++;
      calls++;
      entry.prompt = call.request.messages.map((m) => m.content).join('\n\n');
      return provider.generate(call.request, signal ? { signal } : {});
    };
    const input: StrategyState = { scenario, code: current, findings: feedback ? [...targets, feedback] : targets, notes: [...notes] };
    let out: StrategyState;
    try {
      out = await runStrategy(strategy, input, ctx, execute);
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      entry.outcome = 'error';
      reject('provider error', `${e.kind}: ${e.message}`);
      break;
    }
    if (!out.answer) {
      entry.outcome = 'no-call';
      reject(`${strategy.name} made no model call`, `strategy ${strategy.name} asked the model nothing`);
      break;
    }
    entry.answer = out.answer.text;
    const candidate = candidateOf(current, out.answer.text, out.answer.extraction);
    entry.form = candidate.form;
    if (!candidate.ok) {
      reject(`${candidate.form} answer from ${provider.id}`, candidate.reason);
      feedback = feedbackFinding(round, candidate.reason, first.location.start.line);
      notes.push(`fix: round ${round} rejected: ${candidate.reason}`);
      continue;
    }
    const description = `model repair, round ${round} (${candidate.description})`;
    const verdict = await verifyFix(state, candidate.text, language, targets, scan, options);
    if (verdict.ok) {
      entry.outcome = 'accepted';
      recordApplied(applied, targets, targets, description, provider.id, state, verdict.after, verdict.resolved);
      current = candidate.text;
      state = verdict.after;
      targets = [];
      break;
    }
    // Progress on some targets, with nothing else wrong, is kept; the rest go to the next round.
    if (verdict.after && verdict.reason.startsWith('leaves ')) {
      const gone = new Set(verdict.after.findings.map(key));
      const fixed = targets.filter((t) => !gone.has(key(t)));
      const partial = fixed.length ? await verifyFix(state, candidate.text, language, fixed, scan, options) : undefined;
      if (partial?.ok) {
        entry.outcome = 'partial';
        entry.reason = verdict.reason;
        recordApplied(applied, fixed, targets, description, provider.id, state, partial.after, partial.resolved);
        current = candidate.text;
        state = partial.after;
        const left = new Set(targets.filter((t) => !fixed.includes(t)).map(key));
        targets = state.findings.filter((f) => left.has(key(f)));
        feedback = undefined;
        notes.push(`fix: round ${round} fixed ${fixed.length} of ${fixed.length + targets.length} finding(s)`);
        continue;
      }
    }
    reject(`${candidate.description} from ${provider.id}`, verdict.reason);
    const introduced = verdict.introduced?.[0];
    feedback = feedbackFinding(round, verdict.reason, introduced?.location.start.line ?? first.location.start.line, introduced);
    notes.push(`fix: round ${round} rejected: ${verdict.reason}`);
  }

  const asked = new Set((options.targets ?? before.findings).map(key));
  // The model was asked about the targets only: the other findings had no fix offered.
  const unfixable = state.findings.filter((f) => !asked.has(key(f)));
  return { original: text, fixed: current, before, after: state, applied, rejected, unfixable, rounds: log, calls };
}

/**
 * One applied entry per target the answer fixed; the findings it resolved besides them, and those
 * it introduced (only with allowRegressions), are listed on the round's first entry.
 */
function recordApplied(applied: AppliedFix[], fixed: readonly Finding[], targets: readonly Finding[], description: string, by: string, before: SampleScan, after: SampleScan, resolved: readonly Finding[]): void {
  const targetKeys = new Set(targets.map(key));
  const extra = resolved.filter((f) => !targetKeys.has(key(f)));
  const introduced = newFindings(before.findings, after.findings, new Set(fixed.map((t) => t.ruleId)));
  fixed.forEach((finding, i) => applied.push({ finding, description, by, resolved: i ? [] : extra, introduced: i ? [] : introduced }));
}
