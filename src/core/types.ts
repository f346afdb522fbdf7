/** Core types shared by every stage of secfix: languages, findings, samples. */

export const LANGUAGES = ['python', 'javascript', 'typescript', 'java', 'go', 'c', 'cpp'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Level = 'error' | 'warning' | 'note';
export type Confidence = 'high' | 'medium' | 'low';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
}

export interface Location {
  file: string;
  start: Position;
  end: Position;
}

export interface Finding {
  ruleId: string;
  analyzer: string;
  /** CWE ids such as "CWE-78", most specific first. */
  cwe: string[];
  /** CodeQL-style security severity, 0–10. */
  severity: number;
  level: Level;
  confidence: Confidence;
  message: string;
  location: Location;
  /** The source line(s) of the finding, trimmed. */
  snippet: string;
  /** Stable across edits that move code: rule + enclosing function + normalised sink text. */
  fingerprint: string;
  remediation?: string;
  /** Every analyzer that reported this weakness, when findings of several analyzers were merged. */
  sources?: FindingSource[];
  /** A mechanical fix the rule offers (secfix fix applies it only behind its re-scan gate). */
  fix?: FindingFix;
}

/** A text edit: offsets into the file's text (UTF-16 code units), end exclusive. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A fix as a finding carries it: its edits with 1-based line/column positions too (as SARIF wants). */
export interface FindingFix {
  description: string;
  edits: Array<Edit & { startLine: number; startColumn: number; endLine: number; endColumn: number }>;
}

/** One analyzer's report of a (possibly merged) finding. */
export interface FindingSource {
  analyzer: string;
  ruleId: string;
}

/** A file the scanner could not analyse fully, reported beside findings instead of crashing. */
export interface FileNote {
  file: string;
  kind:
    | 'skipped-binary'
    | 'skipped-size'
    | 'skipped-encoding'
    | 'skipped-language'
    | 'syntax-errors'
    | 'read-error'
    | 'analysis-error'
    /** An external analyzer failed on the file, so it was not analysed by that analyzer. */
    | 'analyzer-error'
    /** An imported result points at a file outside the scanned paths; the finding is kept. */
    | 'outside-scan';
  message: string;
  /** The analyzer the note comes from, when it is not the built-in engine. */
  analyzer?: string;
}

/** What became of one analyzer in a scan: ran, skipped (not installed, no files) or failed. */
export interface AnalyzerRun {
  id: string;
  status: 'ran' | 'skipped' | 'failed';
  version?: string;
  /** Files given to the analyzer. */
  files: number;
  findings: number;
  /** One line for people, e.g. "bandit is not installed (apt-get install bandit); skipped". */
  message?: string;
}

export interface Suppressed {
  finding: Finding;
  /** The suppression comment's text, e.g. "secfix: ignore[CWE-78]". */
  by: string;
}
