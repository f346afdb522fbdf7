/**
 * The CWE catalogue: one place for names, severities and Top 25 ranks.
 *
 * Severities are CodeQL-style `security-severity` scores (CVSS-derived, 0–10) as published with
 * CodeQL's security queries, which is the instrument of the study secfix reproduces. A CWE that
 * no CodeQL query scores gets DEFAULT_SEVERITY, and is marked `scored: false` so reports can say so.
 */
import type { Language, Level } from '../core/types.ts';

export interface CweEntry {
  id: string;
  name: string;
  severity: number;
  /** Whether `severity` is a published score (true) or the documented default (false). */
  scored: boolean;
  /** Rank in the 2024 CWE Top 25 Most Dangerous Software Weaknesses, if listed. */
  top25?: number;
  /** Per-language overrides where CodeQL scores the same CWE differently. */
  severityByLanguage?: Partial<Record<Language, number>>;
}

/** Severity used for a CWE that has no published CodeQL score. */
export const DEFAULT_SEVERITY = 5.0;

type Row = [id: number, name: string, severity: number | null, top25?: number, byLanguage?: Partial<Record<Language, number>>];

const ROWS: Row[] = [
  [20, 'Improper Input Validation', 5.0, 12],
  [22, "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')", 7.5, 5],
  [23, 'Relative Path Traversal', 7.5],
  [36, 'Absolute Path Traversal', 7.5],
  [73, 'External Control of File Name or Path', 7.5],
  [77, "Improper Neutralization of Special Elements used in a Command ('Command Injection')", 9.8, 13],
  [78, "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')", 9.8, 7],
  [79, "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')", 6.1, 1, { javascript: 7.8, typescript: 7.8 }],
  [80, 'Improper Neutralization of Script-Related HTML Tags in a Web Page (Basic XSS)', 6.1],
  [88, "Improper Neutralization of Argument Delimiters in a Command ('Argument Injection')", null],
  [89, "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')", 8.8, 3],
  [90, "Improper Neutralization of Special Elements used in an LDAP Query ('LDAP Injection')", 9.8],
  [94, "Improper Control of Generation of Code ('Code Injection')", 9.3, 11],
  [95, "Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')", 9.3],
  [99, "Improper Control of Resource Identifiers ('Resource Injection')", 7.5],
  [113, "Improper Neutralization of CRLF Sequences in HTTP Headers ('HTTP Response Splitting')", 6.1],
  [116, 'Improper Encoding or Escaping of Output', 6.1, undefined, { javascript: 7.8, typescript: 7.8 }],
  [117, 'Improper Output Neutralization for Logs', 7.8],
  [120, "Buffer Copy without Checking Size of Input ('Classic Buffer Overflow')", 9.3],
  [121, 'Stack-based Buffer Overflow', null],
  [122, 'Heap-based Buffer Overflow', null],
  [129, 'Improper Validation of Array Index', 8.8],
  [134, 'Use of Externally-Controlled Format String', 9.3],
  [242, 'Use of Inherently Dangerous Function', 10.0],
  [252, 'Unchecked Return Value', null],
  [415, 'Double Free', 9.3],
  [676, 'Use of Potentially Dangerous Function', null],
  [680, 'Integer Overflow to Buffer Overflow', null],
  [690, 'Unchecked Return Value to NULL Pointer Dereference', null],
  [200, 'Exposure of Sensitive Information to an Unauthorized Actor', 5.0, 17],
  [209, 'Generation of Error Message Containing Sensitive Information', 5.4],
  [215, 'Insertion of Sensitive Information Into Debugging Code', 7.5],
  [256, 'Plaintext Storage of a Password', null],
  [259, 'Use of Hard-coded Password', 9.8],
  [295, 'Improper Certificate Validation', 7.5],
  [306, 'Missing Authentication for Critical Function', null, 25],
  [307, 'Improper Restriction of Excessive Authentication Attempts', 7.5],
  [311, 'Missing Encryption of Sensitive Data', 5.0],
  [312, 'Cleartext Storage of Sensitive Information', 7.5],
  [319, 'Cleartext Transmission of Sensitive Information', 7.5],
  [326, 'Inadequate Encryption Strength', 7.5],
  [327, 'Use of a Broken or Risky Cryptographic Algorithm', 7.5],
  [328, 'Use of Weak Hash', 7.5],
  [330, 'Use of Insufficiently Random Values', 7.8],
  [338, 'Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)', 7.8],
  [352, 'Cross-Site Request Forgery (CSRF)', 8.8, 4],
  [377, 'Insecure Temporary File', 7.0],
  [384, 'Session Fixation', 5.0],
  [400, 'Uncontrolled Resource Consumption', 7.5, 24],
  [434, 'Unrestricted Upload of File with Dangerous Type', 6.3, 10],
  [489, 'Active Debug Code', 7.5],
  [497, 'Exposure of Sensitive System Information to an Unauthorized Control Sphere', 5.4],
  [501, 'Trust Boundary Violation', 8.8],
  [502, 'Deserialization of Untrusted Data', 9.8, 16],
  [522, 'Insufficiently Protected Credentials', null],
  [532, 'Insertion of Sensitive Information into Log File', 7.5],
  [601, "URL Redirection to Untrusted Site ('Open Redirect')", 6.1],
  [611, 'Improper Restriction of XML External Entity Reference', 9.1],
  [614, "Sensitive Cookie in HTTPS Session Without 'Secure' Attribute", 5.0],
  [643, "Improper Neutralization of Data within XPath Expressions ('XPath Injection')", 9.8],
  [732, 'Incorrect Permission Assignment for Critical Resource', 7.8],
  [770, 'Allocation of Resources Without Limits or Throttling', 7.5],
  [798, 'Use of Hard-coded Credentials', 9.8, 22],
  [915, 'Improperly Controlled Modification of Dynamically-Determined Object Attributes', 6.1],
  [916, 'Use of Password Hash With Insufficient Computational Effort', 8.1],
  [918, 'Server-Side Request Forgery (SSRF)', 9.1, 19],
  [943, 'Improper Neutralization of Special Elements in Data Query Logic', 8.8],
  [703, 'Improper Check or Handling of Exceptional Conditions', null],
  [788, 'Access of Memory Location After End of Buffer', null],
  [1004, "Sensitive Cookie Without 'HttpOnly' Flag", 5.0],
  [1321, "Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')", 6.1],
  [1333, 'Inefficient Regular Expression Complexity', 7.5],
  [1336, 'Improper Neutralization of Special Elements Used in a Template Engine', 9.3],
  // The remaining Top 25 (2024) entries, so rank lookups are complete.
  [787, 'Out-of-bounds Write', 9.3, 2],
  [125, 'Out-of-bounds Read', null, 6],
  [416, 'Use After Free', 9.3, 8],
  [862, 'Missing Authorization', null, 9],
  [287, 'Improper Authentication', null, 14],
  [269, 'Improper Privilege Management', null, 15],
  [863, 'Incorrect Authorization', null, 18],
  [119, 'Improper Restriction of Operations within the Bounds of a Memory Buffer', null, 20],
  [476, 'NULL Pointer Dereference', null, 21],
  [190, 'Integer Overflow or Wraparound', null, 23],
];

const CATALOGUE = new Map<string, CweEntry>(
  ROWS.map(([n, name, severity, top25, byLanguage]) => [
    `CWE-${n}`,
    {
      id: `CWE-${n}`,
      name,
      severity: severity ?? DEFAULT_SEVERITY,
      scored: severity !== null,
      ...(top25 ? { top25 } : {}),
      ...(byLanguage ? { severityByLanguage: byLanguage } : {}),
    },
  ]),
);

/** Normalises "78", "cwe-78", "CWE-078" to "CWE-78"; returns undefined for anything else. */
export function normaliseCweId(raw: string | number): string | undefined {
  const m = /^(?:cwe[-_ ]?)?0*(\d+)$/i.exec(String(raw).trim());
  return m ? `CWE-${m[1]}` : undefined;
}

/** The catalogue entry for a CWE id; unknown ids get a generic entry with the default severity. */
export function cwe(id: string): CweEntry {
  const key = normaliseCweId(id) ?? id;
  return CATALOGUE.get(key) ?? { id: key, name: key, severity: DEFAULT_SEVERITY, scored: false };
}

export function isKnownCwe(id: string): boolean {
  const key = normaliseCweId(id);
  return key !== undefined && CATALOGUE.has(key);
}

export function allCwes(): CweEntry[] {
  return [...CATALOGUE.values()];
}

/** The severity of a set of CWEs in a language: the highest of them. */
export function severityOf(cweIds: readonly string[], language?: Language): number {
  let max = 0;
  for (const id of cweIds) {
    const entry = cwe(id);
    const s = (language && entry.severityByLanguage?.[language]) ?? entry.severity;
    if (s > max) max = s;
  }
  return cweIds.length ? max : DEFAULT_SEVERITY;
}

/** CodeQL's severity bands: critical ≥ 9, high ≥ 7, medium ≥ 4, low > 0. */
export type SeverityLabel = 'critical' | 'high' | 'medium' | 'low';

export function severityLabel(severity: number): SeverityLabel {
  if (severity >= 9) return 'critical';
  if (severity >= 7) return 'high';
  if (severity >= 4) return 'medium';
  return 'low';
}

/** SARIF level from severity: high and critical are errors, medium warnings, low notes. */
export function levelOf(severity: number): Level {
  if (severity >= 7) return 'error';
  if (severity >= 4) return 'warning';
  return 'note';
}

/** The MITRE page of a CWE. */
export function cweUrl(id: string): string {
  const n = (normaliseCweId(id) ?? id).replace(/^CWE-/, '');
  return `https://cwe.mitre.org/data/definitions/${n}.html`;
}
