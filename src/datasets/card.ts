/** The dataset card (README.md beside the data): sources, filters with counts, counts per CWE, language and split, and the content hash. */
import { VERSION } from '../core/version.ts';
import { compareCwe } from '../metrics/data.ts';
import type { DatasetBuild } from './build.ts';
import type { Example } from './example.ts';
import { SPLITS } from './split.ts';

function table(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function countBy(build: DatasetBuild, key: (e: Example) => string, order: (a: string, b: string) => number): Array<Array<string | number>> {
  const names = [...new Set(SPLITS.flatMap((s) => build.splits[s].map(key)))].sort(order);
  return names.map((n) => {
    const per = SPLITS.map((s) => build.splits[s].filter((e) => key(e) === n).length);
    return [n, ...per, per.reduce((a, b) => a + b, 0)];
  });
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sum = (xs: Record<string, number>) => Object.values(xs).reduce((a, b) => a + b, 0);

/** The card's Markdown; it holds nothing that changes between two builds of the same data (no dates, no absolute times). */
export function renderCard(build: DatasetBuild, files: readonly string[]): string {
  const { settings, dropped } = build;
  const total = SPLITS.reduce((t, s) => t + build.splits[s].length, 0);
  const leak = (r: string) => dropped.leakage.filter((l) => l.reason === r).length;
  const skippedReasons = [...new Set(build.sources.flatMap((s) => Object.keys(s.skipped)))].sort(byName);
  const out: string[] = [];
  out.push('# secfix secure-fix dataset', '');
  out.push(`${total} examples (${SPLITS.map((s) => `${build.splits[s].length} ${s}`).join(', ')}).`, '');
  out.push(`Content hash: \`sha256:${build.hash}\` — over the canonical JSONL of ${SPLITS.map((s) => `${s}.jsonl`).join(', ')}, concatenated in that order.`, '');
  out.push(`Built by secfix ${VERSION}: seed ${settings.seed}, near-duplicate threshold ${settings.threshold} (Jaccard of token 5-shingles), split ${SPLITS.map((s) => settings.ratios[s]).join('/')} (train/validation/test).`, '');

  out.push('## Sources', '');
  out.push(table(['source', 'examples', 'invalid rows', 'not verified'], build.sources.map((s) => [`\`${s.spec}\``, s.examples, s.problems, sum(s.skipped)])), '');
  if (skippedReasons.length) {
    out.push('Candidates that did not pass verification, by reason:', '');
    out.push(table(['reason', ...build.sources.map((s) => `\`${s.spec}\``)], skippedReasons.map((r) => [r, ...build.sources.map((s) => s.skipped[r] ?? 0)])), '');
  }

  out.push('## Filters', '', 'Applied in this order; each row counts the examples it removed.', '');
  out.push(table(['filter', 'dropped'], [
    ['duplicate id', dropped.duplicateId.length],
    ['leakage: scenario of the evaluation', leak('scenario')],
    ['leakage: near duplicate of an evaluation prompt', leak('prompt')],
    ['leakage: near duplicate of evaluation code', leak('code')],
    ['exact duplicate (same normalised tokens)', dropped.exact.length],
    [`near duplicate (Jaccard ≥ ${settings.threshold})`, dropped.near.length],
  ]), '');
  out.push(settings.evaluation.length ? `Leakage guard against: ${settings.evaluation.join('; ')}.` : 'No leakage guard was applied (no --exclude-run or --exclude-scenarios).', '');

  out.push('## Splits', '');
  out.push(table(['split', 'examples', 'repair pairs', 'clean generations'], SPLITS.map((s) => [s, build.splits[s].length, build.splits[s].filter((e) => e.kind === 'repair').length, build.splits[s].filter((e) => e.kind === 'generation').length])), '');
  out.push('## By CWE (first CWE of each example)', '');
  out.push(table(['CWE', ...SPLITS, 'total'], countBy(build, (e) => e.cwe[0] ?? 'none', (a, b) => (a === 'none' ? 1 : b === 'none' ? -1 : compareCwe(a, b)))), '');
  out.push('## By language', '');
  out.push(table(['language', ...SPLITS, 'total'], countBy(build, (e) => e.language, byName)), '');

  out.push('## Files', '', ...files.map((f) => `- \`${f}\``), '');
  out.push('## Method', '');
  out.push(
    '- Repair pairs from runs: the insecure sample and the last round of its repair, kept only when the repair is `fixed` (its target weaknesses resolved, nothing introduced, analyzed) and parses. Clean generations: samples with code that were analyzed, parse, and have no finding.',
    '- Pairs from `secfix fix -f json`: files whose every finding was fixed and where nothing was introduced.',
    '- Exact duplicates: same kind, and the same tokens of input (insecure code, or prompt) and secure code after dropping comments and whitespace; identifiers and literals are kept as written.',
    '- Near duplicates: same kind, and a Jaccard similarity at or above the threshold for both the secure code and the input; candidates from MinHash (128 seeded permutations, 16 LSH bands of 8), each confirmed exactly. The first example in source order is kept.',
    '- Split: strata of (first CWE, language), each shuffled with the seed; a stratum of n ≥ 3 gives max(1, round(n·ratio)) to test and to validation (train keeps at least one); smaller strata go to train.',
    '- Leakage guard: an example is dropped when its scenario is one the evaluation uses, or its prompt, secure code or insecure code is a near duplicate of an evaluation prompt or of evaluation code.',
    '',
  );
  return out.join('\n');
}
