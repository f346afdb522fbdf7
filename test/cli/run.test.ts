/** `secfix run` and `secfix runs` through the real CLI, offline from the bundled replay file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, secfix } from '../support/cli.ts';

const STUDY = path.join(ROOT, 'examples', 'offline-study.yaml');
const SUMMARY = (id: string, calls: number, resumed: number, cached: number) =>
  `secfix: run ${id} finished: 7 generation(s) (${calls} provider call(s), ${resumed} resumed from the store, ${cached} cached/replayed), ` +
  '0 error(s), 1 refusal(s), 1 no-code, 1 truncated; samples with code that have ≥1 finding: 2 of 5 (40%, 95% CI 12–77%) (7 sample(s) in all, 2 comparison(s))\n';

test('secfix run runs the offline study, resumes it without calls, and runs list/show/export read it', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-cli-run-'));
  try {
    const first = secfix(['run', STUDY, '--store', dir]);
    assert.equal(first.code, 0, first.stderr);
    const id = first.stdout.trim();
    assert.match(id, /^run-\d{8}-\d{6}-[0-9a-f]{6}$/);
    assert.equal(first.stderr, SUMMARY(id, 0, 0, 7));

    const again = secfix(['run', STUDY, '--store', dir, '--resume', id]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, `${id}\n`);
    assert.equal(again.stderr, SUMMARY(id, 0, 7, 0));

    const list = secfix(['runs', 'list', '--store', dir]);
    assert.equal(list.code, 0);
    assert.match(list.stdout, new RegExp(`^${id}\\t\\S+\\tcompleted\\toffline-study\\n$`));

    const show = secfix(['runs', 'show', id, '--store', dir]);
    assert.equal(show.code, 0);
    assert.equal(show.stdout.split('\n').slice(1).join('\n'), [
      'generations: 7 (0 error(s))',
      'samples: 7 (code 5, refusal 1, no-code 1)',
      'samples with ≥1 finding: 2 of 5',
      'findings: 2',
      'comparisons: 2',
      '',
    ].join('\n'));

    const csv = path.join(dir, 'samples.csv');
    const exp = secfix(['runs', 'export', id, '--format', 'csv', '-o', csv, '--store', dir]);
    assert.equal(exp.code, 0, exp.stderr);
    assert.equal(readFileSync(csv, 'utf8').trim().split('\n').length, 8); // header + 7 generations

    const missing = secfix(['runs', 'show', 'run-nope', '--store', dir]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^secfix: no run run-nope in /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('secfix run: a config error is one line and exit 2; a missing study file is exit 3', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-cli-run-'));
  try {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'models: [replay:x.jsonl]\nsamples: 0\n');
    const r = secfix(['run', bad, '--store', dir]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^secfix: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: samples: `));

    const both = path.join(dir, 'both.yaml');
    writeFileSync(both, 'models: [replay:x.jsonl]\nmode: both\n');
    const b = secfix(['run', both, '--store', dir]);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /^secfix: replay file .*x\.jsonl cannot be read \(ENOENT\)\n/);

    const gone = secfix(['run', path.join(dir, 'nope.yaml'), '--store', dir]);
    assert.equal(gone.code, 3);
    assert.match(gone.stderr, /^secfix: cannot read study file .*nope\.yaml: ENOENT\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the progress line: a bar of finished cells, then counts (and cost when priced)', async () => {
  const { progressLine } = await import('../../src/cli/commands/run.ts');
  const s = {
    runId: 'r', generations: 12, providerCalls: 12, resumed: 0, cached: 0, errors: 1, refusals: 0, noCode: 0, truncated: 0, samples: 11,
    samplesWithCode: 11, samplesWithFindings: 3, comparisons: 0, skipped: 0, imported: 0, importProblems: [], unitsDone: 3, units: 12,
  };
  assert.equal(progressLine(s, 12), '[###---------] 3/12 cells · 12 generation(s) · 1 error(s) · 11 sample(s)');
  assert.equal(progressLine({ ...s, unitsDone: 12, spent: { inputTokens: 1, outputTokens: 2, costUsd: 0.00123 } }, 4), '[####] 12/12 cells · 12 generation(s) · 1 error(s) · 11 sample(s) · $0.0012');
});
