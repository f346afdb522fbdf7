/**
 * Public before/after fix corpora: JSONL rows `{before, after, language, cwe?, id?}` or a CSV file
 * with those columns (a header row first). `cwe` is an array or a string of ids separated by
 * `;`, `,`, `|` or spaces ("CWE-89", "cwe_089" and "89" all read as CWE-89). A row that cannot
 * be used — bad JSON, a missing field, an unknown language, an empty or unchanged `after`, an
 * unreadable CWE — is a counted problem naming its line.
 */
import path from 'node:path';
import { z } from 'zod';
import { describeIssues, languageByName, normaliseCwe, readText } from '../../importers/common.ts';
import { parseCsv } from '../../importers/csv.ts';
import { ImportError } from '../../importers/errors.ts';
import type { ImportProblem } from '../../importers/types.ts';
import { repairPrompt, type Example, type SourceResult } from '../example.ts';

const Row = z.object({
  before: z.string(),
  after: z.string(),
  language: z.string().min(1),
  cwe: z.union([z.string(), z.array(z.string())]).optional(),
  id: z.union([z.string().min(1), z.number()]).optional(),
}).loose();

/** Before/after pairs from a .jsonl or .csv file. */
export async function examplesFromPairs(file: string, spec = `pairs:${file}`): Promise<SourceResult> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.jsonl' && ext !== '.ndjson' && ext !== '.csv') throw new ImportError(`${file}: expected a .jsonl or .csv file of before/after pairs`);
  const text = await readText(file);
  const problems: ImportProblem[] = [];
  const rows: { line: number; value: unknown }[] = [];
  if (ext === '.csv') {
    const [header, ...records] = parseCsv(text, file);
    if (!header) throw new ImportError(`${file}: empty CSV file`);
    const names = header.fields.map((h) => h.trim());
    for (const rec of records) {
      if (rec.fields.length !== names.length) problems.push({ file, line: rec.line, message: `expected ${names.length} fields, found ${rec.fields.length}` });
      // An empty cell is a missing value, so that an optional column may be left blank.
      else rows.push({ line: rec.line, value: Object.fromEntries(names.map((n, i) => [n, rec.fields[i]!] as const).filter(([, v]) => v !== '')) });
    }
  } else {
    text.split(/\r?\n/).forEach((l, i) => {
      if (!l.trim()) return;
      try {
        rows.push({ line: i + 1, value: JSON.parse(l) });
      } catch (e) {
        problems.push({ file, line: i + 1, message: `invalid JSON (${(e as Error).message})` });
      }
    });
  }
  const source = `pairs:${path.basename(file)}`;
  const examples: Example[] = [];
  for (const { line, value } of rows) {
    const r = Row.safeParse(value);
    if (!r.success) {
      problems.push({ file, line, message: describeIssues(r.error) });
      continue;
    }
    const row = r.data;
    const language = languageByName(row.language);
    const rawCwe = row.cwe === undefined ? [] : Array.isArray(row.cwe) ? row.cwe : row.cwe.split(/[;,|\s]+/).filter(Boolean);
    const cwe = rawCwe.map(normaliseCwe);
    const problem =
      !language ? `unknown language "${row.language}"`
      : !row.before.trim() || !row.after.trim() ? 'empty before or after'
      : row.before === row.after ? 'after is the same as before'
      : cwe.some((c) => !c) ? `unreadable CWE "${rawCwe[cwe.findIndex((c) => !c)]}"`
      : undefined;
    if (problem || !language) {
      problems.push({ file, line, message: problem! });
      continue;
    }
    const ids = [...new Set(cwe as string[])];
    examples.push({
      id: `${source}:${row.id ?? `line-${line}`}`, source, kind: 'repair', language, cwe: ids, prompt: repairPrompt(row.before, language, ids),
      insecure: row.before, secure: row.after, provenance: { file: path.basename(file), line },
    });
  }
  return { spec, examples, problems, skipped: {} };
}
