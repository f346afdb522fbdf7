/**
 * Reproducing a published study: its samples (a directory `<model>/<strategy>/<scenario>/<n>.<ext>`
 * or a JSONL file) and the findings its own tool reported on them (SARIF logs, or CSVs of CWE ids)
 * become one run in the run store, so that the metrics and reports rebuild the study's tables.
 *
 * Samples are recorded as `secfix run` records imported ones: a generation of the provider `import`
 * and a sample of mode `import` under the model, strategy, scenario and number of its metadata. The
 * reference arm is the strategy named `baseline`; a report's `--baseline NAME` picks another.
 *
 * Analysed or not: a SARIF log is taken to cover every sample (tools list files with results, not
 * the clean ones they scanned). A CSV covers the samples it lists — a row with an empty `cwe` lists
 * a clean sample — and every sample when `cleanUnlisted` is set. A sample no tool covered is
 * recorded without an analysis and counted in `notAnalyzed`, because an unscanned sample must never
 * look secure. With `scan`, the built-in scanner also analyses every sample, as `secfix run` does.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../core/types.ts';
import { mergeFindings } from '../analyzers/merge.ts';
import { IMPORT_PROVIDER } from '../experiments/import-samples.ts';
import { SAMPLE_FILE } from '../experiments/sample-scanner.ts';
import { parse } from '../languages/registry.ts';
import { loadRules, selectRules } from '../rules/registry.ts';
import type { Rule } from '../rules/rule.ts';
import { analyzeSource } from '../scanner/analyze.ts';
import type { RunStore, StoredFinding } from '../store/store.ts';
import { readText } from './common.ts';
import { ImportError } from './errors.ts';
import { importSamples } from './samples.ts';
import { findingsFormatOf, readCsvFindings, readSarifFindings, type FindingsFormat, type ToolReport } from './study-findings.ts';
import { SampleIndex, type IndexedSample } from './study-index.ts';
import type { ImportedSample, ImportProblem } from './types.ts';

/** The analyzer id of the built-in scanner when `scan` is set. */
const BUILTIN = 'builtin';

export interface StudyImportOptions {
  /** A directory `<model>/<strategy>/<scenario>/<n>.<ext>`, or a .jsonl file of samples. */
  samples: string;
  /** SARIF logs or CSVs of the findings another tool reported on the samples. */
  findings?: string[];
  /** The format of every findings file; default: by file name (`.csv`; `.sarif` or `.json`). */
  findingsFormat?: FindingsFormat;
  /** The analyzer name for imported findings; default: a SARIF run's driver name, or `csv`. */
  tool?: string;
  /** Also scan every sample with the built-in scanner. */
  scan?: boolean;
  /** The built-in scanner's rule profile when `scan` is set (default `default`). */
  profile?: 'default' | 'audit';
  /** Count samples a CSV does not list as analysed and clean. */
  cleanUnlisted?: boolean;
  store: RunStore;
  runId?: string;
  /** The run's name, shown by `secfix runs list` (default: the samples path's base name). */
  name?: string;
}

export interface StudyImportResult {
  runId: string;
  /** Samples recorded. */
  samples: number;
  /** Findings recorded, of every analyzer. */
  findings: number;
  /** The analyzers recorded, in the order given (the built-in scanner last). */
  analyzers: string[];
  /** Samples at least one analyzer covered, and those none did (recorded, but never "clean"). */
  analyzed: number;
  notAnalyzed: number;
  /** Samples, rows and results that were not imported, each naming its file (and line). */
  problems: ImportProblem[];
}

/** Imports a published study's samples and findings as one run; a repeat with the same run id changes nothing. */
export async function importStudy(options: StudyImportOptions): Promise<StudyImportResult> {
  const { store } = options;
  const loaded = await importSamples(options.samples);
  const problems: ImportProblem[] = [...loaded.problems];
  const isDir = (await stat(options.samples)).isDirectory();
  const root = isDir ? path.resolve(options.samples) : path.dirname(path.resolve(options.samples));
  const index = new SampleIndex(withoutDuplicates(loaded.samples ?? [], problems), root);
  if (!index.samples.length) {
    const first = problems[0];
    throw new ImportError(`${options.samples}: no samples to import${first ? ` (${problems.length} problem(s), the first: ${first.file}${first.line !== undefined ? `:${first.line}` : ''}: ${first.message})` : ''}`);
  }

  // Every input is read and checked before anything is written, so a bad file leaves no half run.
  const files = options.findings ?? [];
  const inputs: Array<{ path: string; format: FindingsFormat; sha256: string }> = [];
  const reports: ToolReport[] = [];
  for (const file of files) {
    const format = options.findingsFormat ?? findingsFormatOf(file);
    inputs.push({ path: file, format, sha256: createHash('sha256').update(await readText(file)).digest('hex') });
    if (format === 'sarif') reports.push(...(await readSarifFindings(file, index, options.tool)));
    else reports.push(await readCsvFindings(file, index, { ...(options.tool ? { tool: options.tool } : {}), ...(options.cleanUnlisted ? { cleanUnlisted: true } : {}) }));
  }
  const tools = mergeReports(reports);
  if (options.scan && tools.has(BUILTIN)) throw new ImportError(`the imported tool is named "${BUILTIN}", as the built-in scanner is`, 'give the tool another name (--tool NAME)');
  for (const r of reports) problems.push(...r.problems);
  const rules: Rule[] = options.scan ? selectRules(await loadRules(), { profile: options.profile ?? 'default' }) : [];

  const config = {
    name: options.name ?? path.basename(path.resolve(options.samples)),
    import: {
      samples: options.samples,
      findings: inputs,
      ...(options.tool ? { tool: options.tool } : {}),
      scan: options.scan ?? false,
      ...(options.scan ? { profile: options.profile ?? 'default' } : {}),
      cleanUnlisted: options.cleanUnlisted ?? false,
    },
    analyzers: [...tools.keys(), ...(options.scan ? [BUILTIN] : [])],
  };
  const run = store.createRun(config, options.runId ? { id: options.runId } : {});
  store.runStatus(run.id, 'running');
  const result: StudyImportResult = { runId: run.id, samples: 0, findings: 0, analyzers: config.analyzers, analyzed: 0, notAnalyzed: 0, problems };
  const uncovered = new Map<string, number>();
  for (const s of index.samples) {
    const sampleId = recordImportedSample(store, run.id, s);
    const analyzers: string[] = [];
    const findings: StoredFinding[] = [];
    for (const [name, t] of tools) {
      if (t.incomplete.has(s)) continue;
      if (t.covered !== 'all' && !t.covered.has(s)) {
        uncovered.set(name, (uncovered.get(name) ?? 0) + 1);
        continue;
      }
      analyzers.push(name);
      findings.push(...(t.findings.get(s) ?? []));
    }
    let syntaxErrors: number;
    if (options.scan) {
      const r = await analyzeSource(s.code, SAMPLE_FILE[s.language], s.language, rules);
      syntaxErrors = r.syntaxErrors;
      analyzers.push(BUILTIN);
      // The same weakness found by the imported tool and by the scanner is one finding with both as sources, as `secfix run` merges analyzers.
      findings.push(...r.findings.map((f) => ({ ...toStored(f), location: { ...f.location, file: s.key } })));
    } else syntaxErrors = (await parse(s.code, s.language, SAMPLE_FILE[s.language])).errorCount;
    const merged = analyzers.length > 1 ? mergeFindings(findings, analyzers).map(toStored) : findings;
    store.recordFindings({ sampleId, analyzers, syntaxErrors, findings: merged });
    result.samples++;
    result.findings += merged.length;
    if (analyzers.length) result.analyzed++;
    else result.notAnalyzed++;
  }
  for (const [name, n] of uncovered) {
    problems.push({ file: tools.get(name)!.files.join(', '), message: `${n} sample(s) are not listed in the findings of ${name}: recorded as not analysed by it (if the tool found nothing in them, list them with an empty cwe, or use --clean-unlisted)` });
  }
  store.runStatus(run.id, 'completed');
  return result;
}

/** One sample per model × strategy × scenario × number, as the store keeps them; later ones are problems. */
function withoutDuplicates(samples: readonly ImportedSample[], problems: ImportProblem[]): ImportedSample[] {
  const first = new Map<string, ImportedSample>();
  const out: ImportedSample[] = [];
  for (const s of samples) {
    const key = JSON.stringify([s.model, s.strategy, s.scenario, s.sampleIndex]);
    const prior = first.get(key);
    if (prior) {
      problems.push({
        file: s.source.file, ...(s.source.line !== undefined ? { line: s.source.line } : {}),
        message: `same model, strategy, scenario and sample number as ${prior.source.file}${prior.source.line !== undefined ? `:${prior.source.line}` : ''}; not imported`,
      });
      continue;
    }
    first.set(key, s);
    out.push(s);
  }
  return out;
}

interface MergedTool {
  files: string[];
  covered: 'all' | Set<IndexedSample>;
  incomplete: Set<IndexedSample>;
  findings: Map<IndexedSample, StoredFinding[]>;
}

/** Reports of the same analyzer (several files, or several runs of one log) as one. */
function mergeReports(reports: readonly ToolReport[]): Map<string, MergedTool> {
  const out = new Map<string, MergedTool>();
  for (const r of reports) {
    const m = out.get(r.analyzer);
    if (!m) {
      out.set(r.analyzer, { files: [r.file], covered: r.covered === 'all' ? 'all' : new Set(r.covered), incomplete: new Set(r.incomplete), findings: new Map([...r.findings].map(([s, f]) => [s, [...f]])) });
      continue;
    }
    if (!m.files.includes(r.file)) m.files.push(r.file);
    if (r.covered === 'all') m.covered = 'all';
    else if (m.covered !== 'all') for (const s of r.covered) m.covered.add(s);
    for (const s of r.incomplete) m.incomplete.add(s);
    for (const [s, f] of r.findings) m.findings.set(s, [...(m.findings.get(s) ?? []), ...f]);
  }
  return out;
}

/** A generation of the provider `import` and a sample of mode `import`, as `secfix run` records imported samples. */
function recordImportedSample(store: RunStore, runId: string, s: IndexedSample): number {
  const where = s.source.line !== undefined ? `${path.basename(s.source.file)}:${s.source.line}` : s.key;
  const key = createHash('sha256').update(JSON.stringify(['import', s.model, s.strategy, s.scenario, s.sampleIndex, s.code])).digest('hex');
  const generationId = store.recordGeneration({
    runId, requestKey: key, sample: s.sampleIndex, round: 0, providerId: IMPORT_PROVIDER, model: s.model, strategy: s.strategy,
    scenarioId: s.scenario, language: s.language,
    request: { messages: [{ role: 'user', content: `imported sample ${where}` }] },
    response: { text: s.code, finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: 0, cached: true },
  });
  return store.recordSample({ generationId, outcome: 'code', code: s.code, truncated: false, round: 0, strategy: s.strategy, mode: 'import' });
}

function toStored(f: Finding): StoredFinding {
  return {
    ruleId: f.ruleId, analyzer: f.analyzer, cwe: f.cwe, severity: f.severity, level: f.level, confidence: f.confidence,
    message: f.message, location: f.location, snippet: f.snippet, fingerprint: f.fingerprint, ...(f.sources ? { sources: f.sources } : {}),
  };
}
