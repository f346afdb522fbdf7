/** Unified diffs as models write them: found in answers, parsed leniently, placed by their lines. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatch, findDiff, parsePatch, PatchError, type PatchErrorKind } from '../../src/fix/patch.ts';

const FILE = 'import sqlite3\n\n\ndef find_user(conn, email):\n    cur = conn.cursor()\n    cur.execute("SELECT * FROM users WHERE email = \'%s\'" % email)\n    return cur.fetchone()\n';
const FIXED = FILE.replace('"SELECT * FROM users WHERE email = \'%s\'" % email', '"SELECT * FROM users WHERE email = ?", (email,)');

const HUNK = [
  '@@ -5,3 +5,3 @@ def find_user(conn, email):',
  '     cur = conn.cursor()',
  '-    cur.execute("SELECT * FROM users WHERE email = \'%s\'" % email)',
  '+    cur.execute("SELECT * FROM users WHERE email = ?", (email,))',
  '     return cur.fetchone()',
].join('\n');

function refused(fn: () => unknown, kind: PatchErrorKind): PatchError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof PatchError, `expected PatchError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    return e;
  }
  assert.fail('expected a PatchError');
}

test('a fenced diff with file headers applies', () => {
  const answer = 'Here is the fix:\n\n```diff\n--- a/app.py\n+++ b/app.py\n' + HUNK + '\n```\n\nThis uses a parameterised query.';
  assert.equal(applyPatch(FILE, answer), FIXED);
});

test('bare hunks without file headers, followed by prose, apply', () => {
  assert.equal(applyPatch(FILE, HUNK + '\n\nThe query now uses a placeholder.\n'), FIXED);
});

test('hunk line numbers and counts that are off are only a hint', () => {
  const wrong = HUNK.replace('@@ -5,3 +5,3 @@', '@@ -40,7 +41,2 @@');
  assert.equal(applyPatch(FILE, wrong), FIXED);
});

test('a bare @@ without numbers applies when its lines occur once', () => {
  assert.equal(applyPatch(FILE, '```diff\n' + HUNK.replace(/^@@.*$/m, '@@') + '\n```'), FIXED);
});

test('CRLF in the file is kept for new lines; CRLF in the diff is read', () => {
  const crlf = FILE.replace(/\n/g, '\r\n');
  assert.equal(applyPatch(crlf, HUNK.replace(/\n/g, '\r\n')), FIXED.replace(/\n/g, '\r\n'));
});

test('mixed line endings: untouched lines keep their own', () => {
  const text = 'a = 1\r\nb = 2\nc = 3\n';
  assert.equal(applyPatch(text, '@@ -2,1 +2,1 @@\n-b = 2\n+b = 20\n'), 'a = 1\r\nb = 20\nc = 3\n');
});

test('whitespace-insensitive match when exact fails; the file keeps its own context lines', () => {
  const sloppy = HUNK.replace('     cur = conn.cursor()', ' cur = conn.cursor()  ').replace('-    cur.execute', '-  cur.execute');
  assert.equal(applyPatch(FILE, sloppy), FIXED);
});

test('context lines whose leading space was lost are read as context inside a fenced diff', () => {
  const lost = HUNK.replace('     cur = conn.cursor()', '    cur = conn.cursor()').replace('     return cur.fetchone()', 'return cur.fetchone()');
  assert.equal(applyPatch(FILE, '```diff\n' + lost + '\n```'), FIXED);
});

test('an exact match is preferred to a whitespace-insensitive one', () => {
  const text = 'def f():\n    x = 1\n\nx = 1\n';
  assert.equal(applyPatch(text, '@@ -2,1 +2,1 @@\n-x = 1\n+x = 2\n'), 'def f():\n    x = 1\n\nx = 2\n');
});

test('of several exact matches, the one nearest the stated line wins', () => {
  const text = 'x = 1\ny = 0\nx = 1\ny = 0\nx = 1\n';
  assert.equal(applyPatch(text, '@@ -6,1 +6,1 @@\n-x = 1\n+x = 2\n'), 'x = 1\ny = 0\nx = 1\ny = 0\nx = 2\n');
  assert.equal(applyPatch(text, '@@ -1,1 +1,1 @@\n-x = 1\n+x = 2\n'), 'x = 2\ny = 0\nx = 1\ny = 0\nx = 1\n');
});

test('two matches equally near the stated line: refused as ambiguous', () => {
  const text = 'x = 1\ny = 0\nx = 1\n';
  const e = refused(() => applyPatch(text, '@@ -2,1 +2,1 @@\n-x = 1\n+x = 2\n'), 'ambiguous');
  assert.equal(e.message, 'hunk 1 (stated line 2): its lines occur equally near it at lines 1 and 3');
  assert.equal(e.hunk, 1);
});

test('several matches and no line number: refused as ambiguous', () => {
  const e = refused(() => applyPatch('x = 1\nx = 1\n', '```diff\n@@\n-x = 1\n+x = 2\n```'), 'ambiguous');
  assert.equal(e.message, 'hunk 1: its lines occur at 2 places (lines 1, 2) and it gives no line number');
});

test('context not in the file: refused with the hunk number', () => {
  const diff = HUNK + '\n@@ -9,2 +9,2 @@\n def other():\n-    return 1\n+    return 2\n';
  const e = refused(() => applyPatch(FILE, diff), 'not-found');
  assert.equal(e.message, 'hunk 2 (stated line 9): its context and removed lines are not in the file');
});

test('several hunks apply in order, the offset of earlier hunks carried', () => {
  const text = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].join('\n') + '\n';
  const diff = '@@ -1,2 +1,3 @@\n a\n+a2\n b\n@@ -6,2 +7,1 @@\n f\n-g\n';
  assert.equal(applyPatch(text, diff), 'a\na2\nb\nc\nd\ne\nf\n');
});

test('\\ No newline at end of file: removed, kept and added', () => {
  assert.equal(applyPatch('a\nb', '@@ -2,1 +2,1 @@\n-b\n\\ No newline at end of file\n+c\n'), 'a\nc\n');
  assert.equal(applyPatch('a\nb\n', '@@ -2,1 +2,1 @@\n-b\n+c\n\\ No newline at end of file\n'), 'a\nc');
  assert.equal(applyPatch('a\nb', '@@ -1,1 +1,1 @@\n-a\n+z\n'), 'z\nb');
  assert.equal(applyPatch('a\nb', '@@ -2,1 +2,2 @@\n b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n'), 'a\nb\nc');
});

test('a pure insertion without context goes after the stated line', () => {
  assert.equal(applyPatch('a\nb\n', '@@ -0,0 +1,1 @@\n+import os\n'), 'import os\na\nb\n');
  refused(() => applyPatch('a\n', '```diff\n@@\n+x\n```'), 'bad-hunk');
});

test('headers never choose the file: one that names another path is ignored', () => {
  const answer = '```diff\n--- a/../../etc/passwd\n+++ b/../../etc/passwd\n' + HUNK + '\n```';
  assert.deepEqual(parsePatch(findDiff(answer)!.text).files, ['../../etc/passwd']);
  assert.equal(applyPatch(FILE, answer), FIXED);
});

test('a diff for two different files is refused', () => {
  const diff = '--- a/app.py\n+++ b/app.py\n' + HUNK + '\n--- a/tests/test_app.py\n+++ b/tests/test_app.py\n@@ -1,1 +0,0 @@\n-def test_it(): pass\n';
  const e = refused(() => applyPatch(FILE, diff), 'multiple-files');
  assert.equal(e.message, 'the diff changes 2 files; only the file under repair can be changed');
});

test('a diff that creates or deletes a file is refused', () => {
  refused(() => applyPatch(FILE, '--- /dev/null\n+++ b/run.sh\n@@ -0,0 +1,1 @@\n+rm -rf /\n'), 'creates-or-deletes');
  refused(() => applyPatch(FILE, 'diff --git a/app.py b/app.py\ndeleted file mode 100644\n--- a/app.py\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-import sqlite3\n'), 'creates-or-deletes');
});

test('no hunk, or hunks that change nothing: refused', () => {
  assert.equal(refused(() => applyPatch(FILE, 'I think the code is fine.'), 'no-hunks').message, 'no hunk (@@ … @@) in the diff');
  assert.equal(refused(() => applyPatch(FILE, '@@ -1,1 +1,1 @@\n import sqlite3\n'), 'no-hunks').message, "the diff's hunks change no line");
});

test('a removed SQL comment line (-- …) is not read as a file header', () => {
  const text = 'SELECT 1;\n-- old\nSELECT 2;\n';
  assert.equal(applyPatch(text, '@@ -1,3 +1,2 @@\n SELECT 1;\n--- old\n SELECT 2;\n'), 'SELECT 1;\nSELECT 2;\n');
});

test('findDiff: fenced diff, a block shaped like a diff, bare hunks, and plain code', () => {
  assert.deepEqual(findDiff('x\n```patch\n' + HUNK + '\n```'), { text: HUNK, fenced: true });
  assert.deepEqual(findDiff('```python\n' + HUNK + '\n```'), { text: HUNK, fenced: true });
  assert.deepEqual(findDiff(HUNK), { text: HUNK, fenced: false });
  assert.equal(findDiff('```python\n' + FIXED + '```'), undefined);
  assert.equal(findDiff('@@decorator\ndef f(): pass\n'), undefined);
});
