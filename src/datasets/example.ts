/**
 * The one shape every dataset source produces: a prompt and the secure code a model should answer
 * with, plus the insecure code for repair pairs, and where it came from.
 */
import type { Language } from '../core/types.ts';
import type { ImportProblem } from '../importers/types.ts';

/** A repair pair (insecure → verified fix) or a scan-clean generation (task → clean code). */
export type ExampleKind = 'repair' | 'generation';

export interface Example {
  /** Unique within a build: `<source>:<local id>`. */
  id: string;
  /** The source it came from, without directories (`run:RUN`, `fix-json:FILE`, `pairs:FILE`), so the data hash does not depend on paths. */
  source: string;
  kind: ExampleKind;
  language: Language;
  /** Normalised CWE ids, most specific first; empty for a clean generation whose scenario names none. */
  cwe: string[];
  /** What the model is asked: the task, or the repair instruction with the insecure code. */
  prompt: string;
  insecure?: string;
  secure: string;
  scenarioId?: string;
  model?: string;
  strategy?: string;
  /** Source-specific facts (sample ids, file and line, fixes applied), for tracing an example back. */
  provenance: Record<string, string | number>;
}

/** What one source yielded: examples, rows that could not be used, and verified-out candidates by reason. */
export interface SourceResult {
  /** The source as given on the command line. */
  spec: string;
  examples: Example[];
  problems: ImportProblem[];
  /** Candidates that were readable but did not pass verification, counted by reason. */
  skipped: Record<string, number>;
}

const LANGUAGE_TITLES: Record<Language, string> = {
  python: 'Python', javascript: 'JavaScript', typescript: 'TypeScript', java: 'Java', go: 'Go', c: 'C', cpp: 'C++',
};

/** The fence tag of a language in Markdown code blocks. */
export function fenceTag(language: Language): string {
  return language;
}

/** Code in a Markdown fence, ending with exactly one newline before the closing fence. */
export function fenced(code: string, language: Language): string {
  return `\`\`\`${fenceTag(language)}\n${code.replace(/\n+$/, '')}\n\`\`\``;
}

/** The prompt of a repair pair: the instruction, the CWEs when known, and the insecure code. */
export function repairPrompt(insecure: string, language: Language, cwe: readonly string[]): string {
  const which = cwe.length ? ` (${cwe.join(', ')})` : '';
  return `Fix the security weaknesses${which} in this ${LANGUAGE_TITLES[language]} code. Answer with the complete fixed code.\n\n${fenced(insecure, language)}`;
}

/** Adds one to a reason's count. */
export function bump(counts: Record<string, number>, reason: string, by = 1): void {
  counts[reason] = (counts[reason] ?? 0) + by;
}
