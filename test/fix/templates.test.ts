/**
 * Every fix template, on its own fixtures: a rule folder's `fix.before.<ext>` must become exactly
 * `fix.after.<ext>` through the fix engine and its gate, and the "after" must parse and scan clean
 * (no finding of any default rule).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectLanguage } from '../../src/languages/registry.ts';
import { loadRules, selectRules } from '../../src/rules/registry.ts';
import { analyzeSource } from '../../src/scanner/analyze.ts';
import { fixWithRules } from '../../src/fix/engine.ts';
import type { Language } from '../../src/core/types.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/rules');
const rules = selectRules(await loadRules(), { profile: 'default' });
const scan = async (code: string, language: Language) => {
  const r = await analyzeSource(code, `fix.${language}`, language, rules);
  return { findings: r.findings, syntaxErrors: r.syntaxErrors, analyzers: ['builtin'] };
};

const folders = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'common')
  .flatMap((d) => readdirSync(path.join(root, d.name), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(root, d.name, e.name)));

const cases = folders.flatMap((dir) => readdirSync(dir).filter((f) => f.startsWith('fix.before.')).map((f) => ({ dir, before: f, after: f.replace('fix.before.', 'fix.after.') })));

test('there are fix templates with fixtures', () => {
  assert.ok(cases.length >= 1);
});

for (const c of cases) {
  const id = `${path.basename(path.dirname(c.dir))}/${path.basename(c.dir)}`;
  test(`fix template ${id} (${c.before})`, async () => {
    assert.ok(existsSync(path.join(c.dir, c.after)), `${c.after} is missing`);
    const language = detectLanguage(c.before)!;
    const before = readFileSync(path.join(c.dir, c.before), 'utf8');
    const expected = readFileSync(path.join(c.dir, c.after), 'utf8');
    const result = await fixWithRules(before, language, scan);
    assert.deepEqual(result.rejected.map((r) => `${r.finding.ruleId}@${r.finding.location.start.line}: ${r.reason}`), []);
    assert.equal(result.fixed, expected);
    const after = await scan(expected, language);
    assert.equal(after.syntaxErrors, 0, 'the fixed file parses');
    assert.deepEqual(after.findings.map((f) => `${f.ruleId}@${f.location.start.line}`), [], 'the fixed file scans clean');
    assert.ok(result.applied.length >= 1);
  });
}
