import { defineRule } from '../../rule.ts';
import { confidenceOf, origin } from '../../helpers.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { RuleContext } from '../../context.ts';
import { libCalls } from '../shared.ts';
import { unwrap } from '../../../languages/c/adapter.ts';
import { insertBefore, type FixSuggestion } from '../../../fix/edits.ts';

/** printf-family functions and the index of their format argument. */
const FORMAT_ARG: Record<string, number> = {
  printf: 0, wprintf: 0, vprintf: 0, fprintf: 1, fwprintf: 1, vfprintf: 1, dprintf: 1, vdprintf: 1, sprintf: 1,
  vsprintf: 1, snprintf: 2, vsnprintf: 2, swprintf: 2, asprintf: 1, vasprintf: 1, syslog: 1, vsyslog: 1, err: 1, errx: 1,
  warn: 0, warnx: 0, printw: 0, mvprintw: 2, wprintw: 1,
};

/** Whether the format is a parameter of a printf-like wrapper (variadic or taking a va_list), which forwards it by design. */
function forwardedFormat(ctx: RuleContext, call: CallSite, fmt: SyntaxNode): boolean {
  const n = unwrap(fmt);
  if (n?.type !== 'identifier') return false;
  const found = ctx.model.reachingDefs(n.text, n);
  if (!found?.param || found.defs.length) return false;
  const params = found.scope.node.child('declarator')?.text ?? '';
  return /\.\.\.|\bva_list\b/.test(params) || /^v/.test(call.callee.replace(/^std::/, ''));
}

/** Functions whose format is narrow and whose data follow it: `printf(s)` → `printf("%s", s)` prints the same text. */
const LITERAL_FORMAT_FIXABLE = new Set(['printf', 'fprintf', 'dprintf', 'sprintf', 'snprintf', 'asprintf', 'syslog', 'err', 'errx', 'warn', 'warnx', 'printw', 'mvprintw', 'wprintw']);

/**
 * `printf(s)` → `printf("%s", s)`, only when the format is the last argument: with arguments after
 * it the format is meant to format them, and no mechanical rewrite keeps that. The `v` forms take a
 * va_list and the wide forms need `L"%ls"`, so they are left alone.
 */
function literalFormatFix(name: string, call: CallSite, fmt: SyntaxNode): FixSuggestion | undefined {
  if (!LITERAL_FORMAT_FIXABLE.has(name) || call.args[call.args.length - 1] !== fmt) return undefined;
  return { description: `pass the text as an argument to a literal "%s" format`, edits: [insertBefore(fmt, '"%s", ')] };
}

export default defineRule(
  {
    id: 'c/format-string',
    title: 'Format string taken from a non-constant value',
    cwe: ['CWE-134'],
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'printf-style functions interpret `%` directives in their format argument. When the format is data from the command line, a file, the environment or the network, `%s` and `%x` read the stack and arbitrary memory and `%n` writes to it, which turns a logging call into an information leak or arbitrary code execution.',
    remediation:
      'Always pass a literal format and the data as an argument: `printf("%s", msg)`, `fprintf(stderr, "%s\\n", msg)`, `syslog(LOG_INFO, "%s", msg)`, or use `fputs`/`puts` for plain text.',
    references: ['https://cwe.mitre.org/data/definitions/134.html', 'https://wiki.sei.cmu.edu/confluence/display/c/FIO30-C.+Exclude+user+input+from+format+strings'],
    example: {
      bad: 'fgets(buf, sizeof buf, stdin);\nprintf(buf);',
      good: 'fgets(buf, sizeof buf, stdin);\nprintf("%s", buf);',
    },
    tags: ['injection', 'memory'],
  },
  (ctx) => {
    for (const call of libCalls(ctx, ...Object.keys(FORMAT_ARG))) {
      const name = call.callee.replace(/^(std::|::)/, '');
      const fmt = call.args[FORMAT_ARG[name]];
      if (!fmt || ctx.value(fmt) !== undefined) continue;
      const t = ctx.taint(fmt);
      if (t.level === 'constant' || t.sanitized) continue;
      if (t.level === 'remote' || t.level === 'local' || t.level === 'parameter') {
        if (t.level === 'parameter' && forwardedFormat(ctx, call, fmt)) continue;
        const fix = literalFormatFix(name, call, fmt);
        ctx.report(fmt, { message: `The format string of ${name}() comes from ${origin(t)}; pass it as an argument to a literal "%s" format`, confidence: confidenceOf(t), ...(fix ? { fix } : {}) });
      } else if (t.built) {
        const fix = literalFormatFix(name, call, fmt);
        ctx.report(fmt, { message: `The format string of ${name}() is assembled at run time; pass the data as an argument to a literal format`, confidence: 'medium', ...(fix ? { fix } : {}) });
      }
    }
  },
);
