/**
 * Unified diffs as models write them, applied to the one file under repair.
 *
 * Models get diffs slightly wrong: file headers missing or invented, hunk line counts that do not
 * add up, line numbers that are off, context lines whose leading space was lost, CRLF. So a hunk's
 * numbers are only a hint: a hunk is placed by finding its context and removed lines in the current
 * text — an exact match first, then one that ignores whitespace — nearest to the line it states.
 * A hunk whose lines are not found, or that fits two places equally well, is refused (PatchError),
 * never guessed.
 *
 * File headers (`--- a/…`, `+++ b/…`, `diff --git`) never choose what is patched: the diff is
 * applied to the text it is given and to nothing else, so a header naming `../../etc/passwd` is
 * ignored. Only their number is used: a diff that changes two different files, or that creates or
 * deletes a file (`/dev/null`), is refused, since it cannot be a change to this one file.
 */
import { SecfixError } from '../core/errors.ts';

export type PatchErrorKind = 'no-hunks' | 'multiple-files' | 'creates-or-deletes' | 'bad-hunk' | 'not-found' | 'ambiguous';

/** A diff that cannot be applied; the message says why, in one line. */
export class PatchError extends SecfixError {
  readonly kind: PatchErrorKind;
  /** The 1-based hunk at fault, when one is. */
  readonly hunk?: number;
  constructor(kind: PatchErrorKind, message: string, hunk?: number) {
    super(message);
    this.kind = kind;
    if (hunk !== undefined) this.hunk = hunk;
  }
}

export interface HunkLine {
  kind: ' ' | '-' | '+';
  text: string;
}

export interface Hunk {
  /** The old side's first line as stated (1-based); undefined for a bare `@@`. */
  oldStart?: number;
  /** The stated old line count (not trusted). */
  oldCount?: number;
  lines: HunkLine[];
  /** A `\ No newline at end of file` marker followed the old side's last line. */
  oldNoEol: boolean;
  /** … the new side's last line. */
  newNoEol: boolean;
}

export interface ParsedPatch {
  /** The file names the headers give (new side, else old side), for messages only. */
  files: string[];
  hunks: Hunk[];
}

const HUNK_HEADER = /^@@+ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@+/;
const BARE_HUNK_HEADER = /^@@+(?:\s.*)?$/;
const DIFF_TAGS = new Set(['diff', 'patch', 'udiff']);

/** Whether text reads as a unified diff: a numbered hunk header and at least one changed line. */
export function looksLikeDiff(text: string): boolean {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return lines.some((l) => HUNK_HEADER.test(l)) && lines.some((l) => /^[+-](?![+-]{2} )/.test(l));
}

/**
 * The diff in a model's answer, if it holds one: the first block fenced as diff/patch, else the first
 * fenced block that reads as a diff, else the whole answer when it reads as one (bare hunks).
 */
export function findDiff(answer: string): { text: string; fenced: boolean } | undefined {
  const lines = answer.replace(/\r\n?/g, '\n').split('\n');
  const blocks: { tag: string; body: string }[] = [];
  let open: { fence: string; tag: string; body: string[] } | null = null;
  for (const line of lines) {
    if (!open) {
      const m = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
      if (m) open = { fence: m[1]!, tag: m[2]!.toLowerCase(), body: [] };
      continue;
    }
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
    if (close && close[1]![0] === open.fence[0] && close[1]!.length >= open.fence.length) {
      blocks.push({ tag: open.tag, body: open.body.join('\n') });
      open = null;
    } else open.body.push(line);
  }
  if (open) blocks.push({ tag: open.tag, body: open.body.join('\n') });
  const tagged = blocks.find((b) => DIFF_TAGS.has(b.tag) && /^@@/m.test(b.body));
  if (tagged) return { text: tagged.body, fenced: true };
  const shaped = blocks.find((b) => looksLikeDiff(b.body));
  if (shaped) return { text: shaped.body, fenced: true };
  if (!blocks.length && looksLikeDiff(answer)) return { text: answer, fenced: false };
  return undefined;
}

/** The path a header names, without `a/`/`b/` prefixes and timestamps. */
function headerPath(rest: string): string {
  const p = rest.split('\t')[0]!.trim().replace(/^"|"$/g, '');
  return p === '/dev/null' ? p : p.replace(/^[ab]\//, '');
}

/**
 * Parses a unified diff. `lenient` (a fenced diff, where nothing but the diff is expected) reads a
 * line without a `+`/`-`/space prefix inside a hunk as context whose leading space was lost;
 * otherwise such a line ends the hunk (prose after a bare diff).
 */
export function parsePatch(diffText: string, options: { lenient?: boolean } = {}): ParsedPatch {
  const lines = diffText.replace(/\r\n?/g, '\n').split('\n');
  const hunks: Hunk[] = [];
  const files = new Set<string>();
  let creates = false;
  let hunk: Hunk | null = null;
  let last: '-' | '+' | ' ' | null = null;
  /** Blank unprefixed lines at the open hunk's end: the gap before prose or the next header, dropped on close. */
  let tailBlank = 0;
  const close = () => {
    if (!hunk) return;
    hunk.lines.splice(hunk.lines.length - tailBlank, tailBlank);
    hunks.push(hunk);
    hunk = null;
    tailBlank = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const isHeader = (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) || line.startsWith('diff --git ');
    if (isHeader) {
      close();
      if (line.startsWith('--- ')) {
        const oldPath = headerPath(line.slice(4));
        const newPath = headerPath(lines[i + 1]!.slice(4));
        if (oldPath === '/dev/null' || newPath === '/dev/null') creates = true;
        files.add(newPath === '/dev/null' ? oldPath : newPath);
        i++;
      }
      continue;
    }
    const numbered = HUNK_HEADER.exec(line);
    if (numbered || BARE_HUNK_HEADER.test(line)) {
      close();
      hunk = { lines: [], oldNoEol: false, newNoEol: false };
      if (numbered) {
        hunk.oldStart = Number(numbered[1]);
        hunk.oldCount = numbered[2] === undefined ? 1 : Number(numbered[2]);
      }
      last = null;
      continue;
    }
    if (!hunk) continue; // prose, `index …`, `new file mode …`: nothing to apply
    const h: Hunk = hunk;
    const c = line[0];
    if (c === '\\') {
      if (last === '-' || last === ' ') h.oldNoEol = true;
      if (last === '+' || last === ' ') h.newNoEol = true;
      continue;
    }
    if (c === ' ' || c === '-' || c === '+') {
      h.lines.push({ kind: c, text: line.slice(1) });
      tailBlank = 0;
      last = c;
    } else if (line === '') {
      h.lines.push({ kind: ' ', text: '' });
      tailBlank++;
      last = ' ';
    } else if (options.lenient) {
      h.lines.push({ kind: ' ', text: line });
      tailBlank = 0;
      last = ' ';
    } else {
      close();
    }
  }
  close();
  if (creates) throw new PatchError('creates-or-deletes', 'the diff creates or deletes a file; only changes to the file under repair are accepted');
  const named = [...files];
  if (named.length > 1) throw new PatchError('multiple-files', `the diff changes ${named.length} files; only the file under repair can be changed`);
  const useful = hunks.filter((h) => h.lines.some((l) => l.kind !== ' '));
  if (!useful.length) throw new PatchError('no-hunks', hunks.length ? 'the diff\'s hunks change no line' : 'no hunk (@@ … @@) in the diff');
  return { files: named, hunks: useful };
}

interface FileLine {
  text: string;
  /** Its terminator: '\n', '\r\n', or '' for a last line without one. */
  eol: string;
}

function splitLines(text: string): FileLine[] {
  const out: FileLine[] = [];
  const re = /\r?\n/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(at, m.index), eol: m[0] });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), eol: '' });
  return out;
}

const loose = (s: string): string => s.trim().replace(/\s+/g, ' ');

/** Positions where `want` occurs as consecutive lines of `have`, compared by `eq`. */
function occurrences(have: readonly FileLine[], want: readonly string[], eq: (a: string, b: string) => boolean): number[] {
  const out: number[] = [];
  for (let p = 0; p + want.length <= have.length; p++) {
    let ok = true;
    for (let k = 0; k < want.length && ok; k++) ok = eq(have[p + k]!.text, want[k]!);
    if (ok) out.push(p);
  }
  return out;
}

/** Applies a unified diff (or a model answer holding one) to `text`; throws PatchError. */
export function applyPatch(text: string, diffText: string): string {
  const found = findDiff(diffText);
  const parsed = parsePatch(found?.text ?? diffText, { lenient: found?.fenced ?? false });
  const file = splitLines(text);
  const crlf = file.filter((l) => l.eol === '\r\n').length > file.filter((l) => l.eol === '\n').length;
  const newline = crlf ? '\r\n' : '\n';
  let endsWithEol = !file.length || file[file.length - 1]!.eol !== '';
  let delta = 0;
  parsed.hunks.forEach((h, index) => {
    const n = index + 1;
    const old = h.lines.filter((l) => l.kind !== '+').map((l) => l.text);
    const stated = h.oldStart === undefined ? undefined : Math.max(0, h.oldStart - 1 + delta);
    let at: number;
    if (!old.length) {
      // Pure insertion without context: the stated line is all there is to go by.
      if (h.oldStart === undefined) throw new PatchError('bad-hunk', `hunk ${n} has no context lines and no line number`, n);
      at = Math.min(h.oldStart + delta, file.length);
    } else {
      let candidates = occurrences(file, old, (a, b) => a === b);
      if (!candidates.length) {
        candidates = occurrences(file, old, (a, b) => loose(a) === loose(b));
      }
      const where = stated === undefined ? '' : ` (stated line ${h.oldStart})`;
      if (!candidates.length) throw new PatchError('not-found', `hunk ${n}${where}: its context and removed lines are not in the file`, n);
      if (stated === undefined) {
        if (candidates.length > 1) throw new PatchError('ambiguous', `hunk ${n}: its lines occur at ${candidates.length} places (lines ${candidates.map((c) => c + 1).join(', ')}) and it gives no line number`, n);
        at = candidates[0]!;
      } else {
        const distance = (c: number) => Math.abs(c - stated);
        const best = Math.min(...candidates.map(distance));
        const nearest = candidates.filter((c) => distance(c) === best);
        if (nearest.length > 1) throw new PatchError('ambiguous', `hunk ${n}${where}: its lines occur equally near it at lines ${nearest.map((c) => c + 1).join(' and ')}`, n);
        at = nearest[0]!;
      }
    }
    // Context lines keep the file's own text (a whitespace-insensitive match must not reformat them).
    const replacement: FileLine[] = [];
    let k = at;
    for (const l of h.lines) {
      if (l.kind === ' ') replacement.push(file[k++]!);
      else if (l.kind === '-') k++;
      else replacement.push({ text: l.text, eol: newline });
    }
    const end = at + old.length;
    const touchesEnd = end === file.length;
    for (const r of replacement) if (r.eol === '') r.eol = newline; // a former last line may move up
    file.splice(at, old.length, ...replacement);
    delta += replacement.length - old.length;
    if (touchesEnd) {
      if (h.newNoEol) endsWithEol = false;
      else if (h.oldNoEol) endsWithEol = true;
    }
  });
  if (!file.length) return '';
  for (const l of file) if (l.eol === '') l.eol = newline;
  if (!endsWithEol) file[file.length - 1]!.eol = '';
  return file.map((l) => l.text + l.eol).join('');
}
