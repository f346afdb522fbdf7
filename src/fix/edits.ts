/**
 * Text edits: what a fix is made of. Offsets are indices into the file's text (UTF-16 code units,
 * as JavaScript strings count), end exclusive; edits of one fix never overlap.
 */
import type { Edit, FindingFix } from '../core/types.ts';
import type { SyntaxNode, SyntaxTree } from '../languages/syntax.ts';

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

export function withPositions(text: string, fix: FixSuggestion): FindingFix {
  return {
    description: fix.description,
    edits: fix.edits.map((e) => {
      const s = positionOf(text, e.start);
      const t = positionOf(text, e.end);
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

/**
 * An edit that adds an import (a whole line such as `import secrets`) after the file's last
 * top-level import, or at its top (after a shebang, encoding line, module docstring, or a
 * `package` clause); nothing when the exact line is already there.
 */
export function addImport(tree: SyntaxTree, line: string, importTypes: readonly string[], headerTypes: readonly string[] = []): Edit | undefined {
  const text = tree.root.source.text;
  if (text.split('\n').some((l) => l.trim() === line.trim())) return undefined;
  const top = tree.root.children;
  const imports = top.filter((c) => importTypes.includes(c.type));
  const anchor = imports.at(-1) ?? top.filter((c) => headerTypes.includes(c.type)).at(-1);
  if (anchor) {
    const eol = text.indexOf('\n', anchor.endIndex);
    const at = eol === -1 ? text.length : eol + 1;
    return { start: at, end: at, text: `${eol === -1 ? '\n' : ''}${line}\n` };
  }
  let at = 0;
  while (text.startsWith('#!', at) || /^#.*coding[:=]/.test(text.slice(at, text.indexOf('\n', at)))) at = text.indexOf('\n', at) + 1;
  return { start: at, end: at, text: `${line}\n` };
}
