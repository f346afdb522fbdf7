/** Repair pairs from a `secfix fix -f json` report: only files whose every finding was fixed, with nothing introduced. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { examplesFromFixJson } from '../../src/datasets/sources/fix-json.ts';
import { ImportError } from '../../src/importers/errors.ts';

const finding = (cwe: string, status: string) => ({ ruleId: 'r', cwe: [cwe, 'CWE-20'], severity: 9, line: 1, message: 'm', fingerprint: 'f', status });

test('fix report entries become repair pairs or counted skips', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-dataset-fix-'));
  try {
    const file = path.join(dir, 'fix.json');
    writeFileSync(file, JSON.stringify({
      files: [
        { file: 'a.py', language: 'python', findings: [finding('CWE-502', 'fixed'), finding('CWE-78', 'fixed')], introduced: [], original: 'yaml.load(x)\n', fixed: 'yaml.safe_load(x)\n' },
        { file: 'b.py', language: 'python', findings: [finding('CWE-502', 'fixed'), finding('CWE-95', 'no-fix')], introduced: [], original: 'a\n', fixed: 'b\n' },
        { file: 'c.py', language: 'python', findings: [], introduced: [], original: 'ok\n', fixed: 'ok\n' },
        { file: 'd.js', language: 'javascript', findings: [finding('CWE-79', 'fixed')], introduced: [{ ruleId: 'x' }], original: 'a\n', fixed: 'b\n' },
        { file: 'e.py', language: 'python', findings: [finding('CWE-79', 'fixed')], introduced: [] },
      ],
    }));
    const r = await examplesFromFixJson(file);
    assert.deepEqual(r.examples.map((e) => [e.id, e.kind, e.cwe, e.insecure, e.secure]), [['fix-json:fix.json:a.py', 'repair', ['CWE-502', 'CWE-78'], 'yaml.load(x)\n', 'yaml.safe_load(x)\n']]);
    assert.deepEqual(r.skipped, { 'file not fully fixed': 1, 'file unchanged': 1, 'fix introduced a finding': 1 });
    assert.deepEqual(r.problems.map((p) => p.message), ['files[4]: original: Invalid input: expected string, received undefined; fixed: Invalid input: expected string, received undefined']);

    writeFileSync(file, '[1, 2]');
    await assert.rejects(examplesFromFixJson(file), (e: unknown) => e instanceof ImportError && /not a secfix fix report/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
