import { defineRule } from '../../rule.ts';
import { confidenceOf, origin } from '../../helpers.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { RuleContext } from '../../context.ts';
import { capacityOf, lengthChecked, libCalls, maxLength } from '../shared.ts';
import { parseFormat, unwrap, type FormatSpec } from '../../../languages/c/adapter.ts';
import { overflowCwes } from '../unbounded-copy/rule.ts';
import type { CallSite } from '../../../analysis/model.ts';
import { insertAfter, replace, type FixSuggestion } from '../../../fix/edits.ts';
import { sizedCharArray } from '../fixes.ts';

/**
 * `sprintf(buf, fmt, ...)` → `snprintf(buf, sizeof buf, fmt, ...)` (and `vsprintf` → `vsnprintf`)
 * for a `char` array destination whose size `sizeof` gives. Both return the length of the whole
 * formatted text, so the result means the same wherever the output fits.
 */
function snprintfFix(ctx: RuleContext, call: CallSite): FixSuggestion | undefined {
  const plain = call.callee.replace(/^std::/, '');
  if (plain !== 'sprintf' && plain !== 'vsprintf') return undefined;
  const fn = call.node.child('function');
  const dst = call.args[0];
  const buf = sizedCharArray(ctx, dst);
  if (!fn || !dst || !buf) return undefined;
  const bounded = `${call.callee.startsWith('std::') ? 'std::' : ''}${plain.replace('sprintf', 'snprintf')}`;
  return { description: `format with ${bounded.replace('std::', '')}, bounded by the size of '${buf}'`, edits: [replace(fn, bounded), insertAfter(dst, `, sizeof ${buf}`)] };
}

/** The widest output of one numeric conversion. */
function numericWidth(spec: FormatSpec): number | null {
  const long = /l|j|z|t|q/.test(spec.text);
  switch (spec.conv) {
    case 'd':
    case 'i':
      return long ? 20 : 11;
    case 'u':
      return long ? 20 : 10;
    case 'x':
    case 'X':
      return long ? 16 : 8;
    case 'o':
      return long ? 22 : 11;
    case 'c':
      return 1;
    case 'p':
      return 18;
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
      return 24 + (typeof spec.precision === 'number' ? spec.precision : 0);
    case 'f':
    case 'F':
      // %f of a large double prints every integer digit.
      return 317 + (typeof spec.precision === 'number' ? spec.precision : 6);
    default:
      return null;
  }
}

interface Bound {
  /** Maximum bytes written including the terminator, or null when unbounded. */
  max: number | null;
  /** The `%s` argument that makes it unbounded. */
  culprit?: SyntaxNode;
}

function bound(ctx: RuleContext, fmt: string, args: SyntaxNode[], at: SyntaxNode): Bound {
  let total = fmt.replace(/%%/g, '%').length + 1;
  for (const spec of parseFormat(fmt)) {
    total -= spec.text.length;
    const width = typeof spec.width === 'number' ? spec.width : 0;
    if (spec.width === '*' || spec.precision === '*') return { max: null };
    if (spec.conv === 's') {
      const a = args[spec.arg];
      if (typeof spec.precision === 'number') {
        total += Math.max(width, spec.precision);
        continue;
      }
      const len = maxLength(ctx, a);
      if (len === null) {
        const s = unwrap(a)?.text ?? '';
        const base = s.replace(/\s+/g, '').replace(/(\.|->)(c_str|data)\(\)$/, '');
        if (a && lengthChecked(ctx, at, [`strlen(${s})`, `${base}.size()`, `${base}.length()`])) continue;
        return { max: null, culprit: a };
      }
      total += Math.max(width, len);
      continue;
    }
    const w = numericWidth(spec);
    if (w === null) return { max: null };
    total += Math.max(width, w);
  }
  return { max: total };
}

export default defineRule(
  {
    id: 'c/unbounded-sprintf',
    title: 'sprintf output not bounded by the destination size',
    cwe: ['CWE-120', 'CWE-787'],
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      '`sprintf` and `vsprintf` write as many bytes as the formatted text needs. A `%s` of a string whose length is not checked — an argument, a line of input, a file name — or numbers wider than planned overrun a fixed buffer and corrupt the stack or heap.',
    remediation:
      'Use `snprintf(buf, sizeof buf, ...)` (or `vsnprintf`) and check its result for truncation, or limit each `%s` with a precision (`%.63s`). In C++ prefer `std::string` with `std::format` or streams.',
    references: ['https://cwe.mitre.org/data/definitions/120.html', 'https://wiki.sei.cmu.edu/confluence/display/c/STR31-C.+Guarantee+that+storage+for+strings+has+sufficient+space+for+character+data+and+the+null+terminator'],
    example: {
      bad: 'char msg[64];\nsprintf(msg, "Hello, %s!", name);',
      good: 'char msg[64];\nsnprintf(msg, sizeof msg, "Hello, %s!", name);',
    },
    tags: ['memory'],
  },
  (ctx) => {
    for (const call of libCalls(ctx, 'sprintf', 'vsprintf', 'wsprintf', 'wsprintfA', '_stprintf')) {
      const name = call.callee.replace(/^(std::|::)/, '');
      const [dst, fmtNode] = call.args;
      if (!dst || !fmtNode) continue;
      const cap = capacityOf(ctx, dst);
      const fmt = ctx.value(fmtNode);
      const fixed = snprintfFix(ctx, call);
      const fix = fixed ? { fix: fixed } : {};
      if (name === 'vsprintf') {
        if (cap.size !== null) ctx.report(call.node, { message: `vsprintf() writes a formatted string of unknown length into the ${cap.size}-byte buffer '${dst.text}'`, confidence: 'medium', cwe: overflowCwes(cap), ...fix });
        continue;
      }
      if (typeof fmt !== 'string') {
        if (cap.size !== null) ctx.report(call.node, { message: `${name}() writes with a non-constant format into the ${cap.size}-byte buffer '${dst.text}'`, confidence: 'medium', cwe: overflowCwes(cap), ...fix });
        continue;
      }
      const b = bound(ctx, fmt, call.args.slice(2), call.node);
      if (b.max !== null) {
        if (cap.size !== null && b.max > cap.size) {
          ctx.report(call.node, { message: `${name}() can write ${b.max} bytes into '${dst.text}', which holds ${cap.size}`, confidence: 'medium', cwe: overflowCwes(cap), ...fix });
        }
        continue;
      }
      if (!b.culprit) continue;
      const t = ctx.taint(b.culprit);
      if (t.level === 'remote' || t.level === 'local') {
        ctx.report(call.node, { message: `${name}() formats ${origin(t)} into '${dst.text}' without a length limit`, confidence: confidenceOf(t), cwe: overflowCwes(cap), ...fix });
      } else if (cap.size !== null && (t.level === 'parameter' || t.level === 'unknown')) {
        ctx.report(call.node, { message: `${name}() formats a string of unchecked length ('${b.culprit.text}') into the ${cap.size}-byte buffer '${dst.text}'`, confidence: t.level === 'parameter' ? 'medium' : 'low', cwe: overflowCwes(cap), ...fix });
      }
    }
  },
);
