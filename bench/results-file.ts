/**
 * bench/RESULTS.md holds the output of several benchmarks, each in its own section between HTML
 * comment markers (`<!-- NAME:start -->` … `<!-- NAME:end -->`). A benchmark rewrites only its own
 * section, so running one never erases the figures of another.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The sections in the order they appear in a new file. */
export const SECTIONS = ['scan-throughput', 'peers', 'report', 'fix'] as const;
export type SectionName = (typeof SECTIONS)[number];

const HEADER =
  '<!-- Benchmark results. Each section is rewritten only by its own script (see bench/README.md): edits inside a section are lost on the next run of that script. -->';

function markers(name: string): [string, string] {
  return [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
}

/**
 * Replaces section `name` of `file` with `body` (the markers are added here), keeping every other
 * section. A missing section is inserted in `SECTIONS` order. A file without any markers was
 * written by scan-throughput before the file had sections, and is taken as its section.
 */
export function writeSection(file: string, name: SectionName, body: string): void {
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const anyMarker = SECTIONS.some((s) => text.includes(markers(s)[0]));
  if (text.trim() && !anyMarker) {
    const [s, e] = markers('scan-throughput');
    text = `${HEADER}\n\n${s}\n${text.trimEnd()}\n${e}\n`;
  }
  if (!text.trim()) text = `${HEADER}\n`;
  const [start, end] = markers(name);
  const block = `${start}\n${body.trimEnd()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i !== -1 && j > i) {
    text = `${text.slice(0, i)}${block}${text.slice(j + end.length)}`;
  } else {
    // Insert before the first section that comes after this one, or at the end.
    const later = SECTIONS.slice(SECTIONS.indexOf(name) + 1)
      .map((s) => text.indexOf(markers(s)[0]))
      .filter((k) => k !== -1);
    const at = later.length ? Math.min(...later) : -1;
    text = at === -1 ? `${text.trimEnd()}\n\n${block}\n` : `${text.slice(0, at)}${block}\n\n${text.slice(at)}`;
  }
  writeFileSync(file, `${text.trimEnd()}\n`);
}
