/**
 * Scanning one sample's code with the study's analyzers. The built-in engine analyses the text in
 * memory; external analyzers (bandit, cppcheck, …) need a file, so the code is written into a
 * private temporary folder of its own (never executed) and the folder is removed afterwards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding, Language } from '../core/types.ts';
import type { StudyConfig } from '../config/schema.ts';
import { scanWithAnalyzers } from '../analyzers/orchestrate.ts';
import type { Policy } from '../analyzers/merge.ts';
import type { ToolOptions } from '../analyzers/analyzer.ts';
import { selectAnalyzers } from '../analyzers/registry.ts';
import type { Rule } from '../rules/rule.ts';
import { analyzeSource } from '../scanner/analyze.ts';
import { parse } from '../languages/registry.ts';

/** The file name a sample is analysed under, by language. */
export const SAMPLE_FILE: Record<Language, string> = {
  python: 'sample.py', javascript: 'sample.js', typescript: 'sample.ts', java: 'Sample.java', go: 'main.go', c: 'main.c', cpp: 'main.cpp',
};

export interface SampleScan {
  findings: Finding[];
  /** Syntax errors the parser recovered from (0: the code parses). */
  syntaxErrors: number;
  /** The analyzers that finished on the sample (a missing tool is not among them). */
  analyzers: string[];
}

export interface SampleScanner {
  scan(code: string, language: Language): Promise<SampleScan>;
  /** Removes the temporary folder; safe to call twice. */
  close(): Promise<void>;
}

/** A scanner for the study's analyzers and policy. */
export function createSampleScanner(config: Pick<StudyConfig, 'analyzers' | 'policy' | 'tools' | 'file'>, rules: readonly Rule[]): SampleScanner {
  const external = config.analyzers.some((a) => a !== 'builtin');
  if (!external) {
    return {
      scan: async (code, language) => {
        const r = await analyzeSource(code, SAMPLE_FILE[language], language, rules);
        return { findings: r.findings, syntaxErrors: r.syntaxErrors, analyzers: ['builtin'] };
      },
      close: async () => {},
    };
  }
  const tools: ToolOptions = { ...config.tools };
  // Settings are checked once, before any model is called (e.g. semgrep without rules).
  for (const a of selectAnalyzers(config.analyzers)) a.validate?.({ cwd: path.dirname(config.file), tools });
  let root: string | undefined;
  const policy: Policy = config.policy;
  return {
    async scan(code, language) {
      root ??= mkdtempSync(path.join(os.tmpdir(), 'secfix-run-'));
      const dir = mkdtempSync(path.join(root, 's-'));
      try {
        const file = SAMPLE_FILE[language];
        writeFileSync(path.join(dir, file), code);
        const result = await scanWithAnalyzers([path.join(dir, file)], { rules, analyzers: config.analyzers, policy, cwd: dir, language, tools });
        // Findings name the sample's file, not the temporary folder it was scanned in.
        const findings = result.findings.map((f) => ({ ...f, location: { ...f.location, file } }));
        const syntaxErrors = (await parse(code, language, file)).errorCount;
        return { findings, syntaxErrors, analyzers: (result.analyzers ?? []).filter((a) => a.status === 'ran').map((a) => a.id) };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async close() {
      if (root) rmSync(root, { recursive: true, force: true });
      root = undefined;
    },
  };
}
