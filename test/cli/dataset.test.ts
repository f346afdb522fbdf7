/** `secfix dataset build` through the real CLI: a run store and a corpus, a fix report, and the usage errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/store.ts';
import { ROOT, secfix } from '../support/cli.ts';
import { buildEvaluationRun, buildPromptLeakRun, buildTrainingRun, PAIRS_JSONL } from '../datasets/fixture.ts';

function workspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-cli-dataset-'));
  const store = openStore(dir, { file: 'runs.db' });
  try {
    buildTrainingRun(store);
    buildPromptLeakRun(store);
    buildEvaluationRun(store);
  } finally {
    store.close();
  }
  writeFileSync(path.join(dir, 'corpus.jsonl'), PAIRS_JSONL);
  return dir;
}

test('dataset build: counts on stdout, problems on stderr, files in the output directory only, the same hash twice', () => {
  const dir = workspace();
  try {
    const args = (out: string) => ['dataset', 'build', '--from', `run:${dir}:train`, `run:${dir}:train2`, `pairs:${path.join(dir, 'corpus.jsonl')}`, '-o', out, '--exclude-run', `${dir}:eval`, '--seed', '3'];
    const r = secfix(args(path.join(dir, 'out')));
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 3), [
      '8 example(s) from 3 source(s); 5 invalid row(s), 7 candidate(s) not verified',
      'dropped: 0 duplicate id(s), 3 by evaluation scenario, 1 near an evaluation prompt, 1 near evaluation code, 1 exact and 0 near duplicate(s)',
      '2 example(s): 2 train, 0 validation, 0 test',
    ]);
    assert.match(lines[3]!, /^sha256:[0-9a-f]{64}$/);
    assert.equal(lines[4], `wrote 14 file(s) to ${path.join(dir, 'out')}`);
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 5);
    assert.match(r.stderr, /^secfix: .*corpus\.jsonl:2: invalid JSON/);
    assert.deepEqual(readdirSync(path.join(dir, 'out')).sort(), ['README.md', 'axolotl.yaml', 'hf', 'openai', 'test.jsonl', 'train.jsonl', 'validation.jsonl']);
    const card = readFileSync(path.join(dir, 'out', 'README.md'), 'utf8');
    assert.ok(card.includes(`Content hash: \`${lines[3]}\``));
    assert.ok(card.includes(`Leakage guard against: run ${dir}:eval.`));
    assert.ok(card.includes('| leakage: near duplicate of an evaluation prompt | 1 |'));

    const again = secfix(args(path.join(dir, 'again')));
    assert.equal(again.stdout.trimEnd().split('\n')[3], lines[3]);
    assert.equal(readFileSync(path.join(dir, 'again', 'README.md'), 'utf8'), card);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a secfix fix -f json report is a source: the fully fixed file becomes a pair, the other is counted as not verified', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-cli-dataset-fix-'));
  try {
    mkdirSync(path.join(dir, 'app'));
    const before = readFileSync(path.join(ROOT, 'src/rules/python/unsafe-deserialization/fix.before.py'), 'utf8');
    writeFileSync(path.join(dir, 'app', 'loader.py'), before);
    writeFileSync(path.join(dir, 'app', 'calc.py'), 'from flask import request\n\n\ndef calc():\n    return eval(request.args["expr"])\n');
    const fix = secfix(['fix', 'app', '-f', 'json', '-o', 'fix.json'], { cwd: dir });
    assert.equal(fix.code, 1, fix.stderr);
    const report = JSON.parse(readFileSync(path.join(dir, 'fix.json'), 'utf8')) as { files: Array<{ file: string; original: string; fixed: string }> };
    const loader = report.files.find((f) => f.file.endsWith('loader.py'))!;
    assert.equal(loader.original, before);
    assert.notEqual(loader.fixed, before);

    const r = secfix(['dataset', 'build', '--from', 'fix-json:fix.json', '-o', 'ds', '--format', 'openai'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split('\n')[0], '1 example(s) from 1 source(s); 0 invalid row(s), 1 candidate(s) not verified');
    assert.deepEqual(readdirSync(path.join(dir, 'ds')).sort(), ['README.md', 'openai', 'test.jsonl', 'train.jsonl', 'validation.jsonl']);
    const row = JSON.parse(readFileSync(path.join(dir, 'ds', 'train.jsonl'), 'utf8')) as { insecure: string; secure: string; cwe: string[] };
    assert.deepEqual([row.insecure, row.secure, row.cwe], [before, loader.fixed, ['CWE-502']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors exit 2 and unreadable sources exit 3, writing nothing', () => {
  const dir = workspace();
  try {
    const out = path.join(dir, 'out');
    const cases: Array<[string[], number, RegExp]> = [
      [['--from', 'bogus:x'], 2, /^secfix: unknown dataset source 'bogus:x'\n/],
      [['--from', `pairs:${path.join(dir, 'missing.jsonl')}`], 3, /^secfix: dataset source not found: /],
      [['--from', `run:${dir}:nope`], 2, /^secfix: no run nope in /],
      [['--from', `run:${path.join(dir, 'nowhere')}:train`], 3, /^secfix: no run store in /],
      [['--from', `run:${dir}:train`, '--split', '0.5,0.5'], 2, /--split takes three non-negative numbers/],
      [['--from', `run:${dir}:train`, '--near-threshold', '2'], 2, /--near-threshold takes a number in \(0, 1\]/],
      [['--from', `run:${dir}:train`, '--format', 'openai,parquet'], 2, /unknown --format 'parquet'/],
      [['--from', `run:${dir}:eval`, '--exclude-run', `${dir}:eval`], 2, /^secfix: no example is left to write\n/],
    ];
    for (const [extra, code, message] of cases) {
      const r = secfix(['dataset', 'build', '-o', out, ...extra]);
      assert.equal(r.code, code, `${extra.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    assert.equal(existsSync(out), false);
    assert.equal(existsSync(path.join(dir, 'nowhere')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
