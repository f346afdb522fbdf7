/**
 * Repair pairs from the JSON report of `secfix fix -f json`: one per file whose fixes all passed the
 * gate. A file qualifies when it changed, every one of its findings has status `fixed` and no
 * finding was introduced; its CWEs are those of the fixed findings. The report must carry the
 * `original` and `fixed` texts of each file.
 */
import path from 'node:path';
import { z } from 'zod';
import { describeIssues, languageByName, normaliseCwe, readText } from '../../importers/common.ts';
import { ImportError } from '../../importers/errors.ts';
import type { ImportProblem } from '../../importers/types.ts';
import { bump, repairPrompt, type Example, type SourceResult } from '../example.ts';

const FileEntry = z.object({
  file: z.string().min(1),
  language: z.string().min(1),
  findings: z.array(z.object({ cwe: z.array(z.string()), status: z.string() }).loose()),
  introduced: z.array(z.unknown()).default([]),
  original: z.string(),
  fixed: z.string(),
}).loose();

const Report = z.object({ files: z.array(z.unknown()) }).loose();

/** Repair pairs from a fix report file. */
export async function examplesFromFixJson(file: string, spec = `fix-json:${file}`): Promise<SourceResult> {
  const text = await readText(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`${file}: invalid JSON (${(e as Error).message})`);
  }
  const report = Report.safeParse(data);
  if (!report.success) throw new ImportError(`${file}: not a secfix fix report (${describeIssues(report.error)})`, 'produce it with secfix fix -f json');
  const source = `fix-json:${path.basename(file)}`;
  const examples: Example[] = [];
  const problems: ImportProblem[] = [];
  const skipped: Record<string, number> = {};
  report.data.files.forEach((raw, i) => {
    const r = FileEntry.safeParse(raw);
    if (!r.success) {
      problems.push({ file, message: `files[${i}]: ${describeIssues(r.error)}` });
      return;
    }
    const f = r.data;
    const language = languageByName(f.language);
    if (!language) {
      problems.push({ file, message: `files[${i}] (${f.file}): unknown language "${f.language}"` });
      return;
    }
    if (f.fixed === f.original || !f.findings.length) return bump(skipped, 'file unchanged');
    if (f.findings.some((x) => x.status !== 'fixed')) return bump(skipped, 'file not fully fixed');
    if (f.introduced.length) return bump(skipped, 'fix introduced a finding');
    const cwe = [...new Set(f.findings.flatMap((x) => x.cwe.slice(0, 1).map(normaliseCwe).filter((c): c is string => !!c)))];
    examples.push({
      id: `${source}:${f.file}`, source, kind: 'repair', language, cwe, prompt: repairPrompt(f.original, language, cwe),
      insecure: f.original, secure: f.fixed, provenance: { file: f.file, fixed: f.findings.length },
    });
  });
  return { spec, examples, problems, skipped };
}
