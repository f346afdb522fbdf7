/** `secfix import SAMPLES`: a published study's samples and its tool's findings, recorded as a run for `secfix report`. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { DEFAULTS } from '../../config/schema.ts';
import { InputError } from '../../core/errors.ts';
import { importStudy } from '../../importers/study.ts';
import { openStore } from '../../store/store.ts';

interface ImportFlags {
  findings?: string[];
  format?: 'sarif' | 'csv';
  tool?: string;
  scan?: boolean;
  profile?: 'default' | 'audit';
  cleanUnlisted?: boolean;
  store: string;
  name?: string;
  runId?: string;
}

async function mustExist(file: string, what: string): Promise<void> {
  try {
    await stat(file);
  } catch (e) {
    throw new InputError(`${what} ${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description("record a published study's samples and the findings its tool reported (SARIF or CSV) as a run, for secfix report")
    .argument('<samples>', 'a directory <model>/<strategy>/<scenario>/<n>.<ext>, or a .jsonl file of samples')
    .option('--findings <file...>', 'SARIF logs or CSVs (file|sample_id, cwe[, line, severity, rule]) of the findings on the samples')
    .addOption(new Option('--format <format>', 'format of the findings files (default: by extension)').choices(['sarif', 'csv']))
    .option('--tool <name>', 'analyzer name for the imported findings (default: the SARIF driver name, or csv)')
    .option('--scan', 'also scan every sample with the built-in scanner')
    .addOption(new Option('--profile <profile>', 'rule profile of --scan').choices(['default', 'audit']))
    .option('--clean-unlisted', 'count samples a CSV does not list as analysed and clean (default: not analysed)')
    .option('--store <dir>', 'directory of the run store', DEFAULTS.storeDir)
    .option('--name <name>', 'name of the run (default: the base name of SAMPLES)')
    .option('--run-id <id>', 'id of the run (default: a new one); repeating an import with the same id changes nothing')
    .addHelpText('after', '\nThe strategy named "baseline" is the reference arm; secfix report --baseline NAME picks another.\nA sample no tool covered is recorded as not analysed, never as clean.')
    .action(async (samples: string, flags: ImportFlags) => {
      await mustExist(samples, 'samples');
      for (const f of flags.findings ?? []) await mustExist(f, 'findings file');
      const store = openStore(path.resolve(flags.store), { file: 'runs.db' });
      try {
        const r = await importStudy({
          samples, store,
          ...(flags.findings ? { findings: flags.findings } : {}),
          ...(flags.format ? { findingsFormat: flags.format } : {}),
          ...(flags.tool ? { tool: flags.tool } : {}),
          ...(flags.scan ? { scan: true } : {}),
          ...(flags.profile ? { profile: flags.profile } : {}),
          ...(flags.cleanUnlisted ? { cleanUnlisted: true } : {}),
          ...(flags.name ? { name: flags.name } : {}),
          ...(flags.runId ? { runId: flags.runId } : {}),
        });
        for (const p of r.problems) process.stderr.write(`secfix: ${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}\n`);
        process.stderr.write(
          `secfix: run ${r.runId}: ${r.samples} sample(s), ${r.findings} finding(s) from ${r.analyzers.length ? r.analyzers.join(', ') : 'no analyzer'}; ` +
            `${r.analyzed} analysed, ${r.notAnalyzed} not analysed; ${r.problems.length} problem(s)\n`,
        );
        process.stdout.write(`${r.runId}\n`);
      } finally {
        store.close();
      }
    });
}
