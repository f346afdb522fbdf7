/** The report formats on the synthetic run of test/metrics/synthetic.ts (its numbers are checked by hand in test/metrics). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/store.ts';
import { loadRunData } from '../../src/metrics/data.ts';
import { reportInput, reportJson } from '../../src/reports/report.ts';
import { renderMarkdown } from '../../src/reports/markdown.ts';
import { renderCsv } from '../../src/reports/csv.ts';
import { latexEscape, renderLatex } from '../../src/reports/latex.ts';
import { renderHtml } from '../../src/reports/html.ts';
import { buildSyntheticRun } from '../metrics/synthetic.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-report-'));
const store = openStore(dir);
buildSyntheticRun(store);
const input = reportInput(loadRunData(store, 'synthetic', { code: true }), { resamples: 200, seed: 7 });
store.close();
rmSync(dir, { recursive: true, force: true });

test('Markdown: the headline and the study tables, each rate with n and interval', () => {
  const md = renderMarkdown(input);
  assert.ok(md.startsWith('# synthetic: secfix report\n'));
  assert.ok(md.includes('**7 of 9 (78%, 95% CI 45–94%) samples with code have at least one weakness; 1 refusal(s), 1 answer(s) without code, 0 failed call(s); 5 pair(s) of a sample and its fix or baseline, 4 with code on both sides.**'));
  const line = (start: string) => md.split('\n').find((l) => l.startsWith(start));
  assert.equal(line('| m | baseline | 6 |')!.split(' | ').slice(0, 8).join(' | '), '| m | baseline | 6 | 5 | 0 | 80% [38–96] n=5 | 5 | 41');
  assert.equal(line('| m | sc | 5 |')!.split(' | ').slice(0, 8).join(' | '), '| m | sc | 5 | 4 | 0 | 75% [30–95] n=4 | 4 | 30.9');
  // (0.8 − 0.75) / 0.8 = 6.25% fewer vulnerable samples; 5.79% lower mean severity; risk difference 0.75 − 0.8
  assert.match(line('| m | sc | +6.3% |')!, /^\| m \| sc \| \+6\.3% \| -0\.05 \[-0\.\d+, 0\.\d+\] \| -0\.12 \| \+5\.8% \| -0\.475 \[-?\d+(\.\d+)?, \d+(\.\d+)?\] \|$/);
  assert.equal(line('| m | sc | 5 | 1 |'), '| m | sc | 5 | 1 | 0 | 1 | 1 | 1 | 0 | 1 | 33% [6–79] n=3 | 25% [5–70] n=4 | 3 | 2 | 2 | -1 | 1/1 | 1.000 | 1.000 |');
  assert.ok(md.includes('| none | CWE-1333 | 1 |'));
  assert.ok(md.includes('| CWE-22 | CWE-78 | 2 | 0 | 0 | 1 | 4.5 | 1 |'));
  assert.ok(md.includes('- m / sc, McNemar: only 2 discordant pair(s): the exact test is valid but has little power (want ≥ 10)'));
});

test('CSV: one tidy row per sample, and one per finding', () => {
  const rows = renderCsv(input).trimEnd().split('\r\n');
  assert.equal(rows.length, 1 + 11);
  assert.equal(rows[0], 'run_id,sample_id,model,strategy,mode,scenario,language,sample,round,parent_sample_id,outcome,truncated,syntax_errors,analyzed,vulnerable,findings,severity_sum,max_severity,cwes,paired_with,class,resolved,persisted,introduced,introduced_cwes');
  assert.equal(rows[2], 'synthetic,2,m,baseline,generate,s2,python,0,0,,code,0,0,1,1,2,17.3,9.8,CWE-22 CWE-78,,,,,,');
  assert.equal(rows[5], 'synthetic,5,m,baseline,generate,s5,python,0,0,,refusal,0,,0,,,,,,,,,,,');
  assert.equal(rows[9], 'synthetic,9,m,sc,refine,s3,python,0,1,3,code,0,0,1,1,1,7.5,7.5,CWE-1333,3,introduced,0,0,1,CWE-1333');
  assert.equal(rows[11], 'synthetic,11,m,sc,refine,s6,python,0,1,6,no-code,0,,0,,,,,,6,not-comparable,1,0,0,');
  const findings = renderCsv(input, 'findings').trimEnd().split('\r\n');
  assert.equal(findings.length, 1 + 9);
  assert.equal(findings[1], 'synthetic,1,m,baseline,generate,s1,python,0,0,r/CWE-89,CWE-89,8.8,5,a,builtin');
});

test('JSON holds every table and each pair by sample ids', () => {
  const j = reportJson(input) as { totals: unknown; pairs: Array<{ before: number; after: number; class: string }>; arms: unknown[] };
  assert.equal(j.arms.length, 2);
  assert.deepEqual(j.pairs.map((p) => [p.before, p.after, p.class]), [[1, 7, 'fixed'], [2, 8, 'moved'], [3, 9, 'introduced'], [4, 10, 'refactored'], [6, 11, 'not-comparable']]);
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(j)));
});

test('LaTeX: booktabs tables with special characters escaped', () => {
  assert.equal(latexEscape('50% of a_b & {c} #1 ≥ −2 – x'), '50\\% of a\\_b \\& \\{c\\} \\#1 $\\geq$ $-$2 -- x');
  const tex = renderLatex(input);
  assert.equal((tex.match(/\\begin\{table\}/g) ?? []).length, (tex.match(/\\end\{table\}/g) ?? []).length);
  assert.ok(tex.includes('\\label{tab:secfix-prevalence}'));
  assert.ok(tex.includes('m & sc & 5 & 4 & 0 & 75\\% [30--95] n=4 & 4 & 30.9'));
});

test('HTML: one self-contained file with the charts, the tables and every sample', async () => {
  const html = await renderHtml(input);
  assert.ok(html.startsWith('<!doctype html>'));
  assert.equal((html.match(/<svg/g) ?? []).length, 5);
  assert.deepEqual(html.match(/\b(?:src|href)="(?!#)[^"]*"/g), null, 'nothing is loaded from outside the file');
  assert.equal(/<script/i.test(html), false);
  for (let id = 1; id <= 11; id++) assert.ok(html.includes(`<details id="sample-${id}">`), `sample ${id}`);
  // every row's sample count links to its list, and each list links to its samples
  assert.ok(html.includes('<a href="#list-prevalence-0">6</a>'));
  assert.ok(html.includes('<a href="#sample-9">sample 9</a>'));
  // a repair names its original and the class of the change; flagged lines are marked
  assert.ok(html.includes('Compared with <a href="#sample-3">sample 3</a> (baseline): <strong>introduced</strong>'));
  assert.ok(html.includes('<mark><span class="ln">5</span>line 5</mark><span class="ln">6</span>line 6\n'));
  assert.ok(html.includes('<li>line 4: CWE-1333 Inefficient Regular Expression Complexity · r/CWE-1333 · severity 7.5</li>'));
});

test('a fine-tuned model is shown with its base, adapter and training-data hash', () => {
  const hash = 'a'.repeat(64);
  const run = { ...input.run, config: { models: [{ label: 'm-lora', fineTune: { base: 'ollama:m', adapter: '/ad/m', trainingDataHash: hash } }] } };
  const md = renderMarkdown(reportInput({ ...input.data, run }, { resamples: 50 }));
  assert.ok(md.includes(`Fine-tuned: m-lora: fine-tuned from ollama:m (adapter /ad/m), training data sha256:${hash}.`));
});
