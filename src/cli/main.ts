/** The secfix command line. Only this layer prints and sets exit codes. */
import { Command, CommanderError } from 'commander';
import { ConfigError, InputError, SecfixError } from '../core/errors.ts';
import { VERSION } from '../core/version.ts';
import { EXIT } from './exit-codes.ts';
import { registerScan } from './commands/scan.ts';
import { registerRules } from './commands/rules.ts';
import { registerRun } from './commands/run.ts';
import { registerBatch } from './commands/batch.ts';
import { registerImport } from './commands/import.ts';
import { registerReport } from './commands/report.ts';
import { registerFix } from './commands/fix.ts';
import { registerFinetune } from './commands/finetune.ts';
import { registerDataset } from './commands/dataset.ts';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('secfix')
    .description('Find, fix and measure security weaknesses (CWEs) in AI-generated code.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerScan(program);
  registerRules(program);
  registerRun(program);
  registerBatch(program);
  registerImport(program);
  registerReport(program);
  registerFix(program);
  registerFinetune(program);
  registerDataset(program);
  program.addHelpText(
    'after',
    `\nExit codes: ${EXIT.OK} ok · ${EXIT.FINDINGS} findings at or above --fail-on · ${EXIT.USAGE} usage or configuration error · ${EXIT.INPUT} unreadable input · ${EXIT.INTERNAL} internal error`,
  );
  return program;
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof InputError) return EXIT.INPUT;
  if (err instanceof ConfigError || err instanceof SecfixError) return EXIT.USAGE;
  return EXIT.INTERNAL;
}

/** Runs the CLI; sets process.exitCode instead of exiting, so output is flushed. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit with 0; commander has already printed usage errors.
      process.exitCode = err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
      return;
    }
    if (err instanceof SecfixError) {
      process.stderr.write(`secfix: ${err.message}\n`);
      if (err.hint) process.stderr.write(`hint: ${err.hint}\n`);
    } else {
      process.stderr.write(`secfix: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.stderr.write('hint: this is a bug in secfix; please report it with the command you ran\n');
    }
    process.exitCode = exitCodeFor(err);
  }
}
