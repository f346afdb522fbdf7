/**
 * A small synthetic refine-mode run whose every metric is computed by hand in the tests:
 * model m, arm `baseline` (six samples) and arm `sc` (repairs of five of them).
 *
 *   baseline            sc repair            class
 *   B1 CWE-89 a@5 8.8   R1 clean             fixed
 *   B2 CWE-78 b@3 9.8   R2 b@3, c@9          moved (c moved from line 7 to 9)
 *      CWE-22 c@7 7.5
 *   B3 clean            R3 CWE-1333 e@4 7.5  introduced
 *   B4 CWE-79 d@2 6.1   R4 CWE-79 f@2 6.1    refactored (same CWE, new fingerprint)
 *   B5 refusal          —
 *   B6 CWE-89 g@1 8.8   R6 no code           not-comparable
 *
 * Every call used 10 input and 20 output tokens in 100 ms; m costs $1 / $2 per 1M tokens.
 */
import type { RunStore, StoredFinding } from '../../src/store/store.ts';

type F = [cwe: string, fingerprint: string, line: number, severity: number];

/** Every sample's code: ten numbered lines, so that flagged lines can be shown. */
export const TEN_LINES = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

function finding([cwe, fingerprint, line, severity]: F): StoredFinding {
  return {
    ruleId: `r/${cwe}`, analyzer: 'builtin', cwe: [cwe], severity, level: severity >= 7 ? 'error' : 'warning', confidence: 'high',
    message: 'm', location: { file: 'sample.py', start: { line, column: 1 }, end: { line, column: 5 } }, snippet: 's', fingerprint,
  };
}

export function buildSyntheticRun(store: RunStore, runId = 'synthetic'): void {
  store.createRun({ name: 'synthetic', models: [{ label: 'm', price: { input: 1, output: 2 } }] }, { id: runId });
  let n = 0;
  const sample = (o: { strategy: string; scenario: string; round: number; outcome: 'code' | 'refusal' | 'no-code'; findings?: F[]; parent?: number }): number => {
    n++;
    const g = store.recordGeneration({
      runId, requestKey: `k${n}`, sample: 0, round: o.round, providerId: 'openai:m', model: 'm', strategy: o.strategy, scenarioId: o.scenario,
      language: 'python', request: { messages: [{ role: 'user', content: `task ${n}` }] },
      response: { text: 'x', finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 20 }, latencyMs: 100, cached: false },
    });
    const id = store.recordSample({
      generationId: g, outcome: o.outcome, ...(o.outcome === 'code' ? { code: TEN_LINES } : {}), truncated: false, round: o.round,
      ...(o.parent !== undefined ? { parentSampleId: o.parent } : {}), strategy: o.strategy, mode: o.parent !== undefined ? 'refine' : 'generate',
    });
    if (o.outcome === 'code') store.recordFindings({ sampleId: id, analyzers: ['builtin'], syntaxErrors: 0, findings: (o.findings ?? []).map(finding) });
    return id;
  };
  const base = (scenario: string, outcome: 'code' | 'refusal', findings: F[] = []) => sample({ strategy: 'baseline', scenario, round: 0, outcome, findings });
  const fix = (parent: number, scenario: string, outcome: 'code' | 'no-code', findings: F[] = []) => sample({ strategy: 'sc', scenario, round: 1, outcome, findings, parent });
  const b1 = base('s1', 'code', [['CWE-89', 'a', 5, 8.8]]);
  const b2 = base('s2', 'code', [['CWE-78', 'b', 3, 9.8], ['CWE-22', 'c', 7, 7.5]]);
  const b3 = base('s3', 'code');
  const b4 = base('s4', 'code', [['CWE-79', 'd', 2, 6.1]]);
  base('s5', 'refusal');
  const b6 = base('s6', 'code', [['CWE-89', 'g', 1, 8.8]]);
  fix(b1, 's1', 'code');
  fix(b2, 's2', 'code', [['CWE-78', 'b', 3, 9.8], ['CWE-22', 'c', 9, 7.5]]);
  fix(b3, 's3', 'code', [['CWE-1333', 'e', 4, 7.5]]);
  fix(b4, 's4', 'code', [['CWE-79', 'f', 2, 6.1]]);
  fix(b6, 's6', 'no-code');
}
