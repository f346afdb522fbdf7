/**
 * A small synthetic published study: 2 models × {baseline, sec} × 2 scenarios × 2 samples of short
 * Python files, and the findings "its tool" reported, as a SARIF log and as an equivalent CSV.
 *
 *   model  scenario/n  baseline                      sec                      class
 *   m1     s1/0        CWE-89 @3                     clean                    fixed
 *   m1     s1/1        CWE-89 @3                     CWE-89 @5 (same line)    moved
 *   m1     s2/0        clean                         CWE-78 @3                introduced
 *   m1     s2/1        CWE-78 @3 (os.system)         CWE-78 @3 (rewritten)    refactored
 *   m2     s1/0        CWE-89 @3                     CWE-89 @3 (same code)    no-change
 *   m2     s1/1        clean                         clean                    clean
 *   m2     s2/0        CWE-798 @2 (7.5), CWE-78 @4   clean                    fixed
 *   m2     s2/1        clean                         clean                    clean
 *
 * Severities: CWE-89 8.8 and CWE-78 9.8 from the catalogue; the hard-coded password rule carries
 * its own security-severity 7.5 (the catalogue says 9.8), so the CSV gives 7.5 in its row.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const SQLI = `import sqlite3
def get(db, name):
    return db.execute("SELECT * FROM users WHERE name = '%s'" % name)
`;
const SQLI_MOVED = `import sqlite3
# look a user up
# by name
def get(db, name):
    return db.execute("SELECT * FROM users WHERE name = '%s'" % name)
`;
const SQL_SAFE = `import sqlite3
def get(db, name):
    return db.execute("SELECT * FROM users WHERE name = ?", (name,))
`;
const PING_SAFE = `import subprocess
def ping(host):
    return subprocess.run(["ping", "-c", "1", host])
`;
const PING_SHELL = `import subprocess
def ping(host):
    return subprocess.run("ping -c 1 " + host, shell=True)
`;
const PING_SYSTEM = `import os
def ping(host):
    return os.system("ping -c 1 " + host)
`;
const PING_CALL = `import subprocess
def ping(host):
    return subprocess.call("ping -c 1 %s" % host, shell=True)
`;
const PING_PASSWORD = `import os
PASSWORD = "hunter2"
def ping(host):
    return os.system("ping -c 1 " + host)
`;

/** model/strategy/scenario/n.py → code */
export const STUDY_FILES: Record<string, string> = {
  'm1/baseline/s1/0.py': SQLI,
  'm1/baseline/s1/1.py': SQLI,
  'm1/baseline/s2/0.py': PING_SAFE,
  'm1/baseline/s2/1.py': PING_SYSTEM,
  'm1/sec/s1/0.py': SQL_SAFE,
  'm1/sec/s1/1.py': SQLI_MOVED,
  'm1/sec/s2/0.py': PING_SHELL,
  'm1/sec/s2/1.py': PING_CALL,
  'm2/baseline/s1/0.py': SQLI,
  'm2/baseline/s1/1.py': SQL_SAFE,
  'm2/baseline/s2/0.py': PING_PASSWORD,
  'm2/baseline/s2/1.py': PING_SAFE,
  'm2/sec/s1/0.py': SQLI,
  'm2/sec/s1/1.py': SQL_SAFE,
  'm2/sec/s2/0.py': PING_SAFE,
  'm2/sec/s2/1.py': PING_SAFE,
};

/** [file, rule, cwe, line] of every finding the study's tool reported. */
export const STUDY_FINDINGS: Array<[file: string, rule: string, cwe: number, line: number]> = [
  ['m1/baseline/s1/0.py', 'py/sql-injection', 89, 3],
  ['m1/baseline/s1/1.py', 'py/sql-injection', 89, 3],
  ['m1/baseline/s2/1.py', 'py/command-line-injection', 78, 3],
  ['m1/sec/s1/1.py', 'py/sql-injection', 89, 5],
  ['m1/sec/s2/0.py', 'py/command-line-injection', 78, 3],
  ['m1/sec/s2/1.py', 'py/command-line-injection', 78, 3],
  ['m2/baseline/s1/0.py', 'py/sql-injection', 89, 3],
  ['m2/baseline/s2/0.py', 'py/hardcoded-credentials', 798, 2],
  ['m2/baseline/s2/0.py', 'py/command-line-injection', 78, 4],
  ['m2/sec/s1/0.py', 'py/sql-injection', 89, 3],
];

/** Writes the samples under DIR/samples and returns that directory. */
export function writeStudySamples(dir: string): string {
  const root = path.join(dir, 'samples');
  for (const [file, code] of Object.entries(STUDY_FILES)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), code);
  }
  return root;
}

/**
 * The SARIF log, written as CodeQL would: URIs relative to %SRCROOT% (the samples directory), one
 * plain relative URI, and one absolute URI from the author's machine (matched by its path suffix).
 * CWEs come from rule tags, and for command injection from relationships into the CWE taxonomy.
 */
export function studySarif(samplesDir: string, extra: object[] = []): string {
  const rules = [
    { id: 'py/sql-injection', properties: { tags: ['security', 'external/cwe/cwe-089'] } },
    {
      id: 'py/command-line-injection',
      properties: { tags: ['security'] },
      relationships: [
        { target: { id: '78', toolComponent: { name: 'CWE' } }, kinds: ['superset'] },
        { target: { id: '88', toolComponent: { name: 'CWE' } }, kinds: ['superset'] },
      ],
    },
    { id: 'py/hardcoded-credentials', properties: { tags: ['security', 'external/cwe/cwe-798'], 'security-severity': '7.5' } },
  ];
  const results = STUDY_FINDINGS.map(([file, rule, , line], i) => ({
    ruleId: rule,
    ruleIndex: rules.findIndex((r) => r.id === rule),
    message: { text: `finding ${i}` },
    locations: [{
      physicalLocation: {
        artifactLocation: i === 0 ? { uri: file } : i === 7 ? { uri: `file:///home/author/study/${file}` } : { uri: file, uriBaseId: '%SRCROOT%' },
        region: { startLine: line },
      },
    }],
  }));
  return JSON.stringify({
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'CodeQL', semanticVersion: '2.20.0', rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(samplesDir).href}/` } },
      taxonomies: [{ name: 'CWE', taxa: [{ id: '78' }, { id: '88' }] }],
      results: [...results, ...extra],
    }],
  });
}

/** The same findings as a CSV; `clean` adds a row with an empty cwe for every clean sample. */
export function studyCsv(options: { clean?: boolean } = {}): string {
  const rows = ['file,cwe,line,severity,rule'];
  for (const [file, rule, cwe, line] of STUDY_FINDINGS) rows.push(`${file},CWE-${cwe},${line},${cwe === 798 ? '7.5' : ''},${rule}`);
  if (options.clean) {
    for (const file of Object.keys(STUDY_FILES)) if (!STUDY_FINDINGS.some(([f]) => f === file)) rows.push(`${file},,,,`);
  }
  return `${rows.join('\n')}\n`;
}
