/** `secfix run STUDY.yaml` and `secfix runs list|show|export`: running studies and reading the run store. */
import { formatRate } from '../../metrics/wilson.ts';
import path from 'node:path';
import { Command, Option } from 'commander';
import { loadStudyConfig } from '../../config/load.ts';
import { DEFAULTS } from '../../config/schema.ts';
import { ConfigError } from '../../core/errors.ts';
import { runStudy, type RunSummary } from '../../experiments/runner.ts';
import { openStore, type RunStore } from '../../store/store.ts';

/** A progress line is printed after every this many generations (and a summary at the end). */
export const PROGRESS_EVERY = 25;

/** The run store of a directory: DIR/runs.db. */
function storeAt(dir: string): RunStore {
  return openStore(path.resolve(dir), { file: 'runs.db' });
}

function summaryLine(s: Readonly<RunSummary>): string {
  const spent = s.spent && (s.spent.inputTokens || s.spent.outputTokens || s.spent.costUsd) ? `; spent ${s.spent.inputTokens} input + ${s.spent.outputTokens} output tokens${s.spent.costUsd !== undefined ? ` ($${s.spent.costUsd.toFixed(4)})` : ''}` : '';
  return (
    `${s.generations} generation(s) (${s.providerCalls} provider call(s), ${s.resumed} resumed from the store, ${s.cached} cached/replayed), ` +
    `${s.errors} error(s), ${s.refusals} refusal(s), ${s.noCode} no-code, ${s.truncated} truncated` +
    (s.imported ? `, ${s.imported} imported` : '') +
    `; samples with code that have ≥1 finding: ${formatRate(s.samplesWithFindings, s.samplesWithCode)} (${s.samples} sample(s) in all, ${s.comparisons} comparison(s))` +
    spent
  );
}

/** One progress line: a bar on a terminal (redrawn in place), plain text otherwise. */
export function progressLine(s: Readonly<RunSummary>, width = 24): string {
  const done = s.units ? Math.min(width, Math.round((s.unitsDone / s.units) * width)) : 0;
  const cost = s.spent?.costUsd !== undefined ? ` · $${s.spent.costUsd.toFixed(4)}` : '';
  return `[${'#'.repeat(done)}${'-'.repeat(width - done)}] ${s.unitsDone}/${s.units} cells · ${s.generations} generation(s) · ${s.errors} error(s) · ${s.samples} sample(s)${cost}`;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a study: generate code with each model and strategy, scan it, and record everything in the run store')
    .argument('<study>', 'the study file (YAML; see examples/study.yaml)')
    .option('--store <dir>', 'directory of the run store (default: store.dir of the study)')
    .option('--resume <run-id>', 'continue this run; finished model calls are not repeated')
    .option('--no-progress', 'no progress display')
    .action(async (file: string, flags: { store?: string; resume?: string; progress: boolean }) => {
      const config = await loadStudyConfig(file);
      const store = storeAt(flags.store ?? config.store.dir);
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      process.once('SIGTERM', onSigint);
      const tty = flags.progress && process.stderr.isTTY === true;
      let printed = 0;
      let lastDraw = 0;
      try {
        const summary = await runStudy(config, {
          store,
          signal: controller.signal,
          ...(flags.resume ? { resume: flags.resume } : {}),
          onProgress: (s) => {
            if (!flags.progress) return;
            if (tty) {
              // at most ten redraws a second, always the last one
              const now = Date.now();
              if (now - lastDraw < 100 && s.unitsDone < s.units) return;
              lastDraw = now;
              process.stderr.write(`\r\x1b[2K${progressLine(s, Math.max(10, Math.min(40, (process.stderr.columns ?? 80) - 70)))}`);
            } else if (s.generations >= printed + PROGRESS_EVERY) {
              printed = s.generations - (s.generations % PROGRESS_EVERY);
              process.stderr.write(`secfix: ${progressLine(s)}\n`);
            }
          },
        });
        if (tty) process.stderr.write('\r\x1b[2K');
        for (const p of summary.importProblems) process.stderr.write(`secfix: ${p.file}${p.line !== undefined ? `:${p.line}` : ''}: not imported: ${p.message}\n`);
        const state = controller.signal.aborted ? 'interrupted' : summary.budget ? 'stopped by the budget' : 'finished';
        process.stderr.write(`secfix: run ${summary.runId} ${state}: ${summaryLine(summary)}\n`);
        if (summary.budget) process.stderr.write(`secfix: ${summary.budget}; raise the budget and continue with: secfix run ${file} --resume ${summary.runId}\n`);
        else if (controller.signal.aborted) process.stderr.write(`secfix: continue with: secfix run ${file} --resume ${summary.runId}\n`);
        process.stdout.write(`${summary.runId}\n`);
      } finally {
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigint);
        store.close();
      }
    });

  const runs = program.command('runs').description('list, show and export the runs in a run store');
  const storeOption = () => new Option('--store <dir>', 'directory of the run store').default(DEFAULTS.storeDir);

  runs
    .command('list')
    .description('list the runs: id, created, status, study name')
    .addOption(storeOption())
    .action((flags: { store: string }) => {
      const store = storeAt(flags.store);
      try {
        for (const r of store.listRuns()) {
          const name = (r.config as { name?: string } | null)?.name ?? '';
          process.stdout.write(`${r.id}\t${r.created}\t${r.status}\t${name}\n`);
        }
      } finally {
        store.close();
      }
    });

  runs
    .command('show')
    .description('counts of one run: generations, samples by outcome, findings, comparisons')
    .argument('<run-id>')
    .addOption(storeOption())
    .action((id: string, flags: { store: string }) => {
      const store = storeAt(flags.store);
      try {
        const run = store.getRun(id);
        if (!run) throw new ConfigError(`no run ${id} in ${store.file}`, 'see secfix runs list');
        const gens = store.listGenerations(id);
        const outcomes = { code: 0, refusal: 0, 'no-code': 0 };
        let withFindings = 0;
        for (const s of store.listSamples(id)) {
          outcomes[s.outcome]++;
          if (store.listFindings(s.id).length) withFindings++;
        }
        const c = store.counts(id);
        const errors = gens.filter((g) => g.error).length;
        process.stdout.write(
          [
            `run ${run.id} (${run.status}, created ${run.created}, secfix ${run.secfixVersion})`,
            `generations: ${c.generations} (${errors} error(s))`,
            `samples: ${c.samples} (code ${outcomes.code}, refusal ${outcomes.refusal}, no-code ${outcomes['no-code']})`,
            `samples with ≥1 finding: ${withFindings} of ${outcomes.code}`,
            `findings: ${c.findings}`,
            `comparisons: ${c.comparisons}`,
          ].join('\n') + '\n',
        );
      } finally {
        store.close();
      }
    });

  runs
    .command('export')
    .description('export a run as JSONL (every record) or CSV (one row per generation/sample)')
    .argument('<run-id>')
    .addOption(new Option('--format <format>', 'export format').choices(['jsonl', 'csv']).default('jsonl'))
    .addOption(new Option('--table <table>', 'CSV rows: samples or findings').choices(['samples', 'findings']).default('samples'))
    .requiredOption('-o, --output <file>', 'file to write')
    .addOption(storeOption())
    .action(async (id: string, flags: { store: string; format: 'jsonl' | 'csv'; table: 'samples' | 'findings'; output: string }) => {
      const store = storeAt(flags.store);
      try {
        await store.exportRun(id, { format: flags.format, ...(flags.format === 'csv' ? { table: flags.table } : {}), path: flags.output });
        process.stderr.write(`secfix: wrote run ${id} to ${flags.output}\n`);
      } finally {
        store.close();
      }
    });
}
