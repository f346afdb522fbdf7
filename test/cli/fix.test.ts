/** `secfix fix` through the real CLI: dry run, --write (atomic, mode kept, backup), --test, symlinks, SARIF fixes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, secfix } from '../support/cli.ts';

const BEFORE = readFileSync(path.join(ROOT, 'src/rules/python/unsafe-deserialization/fix.before.py'), 'utf8');
const AFTER = readFileSync(path.join(ROOT, 'src/rules/python/unsafe-deserialization/fix.after.py'), 'utf8');
const NO_FIX = 'from flask import request\n\n\ndef calc():\n    return eval(request.args["expr"])\n';

function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-cli-fix-'));
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'app', 'loader.py'), BEFORE);
  chmodSync(path.join(dir, 'app', 'loader.py'), 0o640);
  return dir;
}

test('a dry run prints the diff and what became of each finding, and changes nothing', () => {
  const dir = project();
  try {
    const r = secfix(['fix', 'app'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith('--- a/app/loader.py\n+++ b/app/loader.py\n@@ -4,13 +4,13 @@\n'), r.stdout);
    assert.ok(r.stdout.includes('-    return yaml.load(request.data, Loader=yaml.Loader)\n+    return yaml.safe_load(request.data)\n'));
    assert.match(r.stdout, /app\/loader\.py:7 +py\/unsafe-deserialization +CWE-502 +fixed \(rules\): use yaml\.safe_load, which builds only plain data\n/);
    assert.ok(r.stdout.endsWith('3 finding(s) in 1 file(s): 3 fixed, 0 rejected, 0 without a fix; 1 file(s) would change (run with --write to apply)\n'));
    assert.equal(readFileSync(path.join(dir, 'app', 'loader.py'), 'utf8'), BEFORE);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--write applies the fixes atomically, keeps the mode, and with --backup keeps the original', () => {
  const dir = project();
  try {
    const r = secfix(['fix', 'app', '--write', '--backup'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const file = path.join(dir, 'app', 'loader.py');
    assert.equal(readFileSync(file, 'utf8'), AFTER);
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.equal(readFileSync(`${file}.secfix-orig`, 'utf8'), BEFORE);
    assert.ok(r.stdout.endsWith('; 1 file(s) written\n'));
    // nothing left: a second run has nothing to do
    const again = secfix(['fix', 'app'], { cwd: dir });
    assert.equal(again.code, 0);
    assert.equal(again.stdout, '0 finding(s) in 1 file(s): 0 fixed, 0 rejected, 0 without a fix; 0 file(s) would change (run with --write to apply)\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a finding without a fix is listed and exits 1; a failing --test rejects the fixes and writes nothing', () => {
  const dir = project();
  try {
    writeFileSync(path.join(dir, 'app', 'calc.py'), NO_FIX);
    const r = secfix(['fix', 'app'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /app\/calc\.py:5 +py\/code-injection +CWE-95 +no fix available\n/);
    const t = secfix(['fix', 'app/loader.py', '--write', '--test', 'echo tests failed; exit 3'], { cwd: dir });
    assert.equal(t.code, 1);
    assert.match(t.stdout, /rejected \(rules\): the test command failed \(exit 3\): tests failed\n/);
    assert.equal(readFileSync(path.join(dir, 'app', 'loader.py'), 'utf8'), BEFORE);
    const ok = secfix(['fix', 'app/loader.py', '--test', 'grep -q safe_load app/loader.py'], { cwd: dir });
    assert.equal(ok.code, 0, ok.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--write never writes through a symbolic link that leads outside the paths given', () => {
  const dir = project();
  const outside = mkdtempSync(path.join(os.tmpdir(), 'secfix-outside-'));
  try {
    writeFileSync(path.join(outside, 'victim.py'), BEFORE);
    symlinkSync(path.join(outside, 'victim.py'), path.join(dir, 'app', 'link.py'));
    const r = secfix(['fix', 'app/link.py', '--write'], { cwd: dir });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /app\/link\.py: is a symbolic link; secfix does not write through links/);
    assert.equal(readFileSync(path.join(outside, 'victim.py'), 'utf8'), BEFORE);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test('SARIF output carries the verified change as fixes of the fixed results', () => {
  const dir = project();
  try {
    const r = secfix(['fix', 'app', '-f', 'sarif'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const log = JSON.parse(r.stdout);
    const results = log.runs[0].results as Array<{ ruleId: string; fixes?: Array<{ artifactChanges: Array<{ replacements: unknown[] }> }> }>;
    assert.equal(results.length, 3);
    for (const res of results) assert.equal(res.fixes?.[0]?.artifactChanges[0]?.replacements.length, 3);
    assert.deepEqual(results[0]!.fixes![0]!.artifactChanges[0]!.replacements[0], {
      deletedRegion: { startLine: 7, startColumn: 1, endLine: 8, endColumn: 1 },
      insertedContent: { text: '    return yaml.safe_load(request.data)\n' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
