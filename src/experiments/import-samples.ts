/**
 * Existing samples in a run (`scenarios.importers: [{format: samples, path: …}]`): a published
 * study's outputs are recorded and scanned like generated ones, without a model call. Each sample
 * becomes a generation of the pseudo-provider `import` (its text is the code, marked cached, with
 * no usage) and a sample of mode `import` under its own model, strategy, scenario and number.
 * Rows that cannot be used are returned as problems, never dropped in silence.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Language } from '../core/types.ts';
import type { ImporterSpec } from '../config/schema.ts';
import { importSamples, type ImportProblem } from '../importers/index.ts';
import type { RunStore } from '../store/store.ts';

/** The provider id recorded on imported samples' generations. */
export const IMPORT_PROVIDER = 'import';

export interface ImportTarget {
  store: RunStore;
  runId: string;
  summary: { samples: number; samplesWithCode: number; imported: number; generations: number; importProblems: ImportProblem[] };
  scanAndRecord(sampleId: number, code: string, language: Language): Promise<unknown>;
  progress(): void;
}

/** Records and scans every sample of one importer entry; a repeat (a resumed run) changes nothing. */
export async function importSamplesInto(spec: ImporterSpec, t: ImportTarget): Promise<void> {
  const result = await importSamples(spec.path);
  t.summary.importProblems.push(...result.problems);
  let samples = result.samples ?? [];
  if (spec.limit !== undefined) samples = samples.slice(0, spec.limit);
  for (const s of samples) {
    const where = `${path.relative(path.dirname(spec.path), s.source.file) || path.basename(s.source.file)}${s.source.line !== undefined ? `:${s.source.line}` : ''}`;
    const key = createHash('sha256').update(JSON.stringify(['import', s.model, s.strategy, s.scenario, s.sampleIndex, s.code])).digest('hex');
    const generationId = t.store.recordGeneration({
      runId: t.runId, requestKey: key, sample: s.sampleIndex, round: 0, providerId: IMPORT_PROVIDER, model: s.model, strategy: s.strategy,
      scenarioId: s.scenario, language: s.language,
      request: { messages: [{ role: 'user', content: `imported sample ${where}` }] },
      response: { text: s.code, finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: 0, cached: true },
    });
    const sampleId = t.store.recordSample({ generationId, outcome: 'code', code: s.code, truncated: false, round: 0, strategy: s.strategy, mode: 'import' });
    t.summary.generations++;
    t.summary.samples++;
    t.summary.samplesWithCode++;
    t.summary.imported++;
    await t.scanAndRecord(sampleId, s.code, s.language);
    t.progress();
  }
}
