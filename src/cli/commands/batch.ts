/** `secfix batch write|import|submit|collect`: a study's model calls through the OpenAI and Anthropic batch APIs. */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { loadStudyConfig } from '../../config/load.ts';
import type { StudyConfig } from '../../config/schema.ts';
import { ConfigError } from '../../core/errors.ts';
import {
  BATCH_KINDS, batchApiKey, batchClientFor, collectPendingRequests, importBatchResults, modelOfKeys, readKeysFile,
  readResultFiles, requireCache, writeBatchFiles, type BatchFileSet, type ImportReport, type KeysFile,
} from '../../experiments/batch.ts';
import type { BatchKind, BatchResults } from '../../providers/batch/index.ts';

const CYCLE = `
The cycle (a study's later calls depend on earlier answers, so it goes in passes):
  1. secfix batch write STUDY -o DIR      request files of every call the cache cannot answer yet
     (or: secfix batch submit STUDY       write, submit, wait and import in one step)
  2. send DIR/*.jsonl to the batch API yourself, then
     secfix batch import STUDY RESULTS... --keys DIR/MODEL.keys.json
  3. repeat 1-2 until write prints "nothing pending" (refine mode needs two passes; multi-step
     strategies one more per step)
  4. secfix run STUDY                     every call answered from the response cache (marked cached)
Needs the response cache (cache.enabled, the default). Only openai and anthropic models are batched;
other models are never called by these commands.`;

function pollIntervalMs(text: string): number {
  const s = Number(text);
  if (!text.trim() || !Number.isFinite(s) || s < 0) throw new ConfigError(`--poll-interval: expected seconds (a number ≥ 0), got ${JSON.stringify(text)}`);
  return Math.round(s * 1000);
}

async function studyWithCache(file: string): Promise<StudyConfig> {
  const config = await loadStudyConfig(file);
  requireCache(config);
  return config;
}

function printImport(report: ImportReport, config: StudyConfig, label: string): void {
  const out: string[] = [
    `${label}: ${report.cached} answer(s) put into the cache ${config.cache.dir}; ${report.errors.length} error(s), ${report.missing.length} missing, ${report.unknown.length} unknown id(s)`,
  ];
  for (const e of report.errors) out.push(`  error ${e.customId}: ${e.kind}: ${e.message}`);
  for (const id of report.missing) out.push(`  missing ${id}: no result for this request`);
  for (const id of report.unknown) out.push(`  unknown ${id}: not in the keys file; ignored`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function printWritten(sets: BatchFileSet[], study: string): void {
  if (!sets.length) {
    process.stdout.write(`nothing pending: secfix run ${study} will be answered from the cache\n`);
    return;
  }
  for (const s of sets) process.stdout.write(`${s.model.label}: ${s.entries.length} request(s) in ${s.requestFile} (keys: ${s.keysFile})\n`);
}

async function importInto(config: StudyConfig, keys: KeysFile, results: BatchResults, label: string): Promise<void> {
  printImport(await importBatchResults(config, keys, results), config, label);
}

export function registerBatch(program: Command): void {
  const batch = program
    .command('batch')
    .description("answer a study's model calls through the OpenAI and Anthropic batch APIs (half price, within 24 h), then secfix run it from the cache")
    .addHelpText('after', CYCLE);

  batch
    .command('write')
    .description('write a batch request file per model for the calls the response cache cannot answer yet (offline: submit them yourself)')
    .argument('<study>', 'the study file')
    .requiredOption('-o, --output <dir>', 'directory to write into (created if missing)')
    .option('--model <label...>', 'only these models (label or id); default: every openai and anthropic model')
    .addHelpText('after', CYCLE)
    .action(async (file: string, flags: { output: string; model?: string[] }) => {
      const config = await studyWithCache(file);
      const pending = await collectPendingRequests(config, flags.model ? { models: flags.model } : {});
      printWritten(await writeBatchFiles(pending.requests, path.resolve(flags.output)), file);
    });

  batch
    .command('import')
    .description("put a batch's answers into the study's response cache (errors are listed, never cached)")
    .argument('<study>', 'the study file')
    .argument('<results...>', 'result files as downloaded (OpenAI: the output and the error file; Anthropic: the results JSONL)')
    .requiredOption('--keys <file>', 'the .keys.json file written beside the request file')
    .action(async (file: string, results: string[], flags: { keys: string }) => {
      const config = await studyWithCache(file);
      const keys = await readKeysFile(flags.keys);
      await importInto(config, keys, await readResultFiles(keys.kind, results), keys.model);
    });

  batch
    .command('submit')
    .description('write, submit and (by default) wait for and import one batch per model; files go to the cache folder batches/')
    .argument('<study>', 'the study file')
    .option('--model <label...>', 'only these models (label or id); default: every openai and anthropic model')
    .option('--wait', 'wait until the batches are done and import them (default)', true)
    .option('--no-wait', 'submit only; print how to collect each batch later')
    .option('--poll-interval <seconds>', 'seconds between status reads while waiting', '30')
    .addHelpText('after', CYCLE)
    .action(async (file: string, flags: { model?: string[]; wait: boolean; pollInterval: string }) => {
      const interval = pollIntervalMs(flags.pollInterval);
      const config = await studyWithCache(file);
      const pending = await collectPendingRequests(config, flags.model ? { models: flags.model } : {});
      if (!pending.requests.length) {
        printWritten([], file);
        return;
      }
      // every key is checked before anything is written or submitted
      const models = new Map(pending.requests.map((p) => [p.model.label, p.model]));
      for (const m of models.values()) batchApiKey(m, m.provider as BatchKind);
      const stamp = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${randomBytes(3).toString('hex')}`;
      const sets = await writeBatchFiles(pending.requests, path.join(config.cache.dir, 'batches', stamp));
      printWritten(sets, file);
      const submitted: Array<{ set: BatchFileSet; id: string }> = [];
      for (const set of sets) {
        const client = batchClientFor(set.model, set.kind, { pollIntervalMs: interval });
        const id = await client.submit(set);
        await writeFile(set.keysFile.replace(/\.keys\.json$/, '.batch.json'), `${JSON.stringify({ id, kind: set.kind, model: set.model.label, keys: set.keysFile }, null, 2)}\n`);
        process.stdout.write(`${set.model.label}: submitted batch ${id} (${set.entries.length} request(s))\n`);
        submitted.push({ set, id });
      }
      if (!flags.wait) {
        for (const { set, id } of submitted) process.stdout.write(`collect it with: secfix batch collect ${file} --id ${id} --keys ${set.keysFile}\n`);
        return;
      }
      for (const { set, id } of submitted) {
        const client = batchClientFor(set.model, set.kind, { pollIntervalMs: interval });
        const results = await client.waitAndCollect(id, Object.keys(set.keys.entries), (status) => process.stderr.write(`secfix: batch ${id}: ${status}\n`));
        await importInto(config, set.keys, results, set.model.label);
      }
      process.stdout.write(`next: secfix batch submit ${file} again until nothing is pending, then secfix run ${file}\n`);
    });

  batch
    .command('collect')
    .description('wait for a submitted batch, download its results and import them into the response cache')
    .argument('<study>', 'the study file')
    .requiredOption('--id <batch-id>', 'the batch id printed by secfix batch submit --no-wait')
    .requiredOption('--keys <file>', 'the .keys.json file of that batch')
    .addOption(new Option('--provider <provider>', 'the batch API (default: the one the keys file names)').choices([...BATCH_KINDS]))
    .option('--poll-interval <seconds>', 'seconds between status reads while waiting', '30')
    .action(async (file: string, flags: { id: string; keys: string; provider?: BatchKind; pollInterval: string }) => {
      const interval = pollIntervalMs(flags.pollInterval);
      const config = await studyWithCache(file);
      const keys = await readKeysFile(flags.keys);
      const model = modelOfKeys(config, keys);
      const client = batchClientFor(model, flags.provider ?? keys.kind, { pollIntervalMs: interval });
      const results = await client.waitAndCollect(flags.id, Object.keys(keys.entries), (status) => process.stderr.write(`secfix: batch ${flags.id}: ${status}\n`));
      await importInto(config, keys, results, model.label);
    });
}
