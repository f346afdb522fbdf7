/**
 * How long `secfix report` takes on a large run: a synthetic run store with 10,000 samples and
 * 30,000 findings (5 models × 4 arms × 25 scenarios × 20 samples, refine mode: a baseline and
 * three repairs of it per cell; 3 findings per sample on average, drawn from 12 CWEs with a fixed
 * seed), then loading the run, computing every metric (with 2,000 bootstrap resamples per arm)
 * and rendering each format. The aim (issue 5): metrics and the HTML report under 10 s.
 *
 *   npm run bench:report [-- --samples 10000 --runs 3]
 *
 * Writes the "report" section of bench/RESULTS.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore, type StoredFinding } from '../src/store/store.ts';
import { loadRunData } from '../src/metrics/data.ts';
import { computeMetrics } from '../src/metrics/metrics.ts';
import { reportInput } from '../src/reports/report.ts';
import { renderHtml } from '../src/reports/html.ts';
import { renderMarkdown } from '../src/reports/markdown.ts';
import { renderCsv } from '../src/reports/csv.ts';
import { mulberry32 } from '../src/metrics/stats/bootstrap.ts';
import { writeSection } from './results-file.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const SAMPLES = opt('samples', 10_000);
const RUNS = opt('runs', 3);
const CWES = ['CWE-22', 'CWE-78', 'CWE-79', 'CWE-89', 'CWE-200', 'CWE-306', 'CWE-327', 'CWE-434', 'CWE-502', 'CWE-522', 'CWE-798', 'CWE-1333'];
const MODELS = 5;
const ARMS = ['baseline', 'security-checklist', 'meta-prompting', 'negative-examples'];
const SCENARIOS = 25;

function build(dir: string): { findings: number; samples: number } {
  const store = openStore(dir);
  const rand = mulberry32(42);
  store.createRun({ name: 'bench-report', models: Array.from({ length: MODELS }, (_, i) => ({ label: `model-${i}`, price: { input: 1, output: 4 } })) }, { id: 'bench' });
  const perArm = SAMPLES / (MODELS * ARMS.length * SCENARIOS);
  let findings = 0;
  let samples = 0;
  let key = 0;
  const code = Array.from({ length: 40 }, (_, i) => `line ${i + 1} of a generated program`).join('\n');
  const findingsFor = (): StoredFinding[] => {
    const n = Math.floor(rand() * 7); // 0–6, mean 3
    return Array.from({ length: n }, (_, i) => {
      const cwe = CWES[Math.floor(rand() * CWES.length)]!;
      const line = 1 + Math.floor(rand() * 40);
      return { ruleId: `bench/${cwe}`, analyzer: 'builtin', cwe: [cwe], severity: 5 + Math.round(rand() * 50) / 10, level: 'error', confidence: 'high', message: 'm', location: { file: 'sample.py', start: { line, column: 1 }, end: { line, column: 9 } }, snippet: 's', fingerprint: `${cwe}-${Math.floor(rand() * 4)}-${i}` } as StoredFinding;
    });
  };
  store.transaction(() => {
    for (let m = 0; m < MODELS; m++) {
      for (let s = 0; s < SCENARIOS; s++) {
        for (let i = 0; i < perArm; i++) {
          const record = (strategy: string, round: number, parent?: number) => {
            const g = store.recordGeneration({
              runId: 'bench', requestKey: `k${key++}`, sample: i, round, providerId: 'openai:x', model: `model-${m}`, strategy, scenarioId: `scenario-${s}`, language: 'python',
              request: { messages: [{ role: 'user', content: 'task' }] },
              response: { text: code, finishReason: 'stop', usage: { inputTokens: 300, outputTokens: 500 }, latencyMs: 1200, cached: false },
            });
            const id = store.recordSample({ generationId: g, outcome: 'code', code, truncated: false, round, strategy, mode: parent ? 'refine' : 'generate', ...(parent ? { parentSampleId: parent } : {}) });
            const f = findingsFor();
            findings += f.length;
            samples++;
            store.recordFindings({ sampleId: id, analyzers: ['builtin'], syntaxErrors: 0, findings: f });
            return id;
          };
          const base = record('baseline', 0);
          for (const arm of ARMS.slice(1)) record(arm, 1, base);
        }
      }
    }
  });
  store.close();
  return { findings, samples };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'secfix-bench-report-'));
try {
  const t0 = performance.now();
  const built = build(dir);
  const buildMs = performance.now() - t0;
  const times: Record<string, number[]> = { load: [], metrics: [], markdown: [], csv: [], html: [], total: [] };
  let htmlBytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const store = openStore(dir);
    const a = performance.now();
    const data = loadRunData(store, 'bench', { code: true });
    const b = performance.now();
    const input = reportInput(data);
    const c = performance.now();
    renderMarkdown(input);
    const d = performance.now();
    renderCsv(input);
    const e = performance.now();
    const html = await renderHtml(input);
    const f = performance.now();
    htmlBytes = Buffer.byteLength(html);
    store.close();
    times.load!.push(b - a);
    times.metrics!.push(c - b);
    times.markdown!.push(d - c);
    times.csv!.push(e - d);
    times.html!.push(f - e);
    times.total!.push(b - a + (c - b) + (f - e));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const body = [
    '# `secfix report` on a large run',
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}. Run with \`npm run bench:report\`; median of ${RUNS} runs.`,
    '',
    `Input: a synthetic run store with ${built.samples.toLocaleString('en')} samples and ${built.findings.toLocaleString('en')} findings (${MODELS} models × ${ARMS.length} arms × ${SCENARIOS} scenarios, refine mode, 40-line programs; built in ${s(buildMs)}, not counted).`,
    '',
    '| step | median | runs |',
    '| --- | --- | --- |',
    ...Object.entries(times).map(([k, v]) => `| ${k === 'total' ? '**load + metrics + HTML**' : k} | ${s(median(v))} | ${v.map(s).join(', ')} |`),
    '',
    `The HTML report is ${(htmlBytes / 1e6).toFixed(1)} MB (every sample's code is in it). Aim: load + metrics + HTML under 10 s — ${median(times.total!) < 10_000 ? 'met' : 'missed'}.`,
  ].join('\n');
  writeSection(path.join(path.dirname(new URL(import.meta.url).pathname), 'RESULTS.md'), 'report', body);
  process.stdout.write(`${body}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
