/** `secfix import` through the real CLI, on the synthetic study of test/importers/study-fixture.ts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { secfix } from '../support/cli.ts';
import { studyCsv, studySarif, writeStudySamples } from '../importers/study-fixture.ts';

function withDir(fn: (dir: string, root: string) => void): () => void {
  return () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-cli-import-'));
    try {
      fn(dir, writeStudySamples(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('secfix import records a SARIF study as a run: run id on stdout, counts on stderr, listed by runs list', withDir((dir, root) => {
  const sarif = path.join(dir, 'codeql.sarif');
  writeFileSync(sarif, studySarif(root));
  const store = path.join(dir, 'store');
  const r = secfix(['import', root, '--findings', sarif, '--store', store, '--name', 'paper']);
  assert.equal(r.code, 0, r.stderr);
  const id = r.stdout.trim();
  assert.match(id, /^run-\d{8}-\d{6}-[0-9a-f]{6}$/);
  assert.equal(r.stderr, `secfix: run ${id}: 16 sample(s), 10 finding(s) from CodeQL; 16 analysed, 0 not analysed; 0 problem(s)\n`);

  const list = secfix(['runs', 'list', '--store', store]);
  assert.match(list.stdout, new RegExp(`^${id}\\t\\S+\\tcompleted\\tpaper\\n$`));
  const show = secfix(['runs', 'show', id, '--store', store]);
  assert.equal(show.stdout.split('\n').slice(1, 5).join('\n'), 'generations: 16 (0 error(s))\nsamples: 16 (code 16, refusal 0, no-code 0)\nsamples with ≥1 finding: 9 of 16\nfindings: 10');
}));

test('secfix import: a CSV that leaves samples out prints the problem; --clean-unlisted counts them clean', withDir((dir, root) => {
  const csv = path.join(dir, 'findings.csv');
  writeFileSync(csv, studyCsv());
  const store = path.join(dir, 'store');
  const strict = secfix(['import', root, '--findings', csv, '--tool', 'CodeQL', '--store', store, '--run-id', 'strict']);
  assert.equal(strict.code, 0, strict.stderr);
  assert.equal(strict.stdout, 'strict\n');
  assert.equal(strict.stderr, [
    `secfix: ${csv}: 7 sample(s) are not listed in the findings of CodeQL: recorded as not analysed by it (if the tool found nothing in them, list them with an empty cwe, or use --clean-unlisted)`,
    'secfix: run strict: 16 sample(s), 10 finding(s) from CodeQL; 9 analysed, 7 not analysed; 1 problem(s)',
    '',
  ].join('\n'));
  const lenient = secfix(['import', root, '--findings', csv, '--format', 'csv', '--clean-unlisted', '--store', store, '--run-id', 'lenient']);
  assert.equal(lenient.stderr, 'secfix: run lenient: 16 sample(s), 10 finding(s) from csv; 16 analysed, 0 not analysed; 0 problem(s)\n');
}));

test('secfix import: a missing input is exit 3, a file of unknown format or a bad --format exit 2, each one line', withDir((dir, root) => {
  const store = path.join(dir, 'store');
  const missing = secfix(['import', root, '--findings', path.join(dir, 'nope.sarif'), '--store', store]);
  assert.deepEqual([missing.code, missing.stdout, missing.stderr], [3, '', `secfix: findings file ${path.join(dir, 'nope.sarif')}: cannot read (ENOENT)\n`]);
  const noSamples = secfix(['import', path.join(dir, 'nowhere'), '--store', store]);
  assert.deepEqual([noSamples.code, noSamples.stderr], [3, `secfix: samples ${path.join(dir, 'nowhere')}: cannot read (ENOENT)\n`]);
  const txt = path.join(dir, 'findings.txt');
  writeFileSync(txt, '');
  const unknown = secfix(['import', root, '--findings', txt, '--store', store]);
  assert.deepEqual([unknown.code, unknown.stderr], [2, `secfix: ${txt}: cannot tell whether the findings are SARIF or CSV from the file name\nhint: give the format (--format sarif|csv)\n`]);
  const bad = secfix(['import', root, '--format', 'xml', '--store', store]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /argument 'xml' is invalid/);
  assert.equal(secfix(['runs', 'list', '--store', store]).stdout, '');
}));
