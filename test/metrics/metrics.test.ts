/** Every metric of the synthetic run (test/metrics/synthetic.ts), computed by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/store.ts';
import { loadRunData } from '../../src/metrics/data.ts';
import { computeMetrics, type Rate } from '../../src/metrics/metrics.ts';
import { wilson } from '../../src/metrics/wilson.ts';
import { buildSyntheticRun } from './synthetic.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-metrics-'));
const store = openStore(dir);
buildSyntheticRun(store);
const data = loadRunData(store, 'synthetic');
const m = computeMetrics(data, { resamples: 200, seed: 1 });
store.close();
rmSync(dir, { recursive: true, force: true });

const r = (k: number, n: number): Rate => ({ k, n, rate: n ? k / n : null, ci: wilson(k, n) });
const zero = { fixed: 0, 'no-change': 0, moved: 0, refactored: 0, introduced: 0, clean: 0, 'not-comparable': 0 };

test('arms: samples, outcomes, the share vulnerable, weaknesses and severity', () => {
  const [base, sc] = m.arms;
  // baseline: B1..B6; B5 refused; vulnerable B1 B2 B4 B6 of the 5 with code; severity 8.8 + 9.8 + 7.5 + 6.1 + 8.8 = 41.0
  assert.deepEqual({ ...base!, severityMean: base!.severityMean.estimate }, {
    model: 'm', arm: 'baseline', samples: 6, withCode: 5, notAnalyzed: 0, refusals: r(1, 6), noCode: r(0, 6), truncated: 0, syntaxValid: r(5, 5),
    vulnerable: r(4, 5), weaknesses: 5, severitySum: 41, severityMean: 8.2,
  });
  // sc: R1 R2 R3 R4 R6; R6 had no code; vulnerable R2 R3 R4 of 4; severity 9.8 + 7.5 + 7.5 + 6.1 = 30.9, mean 7.725
  assert.deepEqual({ ...sc!, severityMean: sc!.severityMean.estimate }, {
    model: 'm', arm: 'sc', samples: 5, withCode: 4, notAnalyzed: 0, refusals: r(0, 5), noCode: r(1, 5), truncated: 0, syntaxValid: r(4, 4),
    vulnerable: r(3, 4), weaknesses: 4, severitySum: 30.9, severityMean: 7.725,
  });
  assert.ok(sc!.severityMean.low! <= 7.725 && sc!.severityMean.high! >= 7.725);
  // 9 samples with code in all, 7 vulnerable
  assert.deepEqual(m.totals, { samples: 11, withCode: 9, notAnalyzed: 0, vulnerable: r(7, 9), refusals: 1, noCode: 1, callErrors: 0, pairs: 5 });
});

test('improvement against the baseline: by vulnerable samples and by mean severity', () => {
  assert.equal(m.improvement.length, 1);
  const i = m.improvement[0]!;
  // (0.8 − 0.75) / 0.8 = 6.25%; (8.2 − 7.725) / 8.2 = 5.792683%
  assert.deepEqual([i.arm, i.byVulnerable, i.bySeverity], ['sc', 6.25, 5.792683]);
  assert.equal(i.riskDifference!.estimate, -0.05);
  // Cohen's h = 2·asin(√0.75) − 2·asin(√0.8) = 2·(π/3 − 1.1071487) = −0.119902
  assert.equal(i.cohensH, -0.119902);
  // mean severity 7.725 − 8.2, with a bootstrap interval around it
  assert.equal(i.severityDifference!.estimate, -0.475);
  assert.ok(i.severityDifference!.low < -0.475 && i.severityDifference!.high > -0.475);
  assert.ok(i.riskDifference!.low < -0.05 && i.riskDifference!.high > -0.05);
});

test('repairs: classes, fix and introduction rates, resolved/persisted/introduced, McNemar', () => {
  assert.deepEqual(m.repairs, [{
    model: 'm', arm: 'sc', pairs: 5,
    classes: { ...zero, fixed: 1, moved: 1, introduced: 1, refactored: 1, 'not-comparable': 1 },
    // vulnerable before, code after: B1 B2 B4 → R1 fixed
    fixRate: r(1, 3),
    // of 4 pairs with code on both sides, R3 introduced CWE-1333
    introductionRate: r(1, 4),
    // resolved a (R1), d (R4), g (R6); persisted b, c (R2); introduced e (R3), f (R4)
    resolved: 3, persisted: 2, introduced: 2, netChange: -1,
    // vulnerable before/after: R1 (1,0), R2 (1,1), R3 (0,1), R4 (1,1): b = 1, c = 1, p = min(1, 2·(¼ + ½)) = 1
    mcnemar: { b: 1, c: 1, pValue: 1, pHolm: 1 },
  }]);
  assert.deepEqual(m.changes.map((c) => [c.before.scenario, c.class, c.introducedCwes.join()]), [
    ['s1', 'fixed', ''], ['s2', 'moved', ''], ['s3', 'introduced', 'CWE-1333'], ['s4', 'refactored', ''], ['s6', 'not-comparable', ''],
  ]);
});

test('CWE transitions, per-CWE fix rates, CWE prevalence and co-occurrence', () => {
  // only R3 added a CWE its original did not have, and its original was clean
  assert.deepEqual(m.transitions, [{ from: 'none', to: 'CWE-1333', count: 1 }]);
  assert.deepEqual(m.cweFix, [
    { arm: 'sc', cwe: 'CWE-22', fixed: r(0, 1) },
    { arm: 'sc', cwe: 'CWE-78', fixed: r(0, 1) },
    { arm: 'sc', cwe: 'CWE-79', fixed: r(0, 1) },
    { arm: 'sc', cwe: 'CWE-89', fixed: r(1, 1) },
  ]);
  assert.deepEqual(m.cwes, [
    { cwe: 'CWE-22', samples: r(2, 9), severity: 15 },
    { cwe: 'CWE-78', samples: r(2, 9), severity: 19.6 },
    { cwe: 'CWE-79', samples: r(2, 9), severity: 12.2 },
    { cwe: 'CWE-89', samples: r(2, 9), severity: 17.6 },
    { cwe: 'CWE-1333', samples: r(1, 9), severity: 7.5 },
  ]);
  // baseline: 5 samples with code (B1 B2 B3 B4 B6); sc: 4 (R1 R2 R3 R4)
  assert.deepEqual(m.cweByArm.map((c) => [c.cwe, c.arm, c.samples.k, c.samples.n]), [
    ['CWE-22', 'baseline', 1, 5], ['CWE-22', 'sc', 1, 4], ['CWE-78', 'baseline', 1, 5], ['CWE-78', 'sc', 1, 4],
    ['CWE-79', 'baseline', 1, 5], ['CWE-79', 'sc', 1, 4], ['CWE-89', 'baseline', 2, 5], ['CWE-1333', 'sc', 1, 4],
  ]);
  // CWE-22 and CWE-78 always together (B2, R2): Jaccard 1, lift (2/9) / ((2/9)·(2/9)) = 4.5, phi (2·7 − 0) / √(2·7·2·7) = 1
  assert.deepEqual(m.cooccurrence, [{ a: 'CWE-22', b: 'CWE-78', both: 2, onlyA: 0, onlyB: 0, neither: 7, jaccard: 1, lift: 4.5, phi: 1 }]);
});

test('tokens, cost and latency per model × strategy; small-n warnings', () => {
  // baseline 6 calls: 60 + 120 tokens → (60·1 + 120·2) / 1e6 = $0.0003; sc 5 calls: 50 + 100 → $0.00025
  assert.deepEqual(m.costs, [
    { model: 'm', strategy: 'baseline', calls: 6, errors: 0, cached: 0, inputTokens: 60, outputTokens: 120, costUsd: 0.0003, latencyMsMean: 100 },
    { model: 'm', strategy: 'sc', calls: 5, errors: 0, cached: 0, inputTokens: 50, outputTokens: 100, costUsd: 0.00025, latencyMsMean: 100 },
  ]);
  assert.deepEqual(m.warnings, [
    'm / baseline, samples with a weakness: only n = 5: too few to estimate a rate (need ≥ 10)',
    'm / sc, samples with a weakness: only n = 4: too few to estimate a rate (need ≥ 10)',
    'm / sc, McNemar: only 2 discordant pair(s): the exact test is valid but has little power (want ≥ 10)',
  ]);
  assert.deepEqual(m.acrossArms, []);
});

test('a sample with code that no analyzer scanned is left out of every rate, never counted as clean', () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'secfix-unscanned-'));
  const s = openStore(d);
  try {
    s.createRun({}, { id: 'u' });
    const add = (n: number, scanned: boolean, strategy = 'baseline') => {
      const g = s.recordGeneration({
        runId: 'u', requestKey: `k${n}-${strategy}`, sample: n, round: 0, providerId: 'import', model: 'm', strategy, scenarioId: 'x', language: 'python',
        request: { messages: [{ role: 'user', content: 'x' }] }, response: { text: 'x', finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: 0, cached: true },
      });
      const id = s.recordSample({ generationId: g, outcome: 'code', code: 'x = 1\n', truncated: false, round: 0, strategy, mode: 'import' });
      if (scanned) s.recordFindings({ sampleId: id, analyzers: ['tool'], findings: [] });
    };
    add(0, true);
    add(1, false);
    add(0, false, 'sc');
    add(1, true, 'sc');
    const mu = computeMetrics(loadRunData(s, 'u'), { resamples: 50 });
    assert.deepEqual(mu.arms.map((a) => [a.arm, a.withCode, a.notAnalyzed, a.vulnerable.k, a.vulnerable.n]), [['baseline', 2, 1, 0, 1], ['sc', 2, 1, 0, 1]]);
    // sample 0: sc unscanned; sample 1: baseline unscanned — neither pair can be compared
    assert.deepEqual(mu.changes.map((c) => c.class), ['not-comparable', 'not-comparable']);
    assert.deepEqual([mu.totals.withCode, mu.totals.notAnalyzed, mu.totals.vulnerable.n], [4, 2, 2]);
  } finally {
    s.close();
    rmSync(d, { recursive: true, force: true });
  }
});
