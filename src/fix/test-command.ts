/**
 * `secfix fix --test "CMD"`: the user's own test command, run on a temporary copy of the working
 * directory with a file's fixes applied, so a fix that breaks the tests is rejected and the
 * project itself is never touched. It runs the (fixed) project code, as the user's tests always
 * do; it is never run unless asked for.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestOutcome {
  passed: boolean;
  code: number | null;
  /** The last lines of the command's output, for the reason of a rejection. */
  tail: string;
}

/** Folders not copied (linked instead when present: tests usually need the dependencies). */
const LINKED = new Set(['node_modules', '.venv', 'venv']);
const SKIPPED = new Set(['.git', '.secfix']);

export function runTestCommand(command: string, cwd: string, changes: ReadonlyArray<{ file: string; text: string }>, timeoutMs = 10 * 60 * 1000): TestOutcome {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'secfix-test-'));
  try {
    cpSync(cwd, copy, {
      recursive: true,
      filter: (src) => {
        const rel = path.relative(cwd, src);
        const top = rel.split(path.sep)[0]!;
        return !(SKIPPED.has(top) || LINKED.has(top));
      },
    });
    for (const dir of LINKED) if (existsSync(path.join(cwd, dir))) symlinkSync(path.join(cwd, dir), path.join(copy, dir));
    for (const c of changes) {
      const rel = path.relative(cwd, path.resolve(c.file));
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue; // outside the copy: nothing to apply
      writeFileSync(path.join(copy, rel), c.text);
    }
    const r = spawnSync(command, { cwd: copy, shell: true, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trimEnd().split('\n').slice(-5).join('\n');
    return { passed: r.status === 0, code: r.status, tail: r.error ? String(r.error.message) : out };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
