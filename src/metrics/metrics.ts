/**
 * The measurements of a run: prevalence, weaknesses and severity per arm, the change against the
 * baseline, what the fixes resolved, kept and introduced, CWE co-occurrence and transitions, and
 * the tests that say whether a difference is more than chance. Every rate carries its n and a 95%
 * interval; everything here is computed from `RunData` and nothing else, so the same numbers reach
 * every report format.
 *
 * Arms: a sample belongs to the arm of its strategy. In `both` mode a strategy has two arms, its
 * generated samples (`NAME`) and its repairs of the baseline (`NAME (refine)`). In refine mode an
 * arm's samples are the last round of each repair chain. Rates of an arm count samples with code:
 * refusals and no-code answers are their own outcomes, never "secure".
 */
import { wilson, type Interval } from './wilson.ts';
import { compareSamples, pairsOf, CHANGE_CLASSES, type Change, type ChangeClass } from './compare.ts';
import { compareCwe, cwesOf, severitySum, vulnerable, type RunData, type SampleFacts } from './data.ts';
import { bootstrapCi, bootstrapDifference, mean } from './stats/bootstrap.ts';
import { mcnemar } from './stats/mcnemar.ts';
import { cochranQ } from './stats/cochran-q.ts';
import { holm } from './stats/holm.ts';
import { cohensH, riskDifference } from './stats/effect-size.ts';
import { sampleSizeWarning } from './stats/small-n.ts';

export interface Rate {
  k: number;
  n: number;
  /** k / n; null when n = 0. */
  rate: number | null;
  ci: Interval;
}

export function rate(k: number, n: number): Rate {
  return { k, n, rate: n ? k / n : null, ci: wilson(k, n) };
}

export interface ArmRow {
  model: string;
  arm: string;
  /** Samples of every outcome. */
  samples: number;
  withCode: number;
  /** Samples with code that no analyzer finished on: left out of every rate, never counted as clean. */
  notAnalyzed: number;
  refusals: Rate;
  noCode: Rate;
  truncated: number;
  /** Samples whose code parses, of those parsed. */
  syntaxValid: Rate;
  /** Samples with ≥1 weakness, of those with code: the study's headline metric. */
  vulnerable: Rate;
  weaknesses: number;
  severitySum: number;
  /** Mean severity per sample with code, with a percentile-bootstrap 95% interval. */
  severityMean: { estimate: number | null; low: number | null; high: number | null };
}

export interface ImprovementRow {
  model: string;
  arm: string;
  /** % fewer vulnerable samples than the baseline (by rate), and the risk difference with its Newcombe CI. */
  byVulnerable: number | null;
  riskDifference: { estimate: number; low: number; high: number } | null;
  /** Cohen's h of the arm's vulnerable rate against the baseline's (|h| ≈ 0.2 small, 0.5 medium, 0.8 large). */
  cohensH: number | null;
  /** Mean severity per sample, arm − baseline, with a percentile-bootstrap 95% interval (independent samples). */
  severityDifference: { estimate: number; low: number; high: number } | null;
  /** % lower mean severity per sample than the baseline. */
  bySeverity: number | null;
}

export interface RepairRow {
  model: string;
  arm: string;
  pairs: number;
  classes: Record<ChangeClass, number>;
  /** Fixed, of pairs whose earlier sample was vulnerable and whose later one holds code. */
  fixRate: Rate;
  /** Pairs that introduced a CWE, of pairs whose later sample holds code. */
  introductionRate: Rate;
  resolved: number;
  persisted: number;
  introduced: number;
  /** introduced − resolved findings: below zero the arm removed more than it added. */
  netChange: number;
  /** Exact McNemar on vulnerable before/after over pairs with code on both sides. */
  mcnemar: { b: number; c: number; pValue: number; pHolm?: number } | null;
}

export interface CooccurrenceRow {
  a: string;
  b: string;
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
  jaccard: number;
  lift: number | null;
  phi: number | null;
}

export interface CweRow {
  cwe: string;
  /** Samples with code that have it. */
  samples: Rate;
  severity: number;
}

export interface TransitionCell {
  from: string;
  to: string;
  count: number;
}

export interface CweFixCell {
  arm: string;
  cwe: string;
  fixed: Rate;
}

export interface CostRow {
  model: string;
  strategy: string;
  calls: number;
  errors: number;
  cached: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  latencyMsMean: number | null;
}

export interface Metrics {
  runId: string;
  baseline: string;
  /** `vulnerable` counts samples with code that an analyzer scanned; `notAnalyzed` are the others (never counted as clean). */
  totals: { samples: number; withCode: number; notAnalyzed: number; vulnerable: Rate; refusals: number; noCode: number; callErrors: number; pairs: number };
  arms: ArmRow[];
  byLanguage: Array<{ language: string; arm: string; vulnerable: Rate }>;
  byScenario: Array<{ scenario: string; arm: string; vulnerable: Rate }>;
  cwes: CweRow[];
  /** Per CWE and arm: samples with code of the arm that have the CWE. */
  cweByArm: Array<{ cwe: string; arm: string; samples: Rate }>;
  improvement: ImprovementRow[];
  repairs: RepairRow[];
  transitions: TransitionCell[];
  cweFix: CweFixCell[];
  cooccurrence: CooccurrenceRow[];
  costs: CostRow[];
  /** Cochran's Q across the generate arms of each model (paired by scenario × sample), when there are ≥ 2. */
  acrossArms: Array<{ model: string; arms: string[]; subjects: number; q: number; df: number; pValue: number; note?: string }>;
  warnings: string[];
  /** The comparisons behind `repairs`, for reports that link numbers to samples. */
  changes: Change[];
}

export interface MetricsOptions {
  /** The reference arm (default `baseline`). */
  baseline?: string;
  /** Bootstrap resamples (default 2,000) and seed, for reproducible intervals. */
  resamples?: number;
  seed?: number;
}

/** A sample with code that an analyzer scanned: only these count in rates of weaknesses. */
function scanned(s: SampleFacts): boolean {
  return s.outcome === 'code' && s.analyzed;
}

/**
 * Whether the run has both generated and refining arms (then a strategy's repairs are the arm
 * `NAME (refine)`), and the samples that stand for their arm: every generated or imported
 * sample, and the last round of each refine chain.
 */
export function armSamples(samples: readonly SampleFacts[], baseline: string): { both: boolean; final: SampleFacts[] } {
  const both = samples.some((s) => s.mode === 'refine') && samples.some((s) => s.mode === 'generate' && s.strategy !== baseline);
  const parents = new Set(samples.filter((s) => s.parent !== undefined).map((s) => s.parent!));
  return { both, final: samples.filter((s) => s.mode !== 'refine' || !parents.has(s.id)) };
}

/** The arm a sample belongs to. */
export function armOf(s: SampleFacts, both: boolean): string {
  return both && s.mode === 'refine' ? `${s.strategy} (refine)` : s.strategy;
}

/** Computes every metric of a run. */
export function computeMetrics(data: RunData, options: MetricsOptions = {}): Metrics {
  const baseline = options.baseline ?? 'baseline';
  const boot = { resamples: options.resamples ?? 2000, ...(options.seed !== undefined ? { seed: options.seed } : {}) };
  const { both, final } = armSamples(data.samples, baseline);
  const warnings: string[] = [];

  const groups = <K extends string>(xs: readonly SampleFacts[], key: (s: SampleFacts) => K): Map<K, SampleFacts[]> => {
    const m = new Map<K, SampleFacts[]>();
    for (const s of xs) {
      const k = key(s);
      const list = m.get(k);
      if (list) list.push(s);
      else m.set(k, [s]);
    }
    return m;
  };
  const sep = '\u0000';

  // ---- per model × arm
  const arms: ArmRow[] = [];
  const severities = new Map<string, number[]>();
  for (const [key, list] of groups(final, (s) => `${s.model}${sep}${armOf(s, both)}`)) {
    const [model, arm] = key.split(sep) as [string, string];
    const code = list.filter(scanned);
    const parsed = code.filter((s) => s.syntaxErrors !== undefined);
    const sev = code.map(severitySum);
    severities.set(`${model}${sep}${arm}`, sev);
    const ci = code.length ? bootstrapCi(sev, mean, boot) : undefined;
    const row: ArmRow = {
      model, arm, samples: list.length, withCode: list.filter((s) => s.outcome === 'code').length, notAnalyzed: list.filter((s) => s.outcome === 'code' && !s.analyzed).length,
      refusals: rate(list.filter((s) => s.outcome === 'refusal').length, list.length),
      noCode: rate(list.filter((s) => s.outcome === 'no-code').length, list.length),
      truncated: code.filter((s) => s.truncated).length,
      syntaxValid: rate(parsed.filter((s) => s.syntaxErrors === 0).length, parsed.length),
      vulnerable: rate(code.filter(vulnerable).length, code.length),
      weaknesses: code.reduce((t, s) => t + s.findings.length, 0),
      severitySum: round(sev.reduce((a, b) => a + b, 0)),
      severityMean: ci ? { estimate: round(ci.estimate), low: round(ci.low), high: round(ci.high) } : { estimate: null, low: null, high: null },
    };
    const small = sampleSizeWarning({ kind: 'rate', n: code.length, k: row.vulnerable.k });
    if (small) warnings.push(`${model} / ${arm}, samples with a weakness: ${small}`);
    arms.push(row);
  }
  arms.sort((a, b) => a.model.localeCompare(b.model) || armOrder(a.arm, b.arm, baseline));

  // ---- by language and by scenario
  const byDim = (dim: 'language' | 'scenario') => {
    const out: Array<{ key: string; arm: string; vulnerable: Rate }> = [];
    for (const [key, list] of groups(final.filter(scanned), (s) => `${s[dim]}${sep}${armOf(s, both)}`)) {
      const [k, arm] = key.split(sep) as [string, string];
      out.push({ key: k, arm, vulnerable: rate(list.filter(vulnerable).length, list.length) });
    }
    return out.sort((a, b) => a.key.localeCompare(b.key) || armOrder(a.arm, b.arm, baseline));
  };
  const byLanguage = byDim('language').map(({ key, ...r }) => ({ language: key, ...r }));
  const byScenario = byDim('scenario').map(({ key, ...r }) => ({ scenario: key, ...r }));

  // ---- per CWE, over every final sample with code
  const withCode = final.filter(scanned);
  const cweCount = new Map<string, { n: number; severity: number }>();
  for (const s of withCode) {
    for (const c of cwesOf(s)) {
      const e = cweCount.get(c) ?? { n: 0, severity: 0 };
      e.n++;
      e.severity += s.findings.filter((f) => f.cwe === c).reduce((t, f) => t + f.severity, 0);
      cweCount.set(c, e);
    }
  }
  const cwes: CweRow[] = [...cweCount].map(([cwe, e]) => ({ cwe, samples: rate(e.n, withCode.length), severity: round(e.severity) }))
    .sort((a, b) => b.samples.k - a.samples.k || compareCwe(a.cwe, b.cwe));

  const cweByArm: Metrics['cweByArm'] = [];
  for (const [arm, list] of groups(withCode, (s) => armOf(s, both))) {
    const counts = new Map<string, number>();
    for (const s of list) for (const c of cwesOf(s)) counts.set(c, (counts.get(c) ?? 0) + 1);
    for (const [c, k] of counts) cweByArm.push({ cwe: c, arm, samples: rate(k, list.length) });
  }
  cweByArm.sort((a, b) => compareCwe(a.cwe, b.cwe) || armOrder(a.arm, b.arm, baseline));

  // ---- improvement against the baseline of the same model
  const improvement: ImprovementRow[] = [];
  for (const row of arms) {
    if (row.arm === baseline) continue;
    const base = arms.find((r) => r.model === row.model && r.arm === baseline);
    if (!base) continue;
    const pct = (b: number | null, v: number | null) => (b === null || v === null || b === 0 ? null : round(((b - v) / b) * 100));
    const rd = base.vulnerable.n && row.vulnerable.n
      ? riskDifference({ successes: row.vulnerable.k, n: row.vulnerable.n }, { successes: base.vulnerable.k, n: base.vulnerable.n })
      : null;
    const armSev = severities.get(`${row.model}${sep}${row.arm}`) ?? [];
    const baseSev = severities.get(`${row.model}${sep}${baseline}`) ?? [];
    const sd = armSev.length && baseSev.length ? bootstrapDifference(armSev, baseSev, mean, boot) : null;
    improvement.push({
      model: row.model, arm: row.arm,
      byVulnerable: pct(base.vulnerable.rate, row.vulnerable.rate),
      riskDifference: rd ? { estimate: round(rd.estimate), low: round(rd.low), high: round(rd.high) } : null,
      cohensH: row.vulnerable.rate !== null && base.vulnerable.rate !== null ? round(cohensH(row.vulnerable.rate, base.vulnerable.rate)) : null,
      severityDifference: sd ? { estimate: round(sd.estimate), low: round(sd.low), high: round(sd.high) } : null,
      bySeverity: pct(base.severityMean.estimate, row.severityMean.estimate),
    });
  }

  // ---- repairs: pairs, classes, rates, McNemar (Holm-adjusted over every arm compared)
  const changes = pairsOf(data.samples, baseline).map(([b, a]) => compareSamples(b, a));
  const repairs: RepairRow[] = [];
  for (const [key, list] of groupChanges(changes, (c) => `${c.after.model}${sep}${armOf(c.after, both)}`)) {
    const [model, arm] = key.split(sep) as [string, string];
    const classes = Object.fromEntries(CHANGE_CLASSES.map((k) => [k, 0])) as Record<ChangeClass, number>;
    for (const c of list) classes[c.class]++;
    const comparable = list.filter((c) => c.class !== 'not-comparable');
    const fixable = comparable.filter((c) => c.before.findings.length);
    const paired = comparable.map((c) => [vulnerable(c.before), vulnerable(c.after)] as const);
    const m = paired.length ? mcnemar(paired) : null;
    const resolved = list.reduce((t, c) => t + c.resolved.length, 0);
    const introduced = list.reduce((t, c) => t + c.introduced.length, 0);
    repairs.push({
      model, arm, pairs: list.length, classes,
      fixRate: rate(fixable.filter((c) => c.class === 'fixed').length, fixable.length),
      introductionRate: rate(comparable.filter((c) => c.class === 'introduced').length, comparable.length),
      resolved, persisted: list.reduce((t, c) => t + c.persisted.length, 0), introduced, netChange: introduced - resolved,
      mcnemar: m ? { b: m.b, c: m.c, pValue: m.pValue } : null,
    });
    const weak = m ? sampleSizeWarning({ kind: 'mcnemar', n: m.n }) : undefined;
    if (weak) warnings.push(`${model} / ${arm}, McNemar: ${weak}`);
  }
  repairs.sort((a, b) => a.model.localeCompare(b.model) || armOrder(a.arm, b.arm, baseline));
  const tested = repairs.filter((r) => r.mcnemar);
  const adjusted = holm(tested.map((r) => r.mcnemar!.pValue));
  tested.forEach((r, i) => (r.mcnemar!.pHolm = adjusted[i]));

  // ---- CWE transitions: the earlier sample's CWEs (or "none") → each CWE a change introduced
  const transitions = new Map<string, number>();
  for (const c of changes) {
    if (!c.introducedCwes.length) continue;
    const from = cwesOf(c.before);
    for (const f of from.length ? from : ['none']) for (const t of c.introducedCwes) transitions.set(`${f}${sep}${t}`, (transitions.get(`${f}${sep}${t}`) ?? 0) + 1);
  }
  const transitionCells = [...transitions].map(([k, count]) => {
    const [from, to] = k.split(sep) as [string, string];
    return { from, to, count };
  }).sort((a, b) => (a.from === 'none' ? 1 : 0) - (b.from === 'none' ? 1 : 0) || compareCwe(a.from, b.from) || compareCwe(a.to, b.to));

  // ---- per-CWE fix rate: of pairs whose earlier sample had CWE X, those whose later one has no X
  const fixCells = new Map<string, { k: number; n: number }>();
  for (const c of changes) {
    if (c.class === 'not-comparable') continue;
    const after = new Set(cwesOf(c.after));
    for (const x of cwesOf(c.before)) {
      const key = `${armOf(c.after, both)}${sep}${x}`;
      const e = fixCells.get(key) ?? { k: 0, n: 0 };
      e.n++;
      if (!after.has(x)) e.k++;
      fixCells.set(key, e);
    }
  }
  const cweFix = [...fixCells].map(([k, e]) => {
    const [arm, cwe] = k.split(sep) as [string, string];
    return { arm, cwe, fixed: rate(e.k, e.n) };
  }).sort((a, b) => armOrder(a.arm, b.arm, baseline) || compareCwe(a.cwe, b.cwe));

  // ---- across arms: Cochran's Q per model over the generated arms, paired by scenario × sample
  const acrossArms: Metrics['acrossArms'] = [];
  for (const [model, list] of groups(final.filter((s) => s.mode !== 'refine' && scanned(s)), (s) => s.model)) {
    const armNames = [...new Set(list.map((s) => s.strategy))].sort((a, b) => armOrder(a, b, baseline));
    if (armNames.length < 2) continue;
    const cell = new Map<string, Map<string, boolean>>();
    for (const s of list) {
      const k = `${s.scenario}${sep}${s.language}${sep}${s.sample}`;
      if (!cell.has(k)) cell.set(k, new Map());
      cell.get(k)!.set(s.strategy, vulnerable(s));
    }
    const rows = [...cell.values()].filter((m) => armNames.every((a) => m.has(a))).map((m) => armNames.map((a) => m.get(a)!));
    const q = cochranQ(rows);
    const weak = sampleSizeWarning({ kind: 'cochran-q', n: q.informative });
    if (weak) warnings.push(`${model}, Cochran's Q: ${weak}`);
    acrossArms.push({ model, arms: armNames, subjects: rows.length, q: round(q.q), df: q.df, pValue: q.pValue, ...(q.note ? { note: q.note } : {}) });
  }

  // ---- co-occurrence of CWEs within a sample
  const cooccurrence: CooccurrenceRow[] = [];
  const sets = withCode.map((s) => new Set(cwesOf(s)));
  const all = [...cweCount.keys()].sort(compareCwe);
  const n = sets.length;
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      let both11 = 0, onlyA = 0, onlyB = 0;
      for (const s of sets) {
        const ha = s.has(a), hb = s.has(b);
        if (ha && hb) both11++;
        else if (ha) onlyA++;
        else if (hb) onlyB++;
      }
      if (!both11) continue;
      const neither = n - both11 - onlyA - onlyB;
      const pa = (both11 + onlyA) / n, pb = (both11 + onlyB) / n;
      const denom = Math.sqrt((both11 + onlyA) * (onlyB + neither) * (both11 + onlyB) * (onlyA + neither));
      cooccurrence.push({
        a, b, both: both11, onlyA, onlyB, neither,
        jaccard: round(both11 / (both11 + onlyA + onlyB)),
        lift: pa && pb ? round(both11 / n / (pa * pb)) : null,
        phi: denom ? round((both11 * neither - onlyA * onlyB) / denom) : null,
      });
    }
  }
  cooccurrence.sort((x, y) => y.both - x.both || compareCwe(x.a, y.a) || compareCwe(x.b, y.b));

  // ---- tokens, cost and latency per model × strategy (each call counted once, for the arm that made it)
  const costs: CostRow[] = [];
  const callGroups = new Map<string, RunData['calls']>();
  for (const c of data.calls) {
    if (c.provider === 'import') continue;
    const k = `${c.model}${sep}${c.strategy}`;
    (callGroups.get(k) ?? callGroups.set(k, []).get(k)!).push(c);
  }
  for (const [k, list] of callGroups) {
    const [model, strategy] = k.split(sep) as [string, string];
    const price = data.prices.get(model);
    const live = list.filter((c) => !c.error && !c.cached);
    const inputTokens = live.reduce((t, c) => t + c.inputTokens, 0);
    const outputTokens = live.reduce((t, c) => t + c.outputTokens, 0);
    costs.push({
      model, strategy, calls: list.length, errors: list.filter((c) => c.error).length, cached: list.filter((c) => c.cached).length,
      inputTokens, outputTokens,
      costUsd: price ? Math.round((inputTokens * price.input + outputTokens * price.output)) / 1e6 : null,
      latencyMsMean: live.length ? round(live.reduce((t, c) => t + c.latencyMs, 0) / live.length) : null,
    });
  }
  costs.sort((a, b) => a.model.localeCompare(b.model) || armOrder(a.strategy, b.strategy, baseline));

  return {
    runId: data.run.id, baseline,
    totals: {
      samples: final.length, withCode: final.filter((s) => s.outcome === 'code').length, notAnalyzed: final.filter((s) => s.outcome === 'code' && !s.analyzed).length, vulnerable: rate(withCode.filter(vulnerable).length, withCode.length),
      refusals: final.filter((s) => s.outcome === 'refusal').length, noCode: final.filter((s) => s.outcome === 'no-code').length,
      callErrors: data.calls.filter((c) => c.error).length, pairs: changes.length,
    },
    arms, byLanguage, byScenario, cwes, cweByArm, improvement, repairs, transitions: transitionCells, cweFix, cooccurrence, costs, acrossArms,
    warnings, changes,
  };
}

function groupChanges(changes: readonly Change[], key: (c: Change) => string): Map<string, Change[]> {
  const m = new Map<string, Change[]>();
  for (const c of changes) (m.get(key(c)) ?? m.set(key(c), []).get(key(c))!).push(c);
  return m;
}

/** The baseline first, then arms by name. */
function armOrder(a: string, b: string, baseline: string): number {
  return (a === baseline ? 0 : 1) - (b === baseline ? 0 : 1) || a.localeCompare(b);
}

/** Six decimals: enough for any report, and stable across platforms. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
