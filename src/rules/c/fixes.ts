/**
 * Helpers for the C/C++ fix templates: which buffers `sizeof` measures exactly, and the headers a
 * rewrite needs.
 */
import type { Edit } from '../../fix/edits.ts';
import type { SyntaxNode } from '../../languages/syntax.ts';
import type { RuleContext } from '../context.ts';
import { declarationOf } from '../../languages/c/adapter.ts';

/**
 * The `char` array a destination names, when `sizeof name` at that spot is its size in bytes: a
 * local or file-scope one-dimensional array declared before the use. Parameters (which decay to
 * pointers), pointers, arrays of other types and anything reached through an expression give null.
 */
export function sizedCharArray(ctx: RuleContext, node: SyntaxNode | null | undefined): string | null {
  if (node?.type !== 'identifier') return null;
  const decl = declarationOf(ctx.model, node);
  if (!decl) return memberCharArray(node) ? node.text : null;
  if (!decl.array || decl.param || decl.pointer || decl.type !== 'char') return null;
  const declarator = decl.node.type === 'init_declarator' ? decl.node.child('declarator') : decl.node;
  if (declarator?.type !== 'array_declarator' || declarator.child('declarator')?.type !== 'identifier') return null;
  return node.text;
}

/**
 * Whether an undeclared name, used in a method defined inside its class body, is a `char` array
 * member of that class (`char token_[40];`), which `sizeof token_` measures there too.
 */
function memberCharArray(node: SyntaxNode): boolean {
  const fn = node.ancestor('function_definition');
  const body = fn?.parent;
  if (body?.type !== 'field_declaration_list') return false;
  return body.namedChildren.some((f) => {
    if (f.type !== 'field_declaration' || f.child('type')?.text !== 'char' || f.namedChildren.some((c) => c.type === 'storage_class_specifier')) return false;
    return f.children.some((d) => d.field === 'declarator' && d.type === 'array_declarator' && d.child('declarator')?.type === 'field_identifier' && d.child('declarator')!.text === node.text);
  });
}

const HEADERS: Record<string, { c: string; cpp: string; also: string[] }> = {
  string: { c: 'string.h', cpp: 'cstring', also: ['string.h', 'cstring'] },
  stdio: { c: 'stdio.h', cpp: 'cstdio', also: ['stdio.h', 'cstdio'] },
};

/**
 * An edit that includes a standard header (`<string.h>`, or `<cstring>` in C++) after the file's
 * last top-level `#include`, or at its top; nothing when either spelling is already included.
 */
export function includeHeader(ctx: RuleContext, header: 'string' | 'stdio'): Edit | undefined {
  const h = HEADERS[header]!;
  const tree = ctx.model.tree;
  const text = tree.root.source.text;
  const included = new RegExp(`^\\s*#\\s*include\\s*<(${h.also.map((a) => a.replace('.', '\\.')).join('|')})>`, 'm');
  if (included.test(text)) return undefined;
  const line = `#include <${ctx.language === 'cpp' ? h.cpp : h.c}>\n`;
  const last = tree.root.children.filter((c) => c.type === 'preproc_include').at(-1);
  if (!last) return { start: 0, end: 0, text: line };
  // The grammar counts the include's newline as part of it.
  if (text[last.endIndex - 1] === '\n') return { start: last.endIndex, end: last.endIndex, text: line };
  const eol = text.indexOf('\n', last.endIndex);
  if (eol === -1) return { start: text.length, end: text.length, text: `\n${line}` };
  return { start: eol + 1, end: eol + 1, text: line };
}

/** The element count of a `char` array (as `sizedCharArray` accepts) when its declaration writes it as a number (`char name[32]`). */
export function literalArraySize(ctx: RuleContext, node: SyntaxNode | null | undefined): number | null {
  if (!sizedCharArray(ctx, node)) return null;
  const size = declarationOf(ctx.model, node)?.arraySize;
  if (size?.type !== 'number_literal' || !/^[1-9]\d*$/.test(size.text)) return null;
  return Number(size.text);
}
