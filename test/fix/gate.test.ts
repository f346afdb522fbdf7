/** The verification gate on hand-made scan results: each reason a fix is rejected, and acceptance. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/core/types.ts';
import { verifyFix, type ScanText } from '../../src/fix/gate.ts';

const f = (ruleId: string, fingerprint: string, line: number, cwe = 'CWE-89'): Finding => ({
  ruleId, analyzer: 'builtin', cwe: [cwe], severity: 8.8, level: 'error', confidence: 'high', message: 'm',
  location: { file: 'a.py', start: { line, column: 1 }, end: { line, column: 5 } }, snippet: 's', fingerprint,
});
const scanning = (findings: Finding[], syntaxErrors = 0): ScanText => async () => ({ findings, syntaxErrors, analyzers: ['builtin'] });

const sql = f('py/sql-injection', 'fp-sql', 4);
const cmd = f('py/command-injection', 'fp-cmd', 9, 'CWE-78');
const before = { findings: [sql, cmd], syntaxErrors: 0, analyzers: ['builtin'] };

test('a fix that removes its target and adds nothing is accepted; what it resolved is listed', async () => {
  const v = await verifyFix(before, 'fixed', 'python', [sql], scanning([{ ...cmd, location: { ...cmd.location, start: { line: 10, column: 1 } } }]));
  assert.equal(v.ok, true);
  assert.deepEqual(v.ok && v.resolved.map((x) => x.ruleId), ['py/sql-injection']);
});

test('rejections name the reason', async () => {
  const cases: Array<[string, ScanText, string]> = [
    ['a syntax error', scanning([cmd], 1), 'introduces 1 syntax error(s)'],
    ['the target kept', scanning([sql, cmd]), 'leaves CWE-89 (py/sql-injection) at line 4'],
    ['the rule still firing on the rewritten sink', scanning([f('py/sql-injection', 'fp-new', 4), cmd]), 'leaves CWE-89 (py/sql-injection): the rule still reports it'],
    ['a new weakness', scanning([cmd, f('py/redos', 'fp-re', 12, 'CWE-1333')]), 'introduces CWE-1333 (py/redos) at line 12'],
  ];
  for (const [what, scan, reason] of cases) {
    const v = await verifyFix(before, 'x', 'python', [sql], scan);
    assert.deepEqual([v.ok, !v.ok && v.reason], [false, reason], what);
  }
});

test('--allow-regressions accepts a fix that introduces a finding', async () => {
  const v = await verifyFix(before, 'x', 'python', [sql], scanning([cmd, f('py/redos', 'fp-re', 12, 'CWE-1333')]), { allowRegressions: true });
  assert.equal(v.ok, true);
});

test('a finding that spans the edited code keeps being the same weakness when its text changes', async () => {
  const route = f('js/missing-rate-limit', 'fp-route', 3, 'CWE-770');
  const inner = f('js/sql-injection', 'fp-sql', 5);
  const b = { findings: [route, inner], syntaxErrors: 0, analyzers: ['builtin'] };
  // the SQL fix rewrote a line inside the route: the route's finding has a new fingerprint
  const v = await verifyFix(b, 'x', 'javascript', [inner], scanning([f('js/missing-rate-limit', 'fp-route-2', 3, 'CWE-770')]));
  assert.equal(v.ok, true);
  // but a second finding of that rule is new
  const w = await verifyFix(b, 'x', 'javascript', [inner], scanning([f('js/missing-rate-limit', 'fp-route-2', 3, 'CWE-770'), f('js/missing-rate-limit', 'fp-route-3', 9, 'CWE-770')]));
  assert.deepEqual([w.ok, !w.ok && w.reason], [false, 'introduces CWE-770 (js/missing-rate-limit) at line 9']);
});
