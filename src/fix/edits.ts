/**
 * Text edits: what a fix is made of. Offsets are indices into the file's text (UTF-16 code units,
 * as JavaScript strings count), end exclusive; edits of one fix never overlap.
 */
import type { Edit, FindingFix } from '../core/types.ts';
import type { SourceText, SyntaxNode, SyntaxTree } from '../languages/syntax.ts';

export type { Edit, FindingFix };

/** A fix a rule offers for one finding: what it does, in one line, and its edits. */
export interface FixSuggestion {
  description: string;
  edits: Edit[];
}

export class EditError extends Error {}

/** Applies edits to a text; they must not overlap. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at || e.end < e.start || e.end > text.length) throw new EditError(`edits overlap or leave the text (${e.start}–${e.end})`);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Line and column (1-based) of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

/** A fix with line/column positions, found through the source's line table (binary search). */
export function withPositions(source: SourceText, fix: FixSuggestion): FindingFix {
  const pos = (offset: number) => {
    const row = source.rowOf(offset);
    return { line: row + 1, column: offset - source.lineStart(row) + 1 };
  };
  return {
    description: fix.description,
    edits: fix.edits.map((e) => {
      const s = pos(e.start);
      const t = pos(e.end);
      return { ...e, startLine: s.line, startColumn: s.column, endLine: t.line, endColumn: t.column };
    }),
  };
}

// ---- builders rules use

export const replace = (node: SyntaxNode, text: string): Edit => ({ start: node.startIndex, end: node.endIndex, text });
export const insertBefore = (node: SyntaxNode, text: string): Edit => ({ start: node.startIndex, end: node.startIndex, text });
export const insertAfter = (node: SyntaxNode, text: string): Edit => ({ start: node.endIndex, end: node.endIndex, text });

/** Removes a node together with the separator before it (`, verify=False` → ``), for argument lists. */
export function removeArgument(node: SyntaxNode): Edit {
  const text = node.source.text;
  let start = node.startIndex;
  let end = node.endIndex;
  let i = start - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  if (text[i] === ',') start = i;
  else {
    // first argument: take the comma and spaces after it instead
    let j = end;
    while (j < text.length && /\s/.test(text[j]!)) j++;
    if (text[j] === ',') {
      j++;
      while (j < text.length && text[j] === ' ') j++;
      end = j;
    }
  }
  return { start, end, text: '' };
}

/** The indentation of the line a node starts on. */
export function indentOf(node: SyntaxNode): string {
  const text = node.source.text;
  const lineStart = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The last top-level import (else header) node, found once per tree and node types. */
const anchors = new WeakMap<SyntaxTree, Map<string, SyntaxNode | undefined>>();
function importAnchor(tree: SyntaxTree, importTypes: readonly string[], headerTypes: readonly string[]): SyntaxNode | undefined {
  let byTypes = anchors.get(tree);
  if (!byTypes) anchors.set(tree, (byTypes = new Map()));
  const k = `${importTypes.join(',')}|${headerTypes.join(',')}`;
  if (!byTypes.has(k)) {
    const top = tree.root.children;
    byTypes.set(k, top.filter((c) => importTypes.includes(c.type)).at(-1) ?? top.filter((c) => headerTypes.includes(c.type)).at(-1));
  }
  return byTypes.get(k);
}

/** The trimmed lines of a source, computed once per source (a file with thousands of findings asks often). */
const lineSets = new WeakMap<SourceText, Set<string>>();
function linesOf(source: SourceText): Set<string> {
  let set = lineSets.get(source);
  if (!set) lineSets.set(source, (set = new Set(source.text.split('\n').map((l) => l.trim()))));
  return set;
}

/**
 * An edit that adds an import (a whole line such as `import secrets`) after the file's last
 * top-level import, or at its top (after a shebang, encoding line, module docstring, or a
 * `package` clause); nothing when the exact line is already there.
 */
export function addImport(tree: SyntaxTree, line: string, importTypes: readonly string[], headerTypes: readonly string[] = []): Edit | undefined {
  const text = tree.root.source.text;
  if (linesOf(tree.root.source).has(line.trim())) return undefined;
  const anchor = importAnchor(tree, importTypes, headerTypes);
  if (anchor) {
    // Some grammars (C's #include) count the line's newline as part of the node.
    if (text[anchor.endIndex - 1] === '\n') return { start: anchor.endIndex, end: anchor.endIndex, text: `${line}\n` };
    const eol = text.indexOf('\n', anchor.endIndex);
    const at = eol === -1 ? text.length : eol + 1;
    return { start: at, end: at, text: `${eol === -1 ? '\n' : ''}${line}\n` };
  }
  let at = 0;
  while (text.startsWith('#!', at) || /^#.*coding[:=]/.test(text.slice(at, text.indexOf('\n', at)))) at = text.indexOf('\n', at) + 1;
  return { start: at, end: at, text: `${line}\n` };
}

/**
 * Joins the fixes of findings that share a fingerprint group (same rule, scope and sink text;
 * their fingerprints differ only by occurrence number). Fixing one of them alone renumbers the
 * rest, so the gate would see the target "still there"; each gets one fix that repairs the whole
 * group, or none when any member has no fix or the edits overlap. Keys are the caller's group
 * keys; identical edits (a shared import) are kept once.
 */
export function combineGroupFixes<T extends { key: string; fix?: FixSuggestion }>(items: readonly T[], description: (count: number, first: FixSuggestion) => string = (_, f) => f.description): (FixSuggestion | undefined)[] {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const g = groups.get(it.key);
    if (g) g.push(it);
    else groups.set(it.key, [it]);
  }
  const merged = new Map<string, FixSuggestion | undefined>();
  for (const [k, members] of groups) {
    if (members.some((m) => !m.fix)) {
      merged.set(k, undefined);
      continue;
    }
    if (members.length === 1) {
      merged.set(k, members[0]!.fix);
      continue;
    }
    const seen = new Set<string>();
    const edits: Edit[] = [];
    for (const m of members) {
      for (const e of m.fix!.edits) {
        const id = `${e.start}:${e.end}:${e.text}`;
        if (seen.has(id)) continue;
        seen.add(id);
        edits.push(e);
      }
    }
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    const overlap = sorted.some((e, i) => i > 0 && e.start < sorted[i - 1]!.end);
    merged.set(k, overlap ? undefined : { description: description(members.length, members[0]!.fix!), edits });
  }
  return items.map((it) => merged.get(it.key));
}

/**
 * Removes an argument like `removeArgument`, but when it stands alone on its line (`    verify=False,`
 * in a one-argument-per-line call) the whole line goes, so no blank line is left behind.
 */
export function removeArgumentLine(node: SyntaxNode): Edit {
  const text = node.source.text;
  const lineStart = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  const rest = /^,?[ \t]*\n/.exec(text.slice(node.endIndex));
  if (lineStart > 0 && rest && /^[ \t]*$/.test(text.slice(lineStart, node.startIndex))) {
    return { start: lineStart, end: node.endIndex + rest[0].length, text: '' };
  }
  return removeArgument(node);
}
