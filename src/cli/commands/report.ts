/** `secfix report RUN` and `secfix compare RUN_A RUN_B`: metrics of runs in the run store. */
import path from 'node:path';
import { Command, Option } from 'commander';
import { DEFAULTS } from '../../config/schema.ts';
import { ConfigError } from '../../core/errors.ts';
import { writeAtomic } from '../../core/write-atomic.ts';
import { loadRunData } from '../../metrics/data.ts';
import { computeMetrics } from '../../metrics/metrics.ts';
import { openStore, type RunStore } from '../../store/store.ts';
import { compareMetrics, renderCompareMarkdown } from '../../reports/compare-runs.ts';
import { renderCsv } from '../../reports/csv.ts';
import { renderHtml } from '../../reports/html.ts';
import { renderLatex } from '../../reports/latex.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { reportInput, reportJson } from '../../reports/report.ts';

export const REPORT_FORMATS = ['html', 'md', 'csv', 'latex', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A run id, or `latest` for the run created last. */
function resolveRunId(store: RunStore, id: string): string {
  if (id !== 'latest') return id;
  const runs = store.listRuns();
  if (!runs.length) throw new ConfigError(`no run in ${store.file}`, 'run a study first: secfix run STUDY.yaml');
  return runs.at(-1)!.id;
}

function emit(text: string, output: string | undefined): void {
  if (output) writeAtomic(output, text);
  else process.stdout.write(text);
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('measure a run: prevalence, severity, fixes resolved/kept/introduced, CWE co-occurrence and transitions, with 95% intervals and tests')
    .argument('<run-id>', 'a run id, or latest')
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('md'))
    .option('-o, --output <file>', 'write the report to FILE (default: stdout)')
    .addOption(new Option('--table <table>', 'CSV rows: one per sample, or one per sample × finding').choices(['samples', 'findings']).default('samples'))
    .option('--baseline <arm>', 'the reference arm', 'baseline')
    .option('--seed <n>', 'bootstrap seed (intervals are reproducible)', (v) => Number.parseInt(v, 10))
    .option('--store <dir>', 'directory of the run store', DEFAULTS.storeDir)
    .action(async (given: string, flags: { format: ReportFormat; output?: string; table: 'samples' | 'findings'; baseline: string; seed?: number; store: string }) => {
      const store = openStore(path.resolve(flags.store), { file: 'runs.db' });
      let text: string;
      let id = given;
      try {
        id = resolveRunId(store, given);
        const data = loadRunData(store, id, { code: flags.format === 'html' });
        const input = reportInput(data, { baseline: flags.baseline, ...(flags.seed !== undefined ? { seed: flags.seed } : {}) });
        text =
          flags.format === 'md' ? renderMarkdown(input)
          : flags.format === 'latex' ? renderLatex(input)
          : flags.format === 'csv' ? renderCsv(input, flags.table)
          : flags.format === 'json' ? `${JSON.stringify(reportJson(input), null, 2)}\n`
          : await renderHtml(input);
      } finally {
        store.close();
      }
      emit(text, flags.output);
      if (flags.output) process.stderr.write(`secfix: wrote the ${flags.format} report of run ${id} to ${flags.output}\n`);
    });

  program
    .command('compare')
    .description('compare two runs: the share of vulnerable samples per model and arm, its difference with a 95% interval and an exact test')
    .argument('<run-a>')
    .argument('<run-b>')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['md', 'json']).default('md'))
    .option('-o, --output <file>', 'write to FILE (default: stdout)')
    .option('--baseline <arm>', 'the reference arm', 'baseline')
    .option('--store <dir>', 'directory of the run store', DEFAULTS.storeDir)
    .action((a: string, b: string, flags: { format: 'md' | 'json'; output?: string; baseline: string; store: string }) => {
      const store = openStore(path.resolve(flags.store), { file: 'runs.db' });
      let text: string;
      try {
        const ma = computeMetrics(loadRunData(store, resolveRunId(store, a)), { baseline: flags.baseline });
        const mb = computeMetrics(loadRunData(store, resolveRunId(store, b)), { baseline: flags.baseline });
        const rows = compareMetrics(ma, mb);
        text = flags.format === 'json' ? `${JSON.stringify({ a, b, rows }, null, 2)}\n` : renderCompareMarkdown(a, b, rows);
      } finally {
        store.close();
      }
      emit(text, flags.output);
    });
}
