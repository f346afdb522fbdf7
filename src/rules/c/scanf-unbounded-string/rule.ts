import { defineRule } from '../../rule.ts';
import { capacityOf, libCalls, maxLength } from '../shared.ts';
import { parseFormat, type FormatSpec } from '../../../languages/c/adapter.ts';
import { overflowCwes } from '../unbounded-copy/rule.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { RuleContext } from '../../context.ts';
import type { FixSuggestion } from '../../../fix/edits.ts';
import { literalArraySize } from '../fixes.ts';

/** A scanf conversion as the regex of `parseFormat` finds it, with its offset. */
const CONVERSION = /%(\*)?(\d+)?(hh|h|ll|l|L|j|z|t|m)?(\[\^?\]?[^\]]*\]|[a-zA-Z%])/g;

/**
 * `scanf("%s", name)` with `char name[32]` → `scanf("%31s", name)`: the width is the declared size
 * less the terminator. Only for a plain narrow literal whose source text holds the same
 * conversions as its value (no escapes that make a `%`), and a conversion with no length modifier.
 */
function widthFix(ctx: RuleContext, fmtNode: SyntaxNode, spec: FormatSpec, dst: SyntaxNode): FixSuggestion | undefined {
  const size = literalArraySize(ctx, dst);
  if (size === null || size < 2 || fmtNode.type !== 'string_literal' || !fmtNode.text.startsWith('"') || !/^%(s|\[)/.test(spec.text)) return undefined;
  const raw = fmtNode.text.slice(1, -1);
  const value = ctx.value(fmtNode);
  const same = (a: FormatSpec[], b: FormatSpec[]) => a.length === b.length && a.every((x, i) => x.conv === b[i]!.conv && x.width === b[i]!.width && x.arg === b[i]!.arg && /^%[s[]/.test(x.text) === /^%[s[]/.test(b[i]!.text));
  if (typeof value !== 'string' || !same(parseFormat(raw, true), parseFormat(value, true))) return undefined;
  let arg = 0;
  for (const m of raw.matchAll(CONVERSION)) {
    if (m[4] === '%') continue;
    if (m[1] === '*') continue;
    if (arg++ !== spec.arg) continue;
    if (!/^%(s|\[)/.test(m[0])) return undefined;
    const at = fmtNode.startIndex + 1 + m.index! + 1;
    return { description: `limit ${m[0]} to ${size - 1} characters, the size of '${dst.text}' less its terminator`, edits: [{ start: at, end: at, text: String(size - 1) }] };
  }
  return undefined;
}

/** scanf-family functions and the index of their format argument. */
const FORMAT_ARG: Record<string, number> = { scanf: 0, wscanf: 0, vscanf: 0, fscanf: 1, fwscanf: 1, vfscanf: 1, sscanf: 1, swscanf: 1, vsscanf: 1 };

export default defineRule(
  {
    id: 'c/scanf-unbounded-string',
    title: 'scanf %s or %[ without a field width',
    cwe: ['CWE-120', 'CWE-787'],
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'The `%s` and `%[` conversions of `scanf`, `fscanf` and `sscanf` store characters until whitespace (or the end of the set) with no regard for the size of the destination. A long word on standard input, in a file or in the parsed string overflows the buffer, exactly like `gets`.',
    remediation:
      'Give every `%s` and `%[` a width one less than the buffer size (`char name[32]; scanf("%31s", name);`), or read the line with `fgets` and parse it; POSIX `%ms` allocates a buffer of the right size.',
    references: ['https://cwe.mitre.org/data/definitions/120.html', 'https://wiki.sei.cmu.edu/confluence/display/c/STR31-C.+Guarantee+that+storage+for+strings+has+sufficient+space+for+character+data+and+the+null+terminator'],
    example: {
      bad: 'char name[32];\nscanf("%s", name);',
      good: 'char name[32];\nscanf("%31s", name);',
    },
    tags: ['memory'],
  },
  (ctx) => {
    for (const call of libCalls(ctx, ...Object.keys(FORMAT_ARG))) {
      const name = call.callee.replace(/^(std::|::)/, '');
      const fi = FORMAT_ARG[name];
      const fmt = ctx.value(call.args[fi]);
      if (typeof fmt !== 'string') continue;
      const outputs = call.args.slice(fi + 1);
      // One call's findings share a location, so a fix must bound every conversion they name at once.
      const reports: { message: string; cwe: string[]; fix?: FixSuggestion }[] = [];
      for (const spec of parseFormat(fmt, true)) {
        if ((spec.conv !== 's' && spec.conv !== '[') || spec.arg < 0 || /%\*?\d*m/.test(spec.text)) continue;
        const dst = outputs[spec.arg];
        if (!dst) continue;
        const cap = capacityOf(ctx, dst);
        if (spec.width !== null) {
          if (typeof spec.width === 'number' && cap.size !== null && spec.width + 1 > cap.size) {
            reports.push({ message: `${spec.text} stores up to ${spec.width + 1} bytes into '${dst.text}', which holds ${cap.size}`, cwe: overflowCwes(cap) });
          }
          continue;
        }
        // sscanf from a string that cannot be longer than the destination is bounded by that string.
        if (name === 'sscanf' || name === 'swscanf') {
          const len = maxLength(ctx, call.args[0]);
          if (len !== null && cap.size !== null && len + 1 <= cap.size) continue;
        }
        const fix = /^(scanf|fscanf|sscanf)$/.test(name) ? widthFix(ctx, call.args[fi]!, spec, dst) : undefined;
        reports.push({ message: `${name}() reads ${spec.text} into '${dst.text}' without a field width, so input longer than the buffer overflows it`, cwe: overflowCwes(cap), ...(fix ? { fix } : {}) });
      }
      const fixes = reports.map((r) => r.fix).filter((f) => f !== undefined);
      const all: FixSuggestion | undefined =
        fixes.length && fixes.length === reports.length
          ? { description: fixes.length === 1 ? fixes[0]!.description : 'give each %s a width of its buffer size less the terminator', edits: fixes.flatMap((f) => f.edits) }
          : undefined;
      for (const r of reports) ctx.report(call.node, { message: r.message, cwe: r.cwe, ...(all ? { fix: all } : {}) });
    }
  },
);
