/**
 * `secfix dataset build`: a curated, verified secure-fix dataset from runs, fix reports and public
 * before/after corpora — deduplicated, split by CWE and language, guarded against leaking an
 * evaluation, with a dataset card and fine-tuning exports.
 */
import { Command } from 'commander';
import { ConfigError } from '../../core/errors.ts';
import { buildDataset } from '../../datasets/build.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../datasets/export.ts';
import { emptyEvaluation } from '../../datasets/leakage.ts';
import { addEvaluationRun, addEvaluationScenarios, builtinScenarioTexts, loadSource } from '../../datasets/sources/index.ts';
import { DEFAULT_RATIOS, parseRatios, SPLITS } from '../../datasets/split.ts';
import { datasetFiles, writeDataset } from '../../datasets/write.ts';
import { EXIT } from '../exit-codes.ts';

interface BuildFlags {
  from: string[];
  output: string;
  excludeRun?: string[];
  excludeScenarios?: string;
  nearThreshold: string;
  split: string;
  seed: string;
  format: string;
}

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

export function registerDataset(program: Command): void {
  const dataset = program.command('dataset').description('build fine-tuning datasets of verified secure fixes');
  dataset
    .command('build')
    .description('collect verified repair pairs and clean generations, remove duplicates and evaluation leaks, split by CWE and language, and write the data, exports and a dataset card')
    .requiredOption('--from <source...>', 'sources: run:STORE_DIR:RUN_ID, fix-json:FILE (secfix fix -f json), pairs:FILE.jsonl|FILE.csv ({before, after, language, cwe?, id?})')
    .requiredOption('-o, --output <dir>', 'directory to write the dataset into (created if needed)')
    .option('--exclude-run <store:run...>', 'evaluation run(s) whose scenarios, prompts and code must not leak into the data')
    .option('--exclude-scenarios <list>', 'scenario ids or built-in tags (or builtin) the evaluation uses')
    .option('--near-threshold <j>', 'Jaccard threshold for near duplicates and leakage', '0.85')
    .option('--split <ratios>', 'train,validation,test ratios', SPLITS.map((s) => DEFAULT_RATIOS[s]).join(','))
    .option('--seed <n>', 'seed of the split and of MinHash', '0')
    .option('--format <list>', `exports: ${EXPORT_FORMATS.join(', ')}`, EXPORT_FORMATS.join(','))
    .addHelpText('after', `\nExit codes: ${EXIT.OK} written · ${EXIT.USAGE} usage, or no example left · ${EXIT.INPUT} unreadable source or unwritable output · ${EXIT.INTERNAL} internal error`)
    .action(async (flags: BuildFlags) => {
      const threshold = Number(flags.nearThreshold);
      if (!(threshold > 0 && threshold <= 1)) throw new ConfigError(`--near-threshold takes a number in (0, 1]; got '${flags.nearThreshold}'`);
      const seed = Number(flags.seed);
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new ConfigError(`--seed takes a whole number from 0 to 4294967295; got '${flags.seed}'`);
      const ratios = parseRatios(flags.split);
      const formats = list(flags.format);
      const unknown = formats.find((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
      if (unknown) throw new ConfigError(`unknown --format '${unknown}'`, `choose from ${EXPORT_FORMATS.join(', ')}`);

      const builtin = await builtinScenarioTexts();
      const sources = [];
      for (const spec of flags.from) sources.push(await loadSource(spec, { scenarios: builtin }));
      const evaluation = emptyEvaluation();
      const labels: string[] = [];
      for (const r of flags.excludeRun ?? []) {
        addEvaluationRun(r, evaluation);
        labels.push(`run ${r}`);
      }
      if (flags.excludeScenarios) {
        addEvaluationScenarios(list(flags.excludeScenarios), builtin, evaluation);
        labels.push(`scenarios ${flags.excludeScenarios}`);
      }
      const build = buildDataset(sources, { threshold, ratios, seed, ...(labels.length ? { evaluation, evaluationLabels: labels } : {}) });
      for (const p of build.problems.slice(0, 20)) process.stderr.write(`secfix: ${p}\n`);
      if (build.problems.length > 20) process.stderr.write(`secfix: … and ${build.problems.length - 20} more problem(s)\n`);
      const total = SPLITS.reduce((t, s) => t + build.splits[s].length, 0);
      if (!total) throw new ConfigError('no example is left to write', 'see the counts above: sources, verification, duplicates and leakage');
      const written = writeDataset(flags.output, datasetFiles(build, formats as ExportFormat[]));

      const read = build.sources.reduce((t, s) => t + s.examples, 0);
      const invalid = build.sources.reduce((t, s) => t + s.problems, 0);
      const unverified = build.sources.reduce((t, s) => t + Object.values(s.skipped).reduce((a, b) => a + b, 0), 0);
      const leak = (r: string) => build.dropped.leakage.filter((l) => l.reason === r).length;
      const out = [
        `${read} example(s) from ${build.sources.length} source(s); ${invalid} invalid row(s), ${unverified} candidate(s) not verified`,
        `dropped: ${build.dropped.duplicateId.length} duplicate id(s), ${leak('scenario')} by evaluation scenario, ${leak('prompt')} near an evaluation prompt, ${leak('code')} near evaluation code, ${build.dropped.exact.length} exact and ${build.dropped.near.length} near duplicate(s)`,
        `${total} example(s): ${SPLITS.map((s) => `${build.splits[s].length} ${s}`).join(', ')}`,
        `sha256:${build.hash}`,
        `wrote ${written.length} file(s) to ${flags.output}`,
      ];
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
