/**
 * SARIF 2.1.0, shaped the way GitHub code scanning and CodeQL consumers expect: rules carry
 * `security-severity`, `precision` and `external/cwe/cwe-NNN` tags, results point at CWE `taxa`,
 * suppressed findings are kept with an in-source suppression, and file notes become notifications.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnalyzerRun, Finding, FileNote, Suppressed } from '../core/types.ts';
import { cwe, cweUrl, levelOf } from '../cwe/catalogue.ts';
import { INFORMATION_URI, TOOL_NAME, VERSION } from '../core/version.ts';
import type { Rule } from '../rules/rule.ts';

export interface SarifInput {
  findings: Finding[];
  suppressed: Suppressed[];
  notes: FileNote[];
  rules: readonly Rule[];
  /** Directory that relative URIs are relative to (the %SRCROOT% base). */
  root?: string;
  /** Analyzers of a multi-analyzer scan; those that did not run become notifications. */
  analyzers?: AnalyzerRun[];
  /** Verified fixes of findings (secfix fix), offered as SARIF `fixes`. */
  fixes?: Map<Finding, SarifFix>;
}

const CWE_TAXONOMY = 'CWE';

function cweNumber(id: string): string {
  return id.replace(/^CWE-/, '');
}

/** CodeQL's tag form: external/cwe/cwe-078 (three digits at least). */
export function cweTag(id: string): string {
  return `external/cwe/cwe-${cweNumber(id).padStart(3, '0')}`;
}

function ruleName(id: string): string {
  return id
    .split('/')[1]
    .split('-')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function artifactUri(file: string, root: string): { uri: string; uriBaseId?: string } {
  if (file === '<stdin>') return { uri: 'stdin' };
  const abs = path.resolve(root, file);
  const rel = path.relative(root, abs);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(abs).href };
}

/** A verified change to a file, offered as a SARIF fix: whole-line replacements of the original. */
export interface SarifFix {
  description: string;
  replacements: Array<{ startLine: number; deletedLines: number; insertedText: string }>;
}

function sarifFix(fix: SarifFix, artifactLocation: { uri: string; uriBaseId?: string }): object {
  return {
    description: { text: fix.description },
    artifactChanges: [{
      artifactLocation,
      replacements: fix.replacements.map((r) => ({
        deletedRegion: { startLine: r.startLine, startColumn: 1, endLine: r.startLine + r.deletedLines, endColumn: 1 },
        ...(r.insertedText ? { insertedContent: { text: r.insertedText } } : {}),
      })),
    }],
  };
}

export function toSarif(input: SarifInput): object {
  const root = input.root ?? process.cwd();
  const rules = [...input.rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  const cweIds = new Set<string>();
  for (const r of rules) r.meta.cwe.forEach((c) => cweIds.add(c));
  for (const f of [...input.findings, ...input.suppressed.map((s) => s.finding)]) f.cwe.forEach((c) => cweIds.add(c));
  const taxa = [...cweIds].sort((a, b) => Number(cweNumber(a)) - Number(cweNumber(b)));
  const taxonIndex = new Map(taxa.map((t, i) => [t, i]));

  const sarifRules = rules.map((r) => {
    const m = r.meta;
    const severity = m.severity ?? Math.max(...m.cwe.map((c) => cwe(c).severity));
    return {
      id: m.id,
      name: ruleName(m.id),
      shortDescription: { text: m.title },
      fullDescription: { text: m.description },
      help: {
        text: `${m.description}\n\nRemediation: ${m.remediation}\n\nVulnerable:\n${m.example.bad}\n\nFixed:\n${m.example.good}`,
        markdown: `${m.description}\n\n**Remediation.** ${m.remediation}\n\nVulnerable:\n\`\`\`\n${m.example.bad}\n\`\`\`\n\nFixed:\n\`\`\`\n${m.example.good}\n\`\`\`\n\n${m.references.map((u) => `- ${u}`).join('\n')}`,
      },
      helpUri: cweUrl(m.cwe[0]),
      defaultConfiguration: { level: levelOf(severity) },
      properties: {
        tags: ['security', ...m.cwe.map(cweTag), ...m.tags],
        'security-severity': severity.toFixed(1),
        precision: m.confidence === 'high' ? 'high' : m.confidence === 'medium' ? 'medium' : 'low',
        'problem.severity': levelOf(severity) === 'note' ? 'recommendation' : levelOf(severity),
        profile: m.profile,
      },
      relationships: m.cwe.map((c) => ({
        target: { id: cweNumber(c), index: taxonIndex.get(c), toolComponent: { name: CWE_TAXONOMY, index: 0 } },
        kinds: ['superset'],
      })),
    };
  });

  const result = (f: Finding, suppressedBy?: string) => ({
    ruleId: f.ruleId,
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
    level: f.level,
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactUri(f.location.file, root),
          region: {
            startLine: f.location.start.line,
            startColumn: f.location.start.column,
            endLine: f.location.end.line,
            endColumn: f.location.end.column,
            snippet: { text: f.snippet },
          },
        },
      },
    ],
    partialFingerprints: { 'secfixFingerprint/v1': f.fingerprint },
    taxa: f.cwe.map((c) => ({ id: cweNumber(c), index: taxonIndex.get(c), toolComponent: { name: CWE_TAXONOMY, index: 0 } })),
    properties: {
      'security-severity': f.severity.toFixed(1),
      confidence: f.confidence,
      cwe: f.cwe,
      analyzer: f.analyzer,
      // Provenance: every analyzer (and its rule) that reported this weakness.
      ...(f.sources ? { analyzers: [...new Set(f.sources.map((s) => s.analyzer))], sources: f.sources } : {}),
    },
    ...(suppressedBy ? { suppressions: [{ kind: 'inSource', justification: suppressedBy }] } : {}),
    ...(input.fixes?.has(f) ? { fixes: [sarifFix(input.fixes.get(f)!, artifactUri(f.location.file, root))] } : {}),
  });

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: INFORMATION_URI,
            rules: sarifRules,
            supportedTaxonomies: [{ name: CWE_TAXONOMY, index: 0 }],
          },
        },
        taxonomies: [
          {
            name: CWE_TAXONOMY,
            version: '4.14',
            organization: 'MITRE',
            informationUri: 'https://cwe.mitre.org/',
            shortDescription: { text: 'The MITRE Common Weakness Enumeration' },
            isComprehensive: false,
            taxa: taxa.map((c) => ({
              id: cweNumber(c),
              name: cwe(c).name,
              shortDescription: { text: cwe(c).name },
              helpUri: cweUrl(c),
              properties: { 'security-severity': cwe(c).severity.toFixed(1) },
            })),
          },
        ],
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...input.notes.map((n) => ({
                level: n.kind === 'analysis-error' || n.kind === 'read-error' ? 'error' : n.kind === 'syntax-errors' || n.kind === 'analyzer-error' ? 'warning' : 'note',
                message: { text: `${n.kind}: ${n.message}` },
                locations: [{ physicalLocation: { artifactLocation: artifactUri(n.file, root) } }],
              })),
              ...(input.analyzers ?? [])
                .filter((a) => a.status !== 'ran')
                .map((a) => ({ level: a.status === 'failed' ? 'error' : 'warning', message: { text: a.message ?? `${a.id} ${a.status}` }, properties: { analyzer: a.id } })),
            ],
          },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root.endsWith(path.sep) ? root : root + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results: [...input.findings.map((f) => result(f)), ...input.suppressed.map((s) => result(s.finding, s.by))],
      },
    ],
  };
}
