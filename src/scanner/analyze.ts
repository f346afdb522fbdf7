/** Analysis of one source text: parse, build the semantic model, run rules, shape findings. */
import type { FileNote, Finding, Language, Suppressed } from '../core/types.ts';
import { levelOf, severityOf } from '../cwe/catalogue.ts';
import { FileModel } from '../analysis/model.ts';
import { adapterFor } from '../languages/adapters.ts';
import { parse } from '../languages/registry.ts';
import type { SyntaxNode } from '../languages/syntax.ts';
import { FileAnalysis, RuleContext, type RawFinding } from '../rules/context.ts';
import type { Rule } from '../rules/rule.ts';
import { fingerprint, normaliseSinkText } from './fingerprint.ts';
import { collectSuppressions, suppressionFor } from './suppressions.ts';
import { withPositions } from '../fix/edits.ts';

/** The built-in engine's id among analyzers (`--analyzers builtin`, `Finding.analyzer`). */
export const ANALYZER_ID = 'builtin';

export interface SourceResult {
  findings: Finding[];
  suppressed: Suppressed[];
  notes: FileNote[];
  lines: number;
  /** Syntax errors the parser recovered from (0: the code parses). */
  syntaxErrors: number;
}

const SNIPPET_MAX = 160;

function snippetOf(node: SyntaxNode): string {
  const line = node.source.line(node.startRow).trim();
  return line.length > SNIPPET_MAX ? `${line.slice(0, SNIPPET_MAX - 1)}…` : line;
}

/** Analyses one source text with the given rules (those not for its language are skipped). */
export async function analyzeSource(text: string, file: string, language: Language, rules: readonly Rule[]): Promise<SourceResult> {
  const notes: FileNote[] = [];
  const tree = await parse(text, language, file);
  // Lines as `wc -l` counts them, plus a last line without a newline.
  const lines = text.length === 0 ? 0 : tree.source.lineCount - (text.endsWith('\n') ? 1 : 0);
  if (tree.errorCount > 0) {
    const rows = tree.errorRows.map((r) => r + 1).join(', ');
    notes.push({ file, kind: 'syntax-errors', message: `${tree.errorCount} syntax error(s) near line ${rows}; analysed the rest` });
  }
  const adapter = adapterFor(language);
  let model: FileModel;
  try {
    model = new FileModel(file, language, tree, adapter);
  } catch (err) {
    // Pathological nesting exhausts the stack of the recursive adapters: note it, keep scanning.
    const message = err instanceof RangeError ? 'code is nested too deeply to analyse' : `semantic analysis failed: ${(err as Error).message}`;
    notes.push({ file, kind: 'analysis-error', message });
    return { findings: [], suppressed: [], notes, lines, syntaxErrors: tree.errorCount };
  }
  const analysis = new FileAnalysis(model);
  const raw: RawFinding[] = [];
  for (const rule of rules) {
    if (!rule.meta.languages.includes(language)) continue;
    const ctx = new RuleContext(analysis, rule);
    try {
      rule.check(ctx);
    } catch (err) {
      notes.push({ file, kind: 'analysis-error', message: `rule ${rule.meta.id} failed: ${(err as Error).message}` });
    }
    raw.push(...ctx.findings);
  }
  const findings = shape(raw, model, file, language);
  const suppressions = collectSuppressions(tree, adapter.commentTypes);
  const kept: Finding[] = [];
  const suppressed: Suppressed[] = [];
  for (const f of findings) {
    const s = suppressions.length ? suppressionFor(f, suppressions) : undefined;
    if (s) suppressed.push({ finding: f, by: s.text });
    else kept.push(f);
  }
  return { findings: kept, suppressed, notes, lines, syntaxErrors: tree.errorCount };
}

/** Adds severity, location, snippet and fingerprint; merges duplicates of the same rule at the same place. */
function shape(raw: RawFinding[], model: FileModel, file: string, language: Language): Finding[] {
  const seen = new Set<string>();
  const occurrences = new Map<string, number>();
  const out: Finding[] = [];
  raw.sort((a, b) => a.node.startIndex - b.node.startIndex || a.rule.meta.id.localeCompare(b.rule.meta.id));
  for (const r of raw) {
    const meta = r.rule.meta;
    // One finding per rule per line: two reports of one rule on a line are one weakness to a reader.
    const lineKey = `${meta.id}:${r.node.startRow}`;
    if (seen.has(lineKey)) continue;
    seen.add(lineKey);
    const scope = model.scopeOf(r.node).name;
    const sink = normaliseSinkText(r.node.text.slice(0, 2000));
    const occKey = `${meta.id}\u0000${scope}\u0000${sink}`;
    const occurrence = occurrences.get(occKey) ?? 0;
    occurrences.set(occKey, occurrence + 1);
    const severity = meta.severity ?? severityOf(r.cwe, language);
    out.push({
      ruleId: meta.id,
      analyzer: ANALYZER_ID,
      cwe: r.cwe,
      severity,
      level: levelOf(severity),
      confidence: r.confidence,
      message: r.message,
      location: {
        file,
        start: { line: r.node.startRow + 1, column: r.node.startColumn + 1 },
        end: { line: r.node.endRow + 1, column: r.node.endColumn + 1 },
      },
      snippet: snippetOf(r.node),
      fingerprint: fingerprint(meta.id, scope, sink, occurrence),
      remediation: meta.remediation,
      ...(r.fix ? { fix: withPositions(model.tree.root.source, r.fix) } : {}),
    });
  }
  return out;
}
