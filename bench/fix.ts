/**
 * What the deterministic fix engine does to code with known weaknesses: every rule's vulnerable
 * fixture and every example program is run through `secfix fix`'s rules engine and its gate.
 * Per language and per CWE: findings, the share fixed, the share whose offered fix the gate
 * rejected, the share with no fix available, and the share of changed files that still parse.
 *
 *   npm run bench:fix
 *
 * Writes the "fix" section of bench/RESULTS.md. The fixtures are ours, written to exercise the
 * rules, so these shares describe the templates' reach on those shapes, not on unseen code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '../src/core/types.ts';
import { detectLanguage } from '../src/languages/registry.ts';
import { loadRules, selectRules } from '../src/rules/registry.ts';
import { analyzeSource } from '../src/scanner/analyze.ts';
import { fixWithRules } from '../src/fix/engine.ts';
import { outcomesOf } from '../src/cli/commands/fix.ts';
import { formatRate } from '../src/metrics/wilson.ts';
import { writeSection } from './results-file.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rules = selectRules(await loadRules(), { profile: 'default' });

function files(): string[] {
  const out: string[] = [];
  const rulesDir = path.join(root, 'src', 'rules');
  for (const lang of readdirSync(rulesDir, { withFileTypes: true })) {
    if (!lang.isDirectory()) continue;
    for (const rule of readdirSync(path.join(rulesDir, lang.name), { withFileTypes: true })) {
      if (!rule.isDirectory()) continue;
      for (const f of readdirSync(path.join(rulesDir, lang.name, rule.name))) if (f.startsWith('vulnerable.')) out.push(path.join(rulesDir, lang.name, rule.name, f));
    }
  }
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (detectLanguage(p) && !e.name.endsWith('.ts')) out.push(p);
    }
  };
  walk(path.join(root, 'examples'));
  return out.sort();
}

type Tally = { findings: number; fixed: number; rejected: number; none: number; changed: number; parses: number };
const blank = (): Tally => ({ findings: 0, fixed: 0, rejected: 0, none: 0, changed: 0, parses: 0 });
const byLanguage = new Map<string, Tally>();
const byCwe = new Map<string, Tally>();
const total = blank();
const reasons = new Map<string, number>();

for (const file of files()) {
  const language = detectLanguage(file) as Language;
  const text = readFileSync(file, 'utf8');
  const scan = async (code: string, lang: Language) => {
    const r = await analyzeSource(code, file, lang, rules);
    return { findings: r.findings, syntaxErrors: r.syntaxErrors, analyzers: ['builtin'] };
  };
  const fix = await fixWithRules(text, language, scan);
  const lang = byLanguage.get(language) ?? byLanguage.set(language, blank()).get(language)!;
  if (fix.fixed !== text) {
    const parses = (await scan(fix.fixed, language)).syntaxErrors <= fix.before.syntaxErrors;
    for (const t of [lang, total]) {
      t.changed++;
      if (parses) t.parses++;
    }
  }
  for (const { finding, outcome } of outcomesOf(fix)) {
    const cwe = finding.cwe[0] ?? 'unknown';
    const c = byCwe.get(cwe) ?? byCwe.set(cwe, blank()).get(cwe)!;
    for (const t of [lang, c, total]) {
      t.findings++;
      if (outcome.status === 'fixed') t.fixed++;
      else if (outcome.status === 'rejected') t.rejected++;
      else t.none++;
    }
    if (outcome.status === 'rejected') {
      const reason = outcome.reason.replace(/ at line \d+/, '').replace(/\(\d+\)/, '');
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  }
}

const row = (name: string, t: Tally, parses = true) =>
  `| ${name} | ${t.findings} | ${formatRate(t.fixed, t.findings)} | ${formatRate(t.rejected, t.findings)} | ${formatRate(t.none, t.findings)} |${parses ? ` ${formatRate(t.parses, t.changed)} |` : ''}`;
const head = '| | findings | fixed | rejected by the gate | no fix available | changed files that still parse |\n| --- | --- | --- | --- | --- | --- |';
const cweHead = '| | findings | fixed | rejected by the gate | no fix available |\n| --- | --- | --- | --- | --- |';
const body = [
  '# `secfix fix` (deterministic engine) on the rule fixtures and examples',
  '',
  `Every \`vulnerable.*\` fixture of the ${rules.length} default rules and every example program (${files().length} files), through the rules engine and the gate (re-parse, re-scan with every default rule; target gone, nothing new). Run with \`npm run bench:fix\`. These are our own fixtures, so the shares describe the templates' reach on shapes we wrote, not on unseen code.`,
  '',
  '## By language',
  '',
  head,
  ...[...byLanguage].sort().map(([k, t]) => row(k, t)),
  row('**all**', total),
  '',
  '## By CWE',
  '',
  cweHead,
  ...[...byCwe].sort((a, b) => b[1].findings - a[1].findings || a[0].localeCompare(b[0])).map(([k, t]) => row(k, t, false)),
  '',
  '## Why the gate rejected fixes',
  '',
  ...(reasons.size ? [...reasons].sort((a, b) => b[1] - a[1]).map(([r, n]) => `- ${n} × ${r}`) : ['- none']),
].join('\n');
writeSection(path.join(root, 'bench', 'RESULTS.md'), 'fix', body);
process.stdout.write(`${body}\n`);
