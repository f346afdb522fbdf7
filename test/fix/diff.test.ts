/** Unified diffs: checked against git's own output for the same files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unifiedDiff } from '../../src/fix/diff.ts';

/** git's diff of two texts, with the headers rewritten to a/FILE and b/FILE. */
function gitDiff(before: string, after: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-diff-'));
  try {
    writeFileSync(path.join(dir, 'a'), before);
    writeFileSync(path.join(dir, 'b'), after);
    let out = '';
    try {
      execFileSync('git', ['diff', '--no-index', '--no-color', '-U3', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
    }
    const lines = out.split('\n');
    const start = lines.findIndex((l) => l.startsWith('--- '));
    // git adds the nearest "function" line after each hunk header; secfix prints none
    return ['--- a/f.py', '+++ b/f.py', ...lines.slice(start + 2).map((l) => l.replace(/^(@@ [^@]+ @@).*$/, '$1'))].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const base = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

test('equal texts give no diff', () => {
  assert.equal(unifiedDiff('f.py', base, base), '');
});

for (const [name, after] of [
  ['one changed line', base.replace('line 10\n', 'line ten\n')],
  ['an added import at the top', `import os\n${base}`],
  ['two changes far apart (two hunks)', base.replace('line 2\n', 'line two\n').replace('line 28\n', 'line 28a\nline 28b\n')],
  ['two changes close together (one hunk)', base.replace('line 10\n', 'x\n').replace('line 14\n', '')],
  ['the last line, without a newline', base.slice(0, -1).replace('line 30', 'line thirty')],
  ['everything removed', ''],
] as const) {
  test(`the same as git diff: ${name}`, () => {
    assert.equal(unifiedDiff('f.py', base, after), gitDiff(base, after));
  });
}
