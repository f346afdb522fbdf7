/** `secfix report` and `secfix compare` through the real CLI, on the offline study. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, secfix } from '../support/cli.ts';

const STUDY = path.join(ROOT, 'examples', 'offline-study.yaml');

test('secfix report renders every format of a run; secfix compare sets two runs side by side', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-cli-report-'));
  try {
    const a = secfix(['run', STUDY, '--store', dir, '--no-progress']).stdout.trim();
    const b = secfix(['run', STUDY, '--store', dir, '--no-progress']).stdout.trim();
    const md = secfix(['report', a, '--store', dir]);
    // `latest` is the run created last
    assert.ok(secfix(['report', 'latest', '--store', dir]).stdout.includes(`Run \`${b}\` (completed`));
    assert.equal(md.code, 0, md.stderr);
    assert.ok(md.stdout.includes('**2 of 5 (40%, 95% CI 12–77%) samples with code have at least one weakness; 1 refusal(s), 1 answer(s) without code, 0 failed call(s); 3 pair(s) of a sample and its fix or baseline, 2 with code on both sides.**'));
    assert.ok(md.stdout.includes('| recorded | security-checklist | 3 | 2 | 0 | 0 | 0 | 0 | 0 | 1 | 100% [34–100] n=2 | 0% [0–66] n=2 | 2 | 0 | 0 | -2 | 2/0 | 0.500 | 0.500 |'));

    for (const [format, file] of [['html', 'r.html'], ['json', 'r.json'], ['csv', 'r.csv'], ['latex', 'r.tex']] as const) {
      const out = path.join(dir, 'out', file);
      const r = secfix(['report', a, '--store', dir, '-f', format, '-o', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '');
      assert.ok(existsSync(out), format);
    }
    assert.equal(JSON.parse(readFileSync(path.join(dir, 'out', 'r.json'), 'utf8')).totals.withCode, 5);
    assert.equal(readFileSync(path.join(dir, 'out', 'r.csv'), 'utf8').trimEnd().split('\r\n').length, 1 + 7);

    const cmp = secfix(['compare', a, b, '--store', dir]);
    assert.equal(cmp.code, 0, cmp.stderr);
    // the same replayed answers twice: no difference, p = 1
    assert.ok(cmp.stdout.includes('| recorded | baseline | 67% [21–94] n=3 | 67% [21–94] n=3 | 0 ['), cmp.stdout);
    assert.ok(cmp.stdout.includes('| 1.000 | 1.000 |'));

    const missing = secfix(['report', 'run-nope', '--store', dir]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^secfix: no run run-nope in /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
