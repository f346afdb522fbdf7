import { defineRule } from '../../rule.ts';
import { confidenceOf, origin } from '../../helpers.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { RuleContext } from '../../context.ts';
import { capacityOf, lengthChecked, libCalls, maxLength, type Capacity } from '../shared.ts';
import { unwrap } from '../../../languages/c/adapter.ts';
import type { CallSite } from '../../../analysis/model.ts';
import { insertAfter, replace, type Edit, type FixSuggestion } from '../../../fix/edits.ts';
import { includeHeader, sizedCharArray } from '../fixes.ts';

/** CWE ids by where the destination lives. */
export function overflowCwes(cap: Capacity): string[] {
  if (cap.kind === 'stack') return ['CWE-120', 'CWE-121', 'CWE-787'];
  if (cap.kind === 'heap') return ['CWE-120', 'CWE-122', 'CWE-787'];
  return ['CWE-120', 'CWE-787'];
}

/** Whether a heap destination was sized from the source's own length (`malloc(strlen(src) + 1)`). */
function sizedFrom(ctx: RuleContext, cap: Capacity, src: SyntaxNode): boolean {
  if (cap.kind !== 'heap' || !cap.expr) return false;
  const s = unwrap(src)?.text.replace(/\s+/g, '') ?? '';
  const e = cap.expr.text.replace(/\s+/g, '');
  if (s && (e.includes(`strlen(${s})`) || e.includes(`${s}.size()`) || e.includes(`${s}.length()`))) return true;
  // len = strlen(src); p = malloc(len + 1);
  let hit = false;
  cap.expr.walk((n) => {
    if (n.type !== 'identifier') return undefined;
    const d = ctx.model.reachingDefs(n.text, n)?.defs[0];
    if (d?.value && d.value.text.replace(/\s+/g, '').includes(`strlen(${s})`)) hit = true;
    return false;
  });
  return hit;
}

/**
 * Bounded forms for a `char` array destination whose size `sizeof` gives: `strcpy(dst, src)` →
 * `snprintf(dst, sizeof dst, "%s", src)` when its result is unused (snprintf returns a count, not
 * `dst`), and `strcat(dst, src)` → `strncat(dst, src, sizeof dst - strlen(dst) - 1)` anywhere (both
 * return `dst`). Both truncate where the original overflowed and always terminate.
 */
function boundedCopyFix(ctx: RuleContext, call: CallSite): FixSuggestion | undefined {
  const plain = call.callee.replace(/^std::/, '');
  const std = call.callee.startsWith('std::') ? 'std::' : '';
  const [dst, src] = call.args;
  const buf = sizedCharArray(ctx, dst);
  if (!buf || !src || call.args.length !== 2) return undefined;
  const fn = call.node.child('function');
  if (!fn) return undefined;
  if (plain === 'strcpy') {
    if (call.node.parent?.type !== 'expression_statement') return undefined;
    const header = includeHeader(ctx, 'stdio');
    const edits: Edit[] = [replace(fn, `${std}snprintf`), insertAfter(dst!, `, sizeof ${buf}, "%s"`)];
    return { description: `copy with snprintf, bounded by the size of '${buf}'`, edits: header ? [header, ...edits] : edits };
  }
  if (plain === 'strcat') {
    return { description: `append with strncat, bounded by the space left in '${buf}'`, edits: [replace(fn, `${std}strncat`), insertAfter(src, `, sizeof ${buf} - ${std}strlen(${buf}) - 1`)] };
  }
  return undefined;
}

export default defineRule(
  {
    id: 'c/unbounded-copy',
    title: 'String copied into a buffer without a size limit',
    cwe: ['CWE-120', 'CWE-787'],
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      '`strcpy`, `strcat`, `stpcpy` and `wcscpy` copy until the terminating NUL, whatever the size of the destination. When the source is longer than the buffer — a command-line argument, an environment variable, a line read from a file or socket — the copy writes past its end, corrupting the stack or heap and often giving the attacker control of execution.',
    remediation:
      'Check the length first (`if (strlen(src) >= sizeof dst) return -1;`), or use a bounded call that always terminates: `snprintf(dst, sizeof dst, "%s", src)`, `strlcpy`/`strlcat` where available, or `std::string` in C++. For heap copies, allocate `strlen(src) + 1` bytes (or use `strdup`).',
    references: ['https://cwe.mitre.org/data/definitions/120.html', 'https://wiki.sei.cmu.edu/confluence/display/c/STR31-C.+Guarantee+that+storage+for+strings+has+sufficient+space+for+character+data+and+the+null+terminator'],
    example: {
      bad: 'char name[32];\nstrcpy(name, argv[1]);',
      good: 'char name[32];\nsnprintf(name, sizeof name, "%s", argv[1]);',
    },
    tags: ['memory'],
  },
  (ctx) => {
    for (const call of libCalls(ctx, 'strcpy', 'strcat', 'stpcpy', 'wcscpy', 'wcscat', 'lstrcpy', 'lstrcat', 'lstrcpyA', 'lstrcatA', 'StrCpy', 'StrCat', '_mbscpy', '_tcscpy', '_tcscat')) {
      const [dst, src] = call.args;
      if (!dst || !src) continue;
      const name = call.callee.replace(/^(std::|::)/, '');
      const append = /cat/i.test(name);
      const fixed = boundedCopyFix(ctx, call);
      const fix = fixed ? { fix: fixed } : {};
      const cap = capacityOf(ctx, dst);
      const len = maxLength(ctx, src);
      const constant = typeof ctx.value(src) === 'string';
      if (len !== null) {
        // A constant (or an array of known size) that provably fits is fine; one that provably does not is reported.
        if (cap.size !== null && len + 1 > cap.size) {
          ctx.report(call.node, { message: `${name}() copies up to ${len + 1} bytes into '${dst.text}', which holds ${cap.size}`, cwe: overflowCwes(cap), ...fix });
        }
        continue;
      }
      if (constant || sizedFrom(ctx, cap, src)) continue;
      const s = unwrap(src)?.text ?? src.text;
      const base = s.replace(/\s+/g, '').replace(/(\.|->)(c_str|data)\(\)$/, '');
      if (lengthChecked(ctx, call.node, [`strlen(${s})`, `strlen(${base})`, `${base}.size()`, `${base}.length()`])) continue;
      const t = ctx.taint(src);
      if (t.level === 'remote' || t.level === 'local') {
        ctx.report(call.node, { message: `${name}() copies ${origin(t)} into '${dst.text}' without checking its length`, confidence: confidenceOf(t), cwe: overflowCwes(cap), ...fix });
      } else if (cap.size !== null && !append && t.level === 'parameter') {
        ctx.report(call.node, { message: `${name}() copies ${origin(t)} of unchecked length into the ${cap.size}-byte buffer '${dst.text}'`, confidence: 'medium', cwe: overflowCwes(cap), ...fix });
      } else if (cap.size !== null && append && t.level === 'parameter') {
        ctx.report(call.node, { message: `${name}() appends ${origin(t)} to the ${cap.size}-byte buffer '${dst.text}' without checking the remaining space`, confidence: 'medium', cwe: overflowCwes(cap), ...fix });
      }
    }
  },
);
