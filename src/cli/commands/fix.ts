/**
 * `secfix fix PATH...`: verified repairs. By default a dry run: a unified diff per file and a
 * table of what happened to each finding (fixed, rejected and why, no fix available). `--write`
 * applies the accepted fixes in place, safely (src/fix/write.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { ConfigError, InputError } from '../../core/errors.ts';
import type { Finding, Language } from '../../core/types.ts';
import { parsePolicy } from '../../analyzers/merge.ts';
import { ANALYZER_IDS } from '../../analyzers/registry.ts';
import { createSampleScanner, type SampleScan } from '../../experiments/sample-scanner.ts';
import { detectLanguage } from '../../languages/registry.ts';
import { loadRules, selectRules } from '../../rules/registry.ts';
import type { Rule } from '../../rules/rule.ts';
import { analyzeSource } from '../../scanner/analyze.ts';
import { expandPaths } from '../../scanner/files.ts';
import { decode } from '../../scanner/scan.ts';
import { changeBlocks, unifiedDiff } from '../../fix/diff.ts';
import { fixWithRules, type FileFix } from '../../fix/engine.ts';
import type { ScanText } from '../../fix/gate.ts';
import { runTestCommand } from '../../fix/test-command.ts';
import { realRoots, writeFixed } from '../../fix/write.ts';
import { toSarif, type SarifFix } from '../../formats/sarif.ts';
import { createProvider, parseProviderId, type ProvidersConfig } from '../../providers/registry.ts';
import { withRetry } from '../../providers/retry.ts';
import { EXIT } from '../exit-codes.ts';
import { writeAtomic } from '../../core/write-atomic.ts';

interface FixFlags {
  engine?: 'rules' | 'llm' | 'auto';
  model?: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  strategy: string;
  rounds: string;
  write?: boolean;
  backup?: boolean;
  test?: string;
  allowRegressions?: boolean;
  format: 'text' | 'json' | 'sarif';
  output?: string;
  rules?: string;
  excludeRules?: string;
  profile: 'default' | 'audit';
  analyzers: string;
  policy: string;
  exclude?: string[];
}

export type FindingStatus = { status: 'fixed'; by: string; description: string } | { status: 'rejected'; by: string; reason: string } | { status: 'no-fix' };

export interface FileReport {
  file: string;
  language: Language;
  fix: FileFix;
  /** Every finding of the original file and what became of it. */
  outcomes: Array<{ finding: Finding; outcome: FindingStatus }>;
  diff: string;
  written: boolean;
  /** Why the file's fixes were all rejected after the engine (a failing --test). */
  testFailure?: string;
}

const key = (f: Finding) => `${f.ruleId}\u0000${f.fingerprint}`;
const list = (s?: string) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

/** What became of each of the original findings. */
export function outcomesOf(fix: FileFix): FileReport['outcomes'] {
  const after = new Set(fix.after.findings.map(key));
  const applied = new Map<string, { by: string; description: string }>();
  for (const a of fix.applied) {
    applied.set(key(a.finding), { by: a.by, description: a.description });
    for (const r of a.resolved) if (!applied.has(key(r))) applied.set(key(r), { by: a.by, description: `resolved by: ${a.description}` });
  }
  const rejected = new Map(fix.rejected.map((r) => [key(r.finding), r]));
  return fix.before.findings.map((finding) => {
    const k = key(finding);
    const done = applied.get(k);
    if (done && !after.has(k)) return { finding, outcome: { status: 'fixed', ...done } };
    const r = rejected.get(k);
    if (r) return { finding, outcome: { status: 'rejected', by: r.by, reason: r.reason } };
    if (!after.has(k)) return { finding, outcome: { status: 'fixed', by: fix.applied.at(-1)?.by ?? 'rules', description: 'resolved by another fix in the file' } };
    return { finding, outcome: { status: 'no-fix' } };
  });
}

export function registerFix(program: Command): void {
  program
    .command('fix')
    .description('fix weaknesses: deterministic rule fixes (and LLM repairs with --model), each re-scanned and rejected if it leaves the weakness or introduces another; a dry run unless --write')
    .argument('<paths...>', 'files or directories (walked recursively, honouring .gitignore)')
    .addOption(new Option('--engine <engine>', 'rules (offline, deterministic), llm (a model repairs), auto (rules, then the model for what is left); default rules, or auto with --model').choices(['rules', 'llm', 'auto']))
    .option('--model <id>', 'model for LLM repair, e.g. openai:gpt-4.1, ollama:qwen2.5-coder:7b (key from its environment variable)')
    .option('--base-url <url>', 'API base URL of the model (needed for openai-compatible:NAME; e.g. a local vLLM or llama.cpp server)')
    .option('--api-key-env <name>', 'environment variable holding the model\'s API key (default: the provider\'s usual one)')
    .option('--strategy <name>', 'repair strategy for the model', 'analyzer-feedback')
    .option('--rounds <k>', 'most model rounds per file; each answer goes through the gate', '3')
    .option('--write', 'apply the accepted fixes to the files (atomically, keeping permissions)')
    .option('--backup', `with --write: keep each original beside it as FILE.secfix-orig`)
    .option('--test <command>', 'run this test command on a temporary copy with a file\'s fixes applied; if it fails, the fixes are rejected')
    .option('--allow-regressions', 'accept a fix even if it introduces a finding (it is still reported)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--rules <ids>', 'only these rules: rule ids, CWE ids or prefixes')
    .option('--exclude-rules <ids>', 'skip these rules')
    .addOption(new Option('--profile <profile>', 'rule set').choices(['default', 'audit']).default('default'))
    .option('--analyzers <names>', `analyzers whose findings the gate checks: ${ANALYZER_IDS.join(', ')}`, 'builtin')
    .option('--policy <policy>', 'which merged findings count: any, majority, or analyzer names', 'any')
    .option('--exclude <pattern...>', 'gitignore-style patterns of paths to skip in directories')
    .addHelpText('after', `\nExit codes: ${EXIT.OK} nothing left to fix · ${EXIT.FINDINGS} findings remain (rejected or without a fix) · ${EXIT.USAGE} usage · ${EXIT.INPUT} unreadable input or a file that could not be written · ${EXIT.INTERNAL} internal error`)
    .action(async (paths: string[], flags: FixFlags) => {
      if (paths.includes('-')) throw new ConfigError('secfix fix works on files, not standard input', 'save the code to a file first');
      const engine = flags.engine ?? (flags.model ? 'auto' : 'rules');
      if (engine !== 'rules' && !flags.model) throw new ConfigError(`--engine ${engine} needs --model`, 'e.g. --model openai:gpt-4.1');
      const rounds = Number(flags.rounds);
      if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) throw new ConfigError(`--rounds takes a whole number from 1 to 20; got '${flags.rounds}'`);
      if (flags.backup && !flags.write) throw new ConfigError('--backup goes with --write');
      const rules = selectRules(await loadRules(), { include: list(flags.rules), exclude: list(flags.excludeRules), profile: flags.profile });
      const analyzers = list(flags.analyzers) ?? ['builtin'];
      const roots = realRoots(paths);
      const provider = engine !== 'rules' ? withRetry(createProvider(flags.model!, providersConfig(flags))) : undefined;
      const external = analyzers.some((a) => a !== 'builtin') ? createSampleScanner({ analyzers, policy: parsePolicy(flags.policy), tools: {}, file: path.join(process.cwd(), 'secfix-fix') }, rules) : undefined;
      const reports: FileReport[] = [];
      const notes: string[] = [];
      let unwritten = false;
      try {
        for (const file of expandPaths(paths, { exclude: flags.exclude })) {
          const decoded = decode(readFileSync(file));
          if ('note' in decoded) {
            notes.push(`${file}: ${decoded.note.message}; skipped`);
            continue;
          }
          const language = detectLanguage(file, decoded.text.slice(0, 200).split('\n', 1)[0]);
          if (!language) continue;
          const scan: ScanText = external ? (code, lang) => external.scan(code, lang) : builtinScan(file, rules);
          const report = await fixFile(file, decoded.text, language, scan, { engine, provider, modelId: flags.model, strategy: flags.strategy, rounds, allowRegressions: !!flags.allowRegressions });
          if (flags.test && report.fix.applied.length) {
            const t = runTestCommand(flags.test, process.cwd(), [{ file, text: report.fix.fixed }]);
            if (!t.passed) rejectAll(report, `the test command failed (exit ${t.code ?? 'signal'}): ${t.tail.split('\n').at(-1) ?? ''}`.trim());
          }
          if (flags.write && report.fix.fixed !== report.fix.original) {
            try {
              writeFixed(file, report.fix.fixed, { roots, expected: report.fix.original, backup: !!flags.backup });
              report.written = true;
            } catch (e) {
              if (!(e instanceof InputError)) throw e;
              notes.push(e.message);
              unwritten = true;
            }
          }
          reports.push(report);
        }
      } finally {
        await external?.close();
      }
      const text = flags.format === 'json' ? `${JSON.stringify(toJson(reports), null, 2)}\n` : flags.format === 'sarif' ? `${JSON.stringify(fixSarif(reports, rules), null, 2)}\n` : toText(reports, !!flags.write);
      for (const n of notes) process.stderr.write(`secfix: ${n}\n`);
      if (flags.output) writeAtomic(flags.output, text);
      else process.stdout.write(text);
      if (unwritten) process.exitCode = EXIT.INPUT;
      else if (reports.some((r) => r.fix.after.findings.length)) process.exitCode = EXIT.FINDINGS;
    });
}

/** `--base-url` and `--api-key-env` as the provider registry takes them. */
function providersConfig(flags: FixFlags): ProvidersConfig {
  if (!flags.baseUrl && !flags.apiKeyEnv) return {};
  const { kind, name, model } = parseProviderId(flags.model!);
  const endpoint = { ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}), ...(flags.apiKeyEnv ? { apiKeyEnv: flags.apiKeyEnv } : {}) };
  if (kind === 'openai-compatible') {
    if (!flags.baseUrl) throw new ConfigError(`${flags.model} needs --base-url`);
    return { openaiCompatible: { [name!]: { ...endpoint, baseUrl: flags.baseUrl, ...(model ? { model } : {}) } } };
  }
  if (kind === 'openai' || kind === 'anthropic' || kind === 'ollama') return { [kind]: endpoint };
  return {};
}

function builtinScan(file: string, rules: readonly Rule[]): ScanText {
  return async (code: string, language: Language): Promise<SampleScan> => {
    const r = await analyzeSource(code, file, language, rules);
    return { findings: r.findings, syntaxErrors: r.syntaxErrors, analyzers: ['builtin'] };
  };
}

interface EngineOptions {
  engine: 'rules' | 'llm' | 'auto';
  provider?: import('../../providers/types.ts').Provider;
  modelId?: string;
  strategy: string;
  rounds: number;
  allowRegressions: boolean;
}

async function fixFile(file: string, text: string, language: Language, scan: ScanText, o: EngineOptions): Promise<FileReport> {
  let fix = o.engine === 'llm' ? undefined : await fixWithRules(text, language, scan, { allowRegressions: o.allowRegressions });
  if (o.engine !== 'rules' && o.provider && (!fix || fix.after.findings.length)) {
    const { fixWithModel } = await import('../../fix/llm.ts');
    const base = fix?.fixed ?? text;
    const byModel = await fixWithModel(base, language, file, { provider: o.provider, strategy: o.strategy, rounds: o.rounds, scan, allowRegressions: o.allowRegressions, ...(fix ? { before: fix.after } : {}) });
    fix = fix
      ? { ...byModel, original: text, before: fix.before, applied: [...fix.applied, ...byModel.applied], rejected: [...fix.rejected, ...byModel.rejected] }
      : byModel;
  }
  return { file, language, fix: fix!, outcomes: outcomesOf(fix!), diff: unifiedDiff(file, text, fix!.fixed), written: false };
}

/** A failing test command undoes every fix of the file. */
function rejectAll(report: FileReport, reason: string): void {
  const f = report.fix;
  report.testFailure = reason;
  report.fix = { ...f, fixed: f.original, after: f.before, applied: [], rejected: [...f.rejected, ...f.applied.map((a) => ({ finding: a.finding, description: a.description, by: a.by, reason }))] };
  report.outcomes = outcomesOf(report.fix);
  report.diff = '';
}

function statusText(o: FindingStatus): string {
  if (o.status === 'fixed') return `fixed (${o.by}): ${o.description}`;
  if (o.status === 'rejected') return `rejected (${o.by}): ${o.reason}`;
  return 'no fix available';
}

export function toText(reports: FileReport[], written: boolean): string {
  const out: string[] = [];
  for (const r of reports) if (r.diff) out.push(r.diff);
  const rows = reports.flatMap((r) => r.outcomes.map(({ finding, outcome }) => [`${r.file}:${finding.location.start.line}`, finding.ruleId, finding.cwe[0] ?? '', statusText(outcome)]));
  if (rows.length) {
    const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
    out.push(rows.map((row) => `${row[0]!.padEnd(w[0]!)}  ${row[1]!.padEnd(w[1]!)}  ${row[2]!.padEnd(w[2]!)}  ${row[3]}`).join('\n'));
  }
  const all = reports.flatMap((r) => r.outcomes);
  const fixed = all.filter((o) => o.outcome.status === 'fixed').length;
  const rejected = all.filter((o) => o.outcome.status === 'rejected').length;
  const none = all.filter((o) => o.outcome.status === 'no-fix').length;
  const introduced = reports.reduce((t, r) => t + r.fix.applied.reduce((u, a) => u + a.introduced.length, 0), 0);
  const changed = reports.filter((r) => r.fix.fixed !== r.fix.original).length;
  out.push(
    `${all.length} finding(s) in ${reports.length} file(s): ${fixed} fixed, ${rejected} rejected, ${none} without a fix` +
      (introduced ? `, ${introduced} introduced and allowed` : '') +
      `; ${changed} file(s) ${written ? 'written' : 'would change (run with --write to apply)'}`,
  );
  return `${out.join('\n\n')}\n`;
}

function toJson(reports: FileReport[]): object {
  const brief = (f: Finding) => ({ ruleId: f.ruleId, cwe: f.cwe, severity: f.severity, line: f.location.start.line, message: f.message, fingerprint: f.fingerprint });
  return {
    files: reports.map((r) => ({
      file: r.file, language: r.language, changed: r.fix.fixed !== r.fix.original, written: r.written, diff: r.diff,
      findings: r.outcomes.map(({ finding, outcome }) => ({ ...brief(finding), ...outcome })),
      introduced: r.fix.applied.flatMap((a) => a.introduced.map(brief)),
      ...(r.testFailure ? { testFailure: r.testFailure } : {}),
      // The texts, so that a fix report can be a dataset source (secfix dataset build --from fix-json:FILE).
      original: r.fix.original,
      fixed: r.fix.fixed,
    })),
  };
}

/** The original findings as SARIF, each fixed one with its file's verified change as a `fixes` entry. */
function fixSarif(reports: FileReport[], rules: readonly Rule[]): object {
  const fixes = new Map<Finding, SarifFix>();
  for (const r of reports) {
    if (r.fix.fixed === r.fix.original) continue;
    const change: SarifFix = {
      description: `secfix fix (verified by re-scan): ${r.fix.applied.map((a) => a.description).join('; ')}`,
      replacements: changeBlocks(r.fix.original, r.fix.fixed).map((b) => ({ startLine: b.start, deletedLines: b.deleted, insertedText: b.inserted.map((l) => `${l}\n`).join('') })),
    };
    for (const o of r.outcomes) if (o.outcome.status === 'fixed') fixes.set(o.finding, change);
  }
  return toSarif({ findings: reports.flatMap((r) => r.fix.before.findings), suppressed: [], notes: [], rules, fixes });
}
