/** Importing a published study (test/importers/study-fixture.ts): records, and its tables computed by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImportError } from '../../src/importers/errors.ts';
import { importStudy, type StudyImportOptions } from '../../src/importers/study.ts';
import { loadRunData } from '../../src/metrics/data.ts';
import { computeMetrics, type Metrics, type Rate } from '../../src/metrics/metrics.ts';
import { wilson } from '../../src/metrics/wilson.ts';
import { openStore, type RunStore } from '../../src/store/store.ts';
import { STUDY_FILES, studyCsv, studySarif, writeStudySamples } from './study-fixture.ts';

const r = (k: number, n: number): Rate => ({ k, n, rate: n ? k / n : null, ci: wilson(k, n) });
const zero = { fixed: 0, 'no-change': 0, moved: 0, refactored: 0, introduced: 0, clean: 0, 'not-comparable': 0 };

/** A temp dir with the study's samples, a store of its own per import, and cleanup. */
function withStudy(fn: (t: { dir: string; root: string; write: (name: string, text: string) => string; store: () => RunStore }) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-study-'));
    const stores: RunStore[] = [];
    try {
      const root = writeStudySamples(dir);
      const write = (name: string, text: string) => {
        const p = path.join(dir, name);
        writeFileSync(p, text);
        return p;
      };
      await fn({ dir, root, write, store: () => {
        const s = openStore(path.join(dir, `store-${stores.length}`));
        stores.push(s);
        return s;
      } });
    } finally {
      for (const s of stores) s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

async function metricsOf(o: StudyImportOptions): Promise<{ m: Metrics; result: Awaited<ReturnType<typeof importStudy>> }> {
  const result = await importStudy({ runId: 'study', ...o });
  return { m: computeMetrics(loadRunData(o.store, result.runId), { resamples: 200, seed: 1 }), result };
}

test('SARIF: every sample recorded as an import, findings attached by artifact URI, the config without secrets', withStudy(async ({ root, write, store }) => {
  const sarif = write('codeql.sarif', studySarif(root));
  const s = store();
  const result = await importStudy({ samples: root, findings: [sarif], store: s, runId: 'study', name: 'paper' });
  assert.deepEqual(result, { runId: 'study', samples: 16, findings: 10, analyzers: ['CodeQL'], analyzed: 16, notAnalyzed: 0, problems: [] });

  const run = s.getRun('study')!;
  assert.equal(run.status, 'completed');
  const config = run.config as { name: string; import: { samples: string; findings: Array<{ path: string; format: string; sha256: string }>; scan: boolean; cleanUnlisted: boolean }; analyzers: string[] };
  assert.equal(config.name, 'paper');
  assert.deepEqual({ ...config.import, findings: config.import.findings.map((f) => [f.path, f.format, f.sha256.length]) }, {
    samples: root, findings: [[sarif, 'sarif', 64]], scan: false, cleanUnlisted: false,
  });
  assert.deepEqual(config.analyzers, ['CodeQL']);

  const samples = s.listSamples('study');
  assert.equal(samples.length, 16);
  assert.deepEqual(new Set(samples.map((x) => `${x.mode}/${x.outcome}/${x.language}/${x.round}/${x.syntaxErrors}`)), new Set(['import/code/python/0/0']));
  const gen = s.listGenerations('study');
  assert.deepEqual(new Set(gen.map((g) => `${g.providerId}/${g.response?.cached}/${g.response?.usage.inputTokens}`)), new Set(['import/true/0']));
  assert.deepEqual(samples.map((x) => `${x.model}/${x.strategy}/${x.scenarioId}/${x.sample}.py`), Object.keys(STUDY_FILES));
  for (const x of samples) assert.deepEqual(s.analyzersDone(x.id), ['CodeQL']);

  // m2/baseline/s2/0.py: the password rule's own security-severity, and the CWEs of command injection from its relationships
  const id = samples.find((x) => x.model === 'm2' && x.strategy === 'baseline' && x.scenarioId === 's2' && x.sample === 0)!.id;
  assert.deepEqual(s.listFindings(id).map((f) => [f.ruleId, f.analyzer, f.cwe, f.severity, f.level, f.location.file, f.location.start.line, f.location.start.column, f.snippet]), [
    ['py/hardcoded-credentials', 'CodeQL', ['CWE-798'], 7.5, 'error', 'm2/baseline/s2/0.py', 2, 1, 'PASSWORD = "hunter2"'],
    ['py/command-line-injection', 'CodeQL', ['CWE-78', 'CWE-88'], 9.8, 'error', 'm2/baseline/s2/0.py', 4, 5, 'return os.system("ping -c 1 " + host)'],
  ]);
}));

test('the study-style tables from SARIF, computed by hand', withStudy(async ({ root, write, store }) => {
  const s = store();
  const { m } = await metricsOf({ samples: root, findings: [write('codeql.sarif', studySarif(root))], store: s });
  const arm = (model: string, a: string, vulnerable: Rate, weaknesses: number, severitySum: number, mean: number) => ({
    model, arm: a, samples: 4, withCode: 4, notAnalyzed: 0, refusals: r(0, 4), noCode: r(0, 4), truncated: 0, syntaxValid: r(4, 4), vulnerable, weaknesses, severitySum, mean,
  });
  assert.deepEqual(m.arms.map(({ severityMean, ...row }) => ({ ...row, mean: severityMean.estimate })), [
    // m1 baseline: s1/0, s1/1 (CWE-89, 8.8 each) and s2/1 (CWE-78, 9.8): 3 of 4; 27.4; mean 6.85
    arm('m1', 'baseline', r(3, 4), 3, 27.4, 6.85),
    // m1 sec: s1/1 (8.8), s2/0 and s2/1 (9.8 each): 3 of 4; 28.4; mean 7.1
    arm('m1', 'sec', r(3, 4), 3, 28.4, 7.1),
    // m2 baseline: s1/0 (8.8) and s2/0 (7.5 + 9.8): 2 of 4, 3 weaknesses; 26.1; mean 6.525
    arm('m2', 'baseline', r(2, 4), 3, 26.1, 6.525),
    // m2 sec: s1/0 (8.8): 1 of 4; mean 2.2
    arm('m2', 'sec', r(1, 4), 1, 8.8, 2.2),
  ]);
  assert.deepEqual(m.totals, { samples: 16, withCode: 16, notAnalyzed: 0, vulnerable: r(9, 16), refusals: 0, noCode: 0, callErrors: 0, pairs: 8 });
  // % improvement: m1 (0.75 − 0.75)/0.75 = 0 and (6.85 − 7.1)/6.85 = −3.649635%; m2 (0.5 − 0.25)/0.5 = 50% and (6.525 − 2.2)/6.525 = 66.283525%
  assert.deepEqual(m.improvement.map((i) => [i.model, i.arm, i.byVulnerable, i.bySeverity]), [['m1', 'sec', 0, -3.649635], ['m2', 'sec', 50, 66.283525]]);
  assert.deepEqual(m.repairs.map(({ mcnemar, ...row }) => row), [
    {
      model: 'm1', arm: 'sec', pairs: 4, classes: { ...zero, fixed: 1, moved: 1, introduced: 1, refactored: 1 },
      // vulnerable before: s1/0, s1/1, s2/1 → s1/0 fixed; s2/0 introduced CWE-78
      fixRate: r(1, 3), introductionRate: r(1, 4),
      // resolved: s1/0's and s2/1's old line; persisted: s1/1 (moved from line 3 to 5); introduced: s2/0, s2/1's new line
      resolved: 2, persisted: 1, introduced: 2, netChange: 0,
    },
    {
      model: 'm2', arm: 'sec', pairs: 4, classes: { ...zero, fixed: 1, 'no-change': 1, clean: 2 },
      fixRate: r(1, 2), introductionRate: r(0, 4), resolved: 2, persisted: 1, introduced: 0, netChange: -2,
    },
  ]);
  assert.deepEqual(m.changes.map((c) => `${c.after.model}/${c.after.scenario}/${c.after.sample}:${c.class}`), [
    'm1/s1/0:fixed', 'm1/s1/1:moved', 'm1/s2/0:introduced', 'm1/s2/1:refactored',
    'm2/s1/0:no-change', 'm2/s1/1:clean', 'm2/s2/0:fixed', 'm2/s2/1:clean',
  ]);
  assert.deepEqual(m.transitions, [{ from: 'none', to: 'CWE-78', count: 1 }]);
  assert.deepEqual(m.byScenario.map((x) => [x.scenario, x.arm, x.vulnerable.k, x.vulnerable.n]), [['s1', 'baseline', 3, 4], ['s1', 'sec', 2, 4], ['s2', 'baseline', 2, 4], ['s2', 'sec', 2, 4]]);
  // a report's --baseline picks another reference arm: against `sec`, m2's `baseline` is (0.25 − 0.5)/0.25 = 100% worse
  const flipped = computeMetrics(loadRunData(s, 'study'), { baseline: 'sec', resamples: 200, seed: 1 });
  assert.deepEqual(flipped.improvement.map((i) => [i.model, i.arm, i.byVulnerable]), [['m1', 'baseline', 0], ['m2', 'baseline', -100]]);
}));

/** Metrics without the run id, for comparing two imports of the same study. */
const comparable = (m: Metrics) => ({ ...m, runId: '' });

test('a CSV of the same findings gives the same metrics as the SARIF log, fingerprints included', withStudy(async ({ root, write, store }) => {
  const sarif = await metricsOf({ samples: root, findings: [write('codeql.sarif', studySarif(root))], store: store() });
  const csv = await metricsOf({ samples: root, findings: [write('codeql.csv', studyCsv({ clean: true }))], tool: 'CodeQL', store: store() });
  assert.deepEqual(csv.result, { runId: 'study', samples: 16, findings: 10, analyzers: ['CodeQL'], analyzed: 16, notAnalyzed: 0, problems: [] });
  assert.deepEqual(comparable(csv.m), comparable(sarif.m));
  // the moved SQL injection of m1/s1/1 kept its fingerprint from line 3 to line 5
  const moved = sarif.m.changes.find((c) => c.class === 'moved')!;
  assert.deepEqual([moved.before.findings[0]!.line, moved.after.findings[0]!.line, moved.persisted.length], [3, 5, 1]);
  assert.equal(moved.before.findings[0]!.fingerprint, moved.after.findings[0]!.fingerprint);
}));

test('CSV: samples it does not list are not analysed (never clean) unless cleanUnlisted', withStudy(async ({ root, write, store }) => {
  const file = write('findings.csv', studyCsv());
  const s = store();
  const strict = await metricsOf({ samples: root, findings: [file], store: s });
  // 16 samples, 9 with findings listed; the 7 clean ones are not in the CSV
  assert.deepEqual({ ...strict.result, problems: strict.result.problems.map((p) => p.message) }, {
    runId: 'study', samples: 16, findings: 10, analyzers: ['csv'], analyzed: 9, notAnalyzed: 7,
    problems: ['7 sample(s) are not listed in the findings of csv: recorded as not analysed by it (if the tool found nothing in them, list them with an empty cwe, or use --clean-unlisted)'],
  });
  assert.equal(strict.result.problems[0]!.file, file);
  const data = loadRunData(s, 'study');
  assert.deepEqual(data.samples.filter((x) => !x.analyzed).map((x) => `${x.model}/${x.strategy}/${x.scenario}/${x.sample}`), [
    'm1/baseline/s2/0', 'm1/sec/s1/0', 'm2/baseline/s1/1', 'm2/baseline/s2/1', 'm2/sec/s1/1', 'm2/sec/s2/0', 'm2/sec/s2/1',
  ]);
  for (const x of data.samples.filter((y) => !y.analyzed)) assert.deepEqual(s.analyzersDone(x.id), []);

  const lenient = await metricsOf({ samples: root, findings: [file], cleanUnlisted: true, tool: 'CodeQL', store: store() });
  assert.deepEqual([lenient.result.analyzed, lenient.result.notAnalyzed, lenient.result.problems], [16, 0, []]);
  const sarif = await metricsOf({ samples: root, findings: [write('codeql.sarif', studySarif(root))], store: store() });
  assert.deepEqual(comparable(lenient.m), comparable(sarif.m));
}));

test('SARIF results for files that are not samples, or that name no sample unambiguously, are problems', withStudy(async ({ root, write, store }) => {
  const stray = (uri: string) => ({ ruleId: 'py/sql-injection', ruleIndex: 0, message: { text: 'x' }, locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } } }] });
  const noCwe = { ruleId: 'py/unused-import', message: { text: 'x' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'm1/sec/s1/0.py' }, region: { startLine: 1 } } }] };
  const nowhere = { ruleId: 'py/sql-injection', ruleIndex: 0, message: { text: 'x' } };
  const sarif = write('codeql.sarif', studySarif(root, [stray('m3/baseline/s1/0.py'), stray('0.py'), stray('elsewhere/util.py'), noCwe, nowhere]));
  const result = await importStudy({ samples: root, findings: [sarif], store: store() });
  assert.equal(result.findings, 10);
  assert.deepEqual(result.problems, [
    { file: sarif, message: 'CodeQL: result py/sql-injection (CWE-89) at m3/baseline/s1/0.py:1: "m3/baseline/s1/0.py" is not among the imported samples (its file name matches 8 of them, so it does not say which); not recorded' },
    { file: sarif, message: 'CodeQL: result py/sql-injection (CWE-89) at 0.py:1: "0.py" is not among the imported samples (its file name matches 8 of them, so it does not say which); not recorded' },
    { file: sarif, message: 'CodeQL: result py/sql-injection (CWE-89) at elsewhere/util.py:1: "elsewhere/util.py" is not among the imported samples; not recorded' },
    { file: sarif, message: 'CodeQL: 1 result(s) carry no CWE id; not counted as weaknesses' },
    { file: sarif, message: 'CodeQL: 1 result(s) without a file location were skipped' },
  ]);
}));

test('CSV: a bad CWE, line or severity is a problem, and its sample is not recorded as analysed by the tool', withStudy(async ({ root, write, store }) => {
  const file = write('f.csv', [
    'sample_id,cwe,line,severity',
    'm1/baseline/s1/0.py,SQLi,3,',
    'm1/baseline/s1/1.py,89,three,',
    'm1/baseline/s2/1.py,CWE-78,3,11',
    'm2/baseline/s1/0.py,089,3,',
    'm9/x/y/0.py,CWE-89,1,',
    '',
  ].join('\n'));
  const s = store();
  const result = await importStudy({ samples: root, findings: [file], cleanUnlisted: true, store: s, runId: 'bad' });
  assert.deepEqual(result.problems, [
    { file, line: 2, message: 'csv: "SQLi" is not a CWE id (CWE-89 or 89); m1/baseline/s1/0.py is not recorded as analysed by csv' },
    { file, line: 3, message: 'csv: line "three" is not a line number; m1/baseline/s1/1.py is not recorded as analysed by csv' },
    { file, line: 4, message: 'csv: severity "11" is not a number from 0 to 10; m1/baseline/s2/1.py is not recorded as analysed by csv' },
    { file, line: 6, message: 'csv: "m9/x/y/0.py" is not among the imported samples (its file name matches 8 of them, so it does not say which); row not recorded' },
  ]);
  assert.deepEqual([result.samples, result.findings, result.analyzed, result.notAnalyzed], [16, 1, 13, 3]);
  const m2 = s.listSamples('bad').find((x) => x.model === 'm2' && x.strategy === 'baseline' && x.scenarioId === 's1' && x.sample === 0)!;
  // "089" is CWE-89; without a rule column the rule is the CWE; the severity is the catalogue's
  assert.deepEqual(s.listFindings(m2.id).map((f) => [f.ruleId, f.cwe, f.severity, f.location.start.line]), [['CWE-89', ['CWE-89'], 8.8, 3]]);
}));

test('bad inputs are one clear error, and nothing is written', withStudy(async ({ dir, root, write, store }) => {
  const s = store();
  await assert.rejects(importStudy({ samples: root, findings: [path.join(dir, 'missing.sarif')], store: s }), (e: unknown) => e instanceof ImportError && /missing\.sarif: cannot read \(ENOENT\)$/.test(e.message));
  await assert.rejects(importStudy({ samples: root, findings: [write('f.txt', '')], store: s }), { name: 'ImportError', message: `${path.join(dir, 'f.txt')}: cannot tell whether the findings are SARIF or CSV from the file name` });
  await assert.rejects(importStudy({ samples: root, findings: [write('no-cwe.csv', 'file,rule\nm1/baseline/s1/0.py,x\n')], store: s }), { name: 'ImportError', message: `${path.join(dir, 'no-cwe.csv')}: no "cwe" column (columns: file, rule)` });
  await assert.rejects(importStudy({ samples: root, findings: [write('bad.sarif', '{"runs": 3}')], store: s }), { name: 'ImportError', message: `${path.join(dir, 'bad.sarif')} is not a SARIF log (no runs)` });
  await assert.rejects(importStudy({ samples: path.join(dir, 'nope'), store: s }), { name: 'ImportError', message: `${path.join(dir, 'nope')}: cannot read (ENOENT)` });
  assert.deepEqual(s.listRuns(), []);
}));

test('JSONL samples: a CSV names them by line number or by their layout path', withStudy(async ({ write, store }) => {
  const rows = [
    { code: 'import os\nos.system("rm " + x)\n', language: 'python', model: 'm', strategy: 'baseline', scenario: 's', sample: 0 },
    { code: 'import os\n', language: 'python', model: 'm', strategy: 'sec', scenario: 's', sample: 0 },
    { code: 'import os\n', language: 'python', model: 'm', strategy: 'sec', scenario: 's', sample: 0 },
  ];
  const jsonl = write('samples.jsonl', rows.map((x) => JSON.stringify(x)).join('\n') + '\n');
  const csv = write('f.csv', 'sample_id,cwe,line\n1,78,2\nm/sec/s/0.py,,\n');
  const s = store();
  const result = await importStudy({ samples: jsonl, findings: [csv], store: s, runId: 'j' });
  assert.deepEqual({ ...result, problems: result.problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`) }, {
    runId: 'j', samples: 2, findings: 1, analyzers: ['csv'], analyzed: 2, notAnalyzed: 0,
    problems: ['samples.jsonl:3: same model, strategy, scenario and sample number as ' + jsonl + ':2; not imported'],
  });
  const m = computeMetrics(loadRunData(s, 'j'), { resamples: 50, seed: 1 });
  assert.deepEqual(m.changes.map((c) => c.class), ['fixed']);
  assert.deepEqual(s.listRunFindings('j').map((f) => [f.location.file, f.snippet]), [['m/baseline/s/0.py', 'os.system("rm " + x)']]);
}));

test('scan: the built-in scanner runs on every sample too, and a weakness both report is one finding', withStudy(async ({ root, write, store }) => {
  const s = store();
  const { m, result } = await metricsOf({ samples: root, findings: [write('codeql.sarif', studySarif(root))], scan: true, store: s });
  assert.deepEqual([result.analyzers, result.analyzed, result.notAnalyzed], [['CodeQL', 'builtin'], 16, 0]);
  for (const x of s.listSamples('study')) assert.deepEqual(s.analyzersDone(x.id), ['CodeQL', 'builtin']);
  // the scanner agrees with every one of the study's findings here, so the tables do not change
  assert.deepEqual(m.arms.map((a) => [a.model, a.arm, a.vulnerable.k, a.weaknesses]), [['m1', 'baseline', 3, 3], ['m1', 'sec', 3, 3], ['m2', 'baseline', 2, 3], ['m2', 'sec', 1, 1]]);
  assert.deepEqual(new Set(s.listRunFindings('study').map((f) => f.sources.map((x) => x.analyzer).join('+'))), new Set(['CodeQL+builtin']));
  assert.deepEqual((s.getRun('study')!.config as { analyzers: string[] }).analyzers, ['CodeQL', 'builtin']);
}));

test('repeating an import with the same run id changes nothing', withStudy(async ({ root, write, store }) => {
  const s = store();
  const sarif = write('codeql.sarif', studySarif(root));
  await importStudy({ samples: root, findings: [sarif], store: s, runId: 'again' });
  const before = s.counts('again');
  const second = await importStudy({ samples: root, findings: [sarif], store: s, runId: 'again' });
  assert.deepEqual([second.samples, second.findings], [16, 10]);
  assert.deepEqual(s.counts('again'), before);
  assert.deepEqual(before, { generations: 16, samples: 16, findings: 10, comparisons: 0 });
}));
