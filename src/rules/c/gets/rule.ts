import { defineRule } from '../../rule.ts';
import { libCalls } from '../shared.ts';
import { includeHeader, sizedCharArray } from '../fixes.ts';
import { indentOf, replace, type Edit, type FixSuggestion } from '../../../fix/edits.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { RuleContext } from '../../context.ts';

const LOOPS_AND_IFS = new Set(['while_statement', 'if_statement']);

/**
 * `gets(buf)` → `fgets(buf, sizeof buf, stdin)` with the newline fgets keeps stripped again, for a
 * `char` array declared in scope. Two shapes: a statement of its own (`gets(buf);`, `(void)gets(buf);`)
 * becomes one guarded statement, so it still fits under a brace-less `if`; the condition of a
 * `while`/`if` with a braced body (`while (gets(buf) != NULL) {`) strips at the top of the body,
 * which runs exactly when a line was read. Other uses of the result get no fix.
 */
function fgetsFix(ctx: RuleContext, call: CallSite): FixSuggestion | undefined {
  if (call.callee !== 'gets' && call.callee !== 'std::gets') return undefined;
  const buf = sizedCharArray(ctx, call.args[0]);
  if (!buf) return undefined;
  const std = call.callee === 'std::gets' ? 'std::' : '';
  const fgets = `${std}fgets(${buf}, sizeof ${buf}, stdin)`;
  const strip = `${buf}[${std}strcspn(${buf}, "\\n")] = '\\0';`;
  const description = 'read with fgets, bounded by the buffer size, and strip the newline it keeps';
  const header = includeHeader(ctx, 'string');
  const withHeader = (edits: Edit[]): FixSuggestion => ({ description, edits: header ? [header, ...edits] : edits });
  let up: SyntaxNode | null = call.node.parent;
  if (up?.type === 'cast_expression' && up.child('type')?.text === 'void') up = up.parent;
  if (up?.type === 'expression_statement') return withHeader([replace(up, `if (${fgets}) ${strip}`)]);
  // while (gets(buf)), while (gets(buf) != NULL)
  let cond: SyntaxNode | null = call.node.parent;
  if (cond?.type === 'binary_expression' && cond.operator === '!=' && cond.child('left')?.id === call.node.id && /^(NULL|0|nullptr)$/.test(cond.child('right')?.text ?? '')) cond = cond.parent;
  const stmt = cond?.parent;
  if (!cond || !stmt || !LOOPS_AND_IFS.has(stmt.type) || cond.field !== 'condition' || (cond.type !== 'parenthesized_expression' && cond.type !== 'condition_clause')) return undefined;
  const body = stmt.child(stmt.type === 'while_statement' ? 'body' : 'consequence');
  if (body?.type !== 'compound_statement') return undefined;
  const first = body.namedChildren[0];
  const inner = first && ctx.model.tree.root.source.text.slice(body.startIndex, first.startIndex).includes('\n') ? indentOf(first) : `${indentOf(stmt)}    `;
  const open = body.startIndex + 1;
  return withHeader([replace(call.node, fgets), { start: open, end: open, text: `\n${inner}${strip}` }]);
}

export default defineRule(
  {
    id: 'c/gets',
    title: 'gets() reads input with no size limit',
    cwe: ['CWE-242', 'CWE-120', 'CWE-787'],
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      '`gets` reads a line of any length into the buffer it is given and cannot be told the buffer size, so every call overflows on a long enough line. It was removed from C11 and C++14 for that reason; no use of it is safe.',
    remediation:
      'Use `fgets(buf, sizeof buf, stdin)` and strip the newline (`buf[strcspn(buf, "\\n")] = 0`), `getline()` for lines of any length, or `std::getline(std::cin, s)` in C++.',
    references: ['https://cwe.mitre.org/data/definitions/242.html', 'https://wiki.sei.cmu.edu/confluence/display/c/MSC24-C.+Do+not+use+deprecated+or+obsolescent+functions'],
    example: {
      bad: 'char name[32];\ngets(name);',
      good: 'char name[32];\nif (fgets(name, sizeof name, stdin)) name[strcspn(name, "\\n")] = 0;',
    },
    tags: ['memory', 'dangerous-function'],
  },
  (ctx) => {
    for (const call of libCalls(ctx, 'gets', '_getws', '_getts')) {
      // A project's own function named gets with a size parameter is not the C library one.
      if (call.args.length !== 1) continue;
      const defined = ctx.model.reachingDefs('gets', call.node)?.defs.some((d) => d.kind === 'function');
      if (defined) continue;
      const fix = fgetsFix(ctx, call);
      ctx.report(call.node, { message: `${call.callee.replace(/^(std::|::)/, '')}() cannot limit how much it writes into '${call.args[0].text}'; use fgets()`, ...(fix ? { fix } : {}) });
    }
  },
);
