import { defineRule } from '../../rule.ts';
import { origin } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { TaintResult } from '../../../analysis/taint.ts';
import { parseFormat, unwrap } from '../../../languages/c/adapter.ts';
import { enclosingFunction, libCalls } from '../shared.ts';

/** printf-style output calls: the index of the format argument. */
const PRINTERS: Record<string, number> = { printf: 0, fprintf: 1, dprintf: 1, FCGI_printf: 0, FCGX_FPrintF: 1 };
/** Calls that write a buffer: the index of the buffer argument. */
const WRITERS: Record<string, number> = { puts: 0, fputs: 0, fwrite: 0, write: 1, send: 1, FCGI_puts: 0, FCGX_PutS: 0, SSL_write: 1 };

const TAG = /<\s*\/?\s*[a-zA-Z][a-zA-Z0-9]*[\s>/]|text\/html/;
const CGI_VARS = /^(QUERY_STRING|REQUEST_METHOD|CONTENT_LENGTH|CONTENT_TYPE|PATH_INFO|HTTP_COOKIE|REQUEST_URI)$/;

/** Whether the file (or one function of it) is a CGI program or HTML-producing web handler: it sends a text/html header or reads CGI variables. */
function isWebProgram(ctx: RuleContext, within: SyntaxNode = ctx.model.tree.root): boolean {
  let found = false;
  within.walk((n) => {
    if (found) return false;
    if (n.type === 'string_literal' && /text\/html/i.test(n.text)) found = true;
    return undefined;
  });
  if (found) return true;
  return libCalls(ctx, 'getenv').some((c) => within.contains(c.node) && CGI_VARS.test(String(ctx.value(c.args[0]))));
}

/** Whether a string expression visibly holds HTML markup: a literal with a tag, or a buffer formatted/copied from one. */
function holdsMarkup(ctx: RuleContext, node: SyntaxNode | undefined, depth = 0): boolean {
  const v = ctx.value(node);
  if (typeof v === 'string') return TAG.test(v);
  const n = unwrap(node);
  if (!n || depth > 2) return false;
  if (n.type === 'identifier') {
    for (const d of ctx.model.reachingDefs(n.text, n)?.defs ?? []) {
      let hit = false;
      d.value?.walk((x) => {
        if (hit) return false;
        if (x.type === 'string_literal' && TAG.test(x.text)) hit = true;
        return undefined;
      });
      if (hit) return true;
    }
  }
  return false;
}

/** Whether a value was read from standard input (the request body of a CGI program). */
function fromStdin(ctx: RuleContext, node: SyntaxNode | undefined, depth = 3): boolean {
  const n = unwrap(node);
  if (!n || depth < 0) return false;
  if (n.type !== 'identifier') return false;
  return (ctx.model.reachingDefs(n.text, n)?.defs ?? []).some((d) => {
    if (/\b(stdin|STDIN_FILENO)\b|^(gets|scanf|getchar)\b/.test(d.node.type === 'call_expression' ? d.node.text : '')) return true;
    const v = unwrap(d.value);
    return v?.type === 'identifier' && fromStdin(ctx, v, depth - 1);
  });
}

/** A stream that is not the page: stderr or a log. */
function isDiagnosticStream(node: SyntaxNode | undefined): boolean {
  return !!node && /^(stderr|std::cerr|log\w*|\w*_log|logfile|errfile)$/i.test(node.text);
}

interface Output {
  call: CallSite;
  /** Values written into the page. */
  values: SyntaxNode[];
  /** Whether the written text itself visibly contains HTML markup. */
  markup: boolean;
}

function outputOf(ctx: RuleContext, call: CallSite): Output | null {
  const name = call.callee.replace(/^(std::|::)/, '');
  if (Object.hasOwn(PRINTERS, name)) {
    const fi = PRINTERS[name];
    if (fi === 1 && isDiagnosticStream(call.args[0])) return null;
    const fmt = ctx.value(call.args[fi]);
    if (typeof fmt !== 'string') return null; // non-constant formats belong to the format-string rule
    const values: SyntaxNode[] = [];
    for (const spec of parseFormat(fmt)) {
      if (spec.conv !== 's') continue;
      const a = call.args[fi + 1 + spec.arg];
      if (a) values.push(a);
    }
    const markup = TAG.test(fmt) || values.some((v) => holdsMarkup(ctx, v));
    return values.length ? { call, values, markup } : null;
  }
  if (Object.hasOwn(WRITERS, name)) {
    const bi = WRITERS[name];
    if (name === 'fputs' && isDiagnosticStream(call.args[1])) return null;
    if (name === 'fwrite' && isDiagnosticStream(call.args[3])) return null;
    const buf = call.args[bi];
    if (!buf || typeof ctx.value(buf) === 'string') return null;
    return { call, values: [buf], markup: holdsMarkup(ctx, buf) };
  }
  return null;
}

/** Environment variables the web server or the system sets, not the visitor. */
const SERVER_SET = /^getenv\("(REMOTE_ADDR|REMOTE_PORT|SERVER_(SOFTWARE|PORT|PROTOCOL|ADDR)|GATEWAY_INTERFACE|REQUEST_METHOD|SCRIPT_NAME|DOCUMENT_ROOT|HOME|PATH|PWD|HOSTNAME)"\)$/;

const RANK = { constant: 0, unknown: 1, parameter: 2, local: 3, remote: 4 } as const;

export default defineRule(
  {
    id: 'c/reflected-xss',
    title: 'Untrusted data written into an HTML page by a C CGI program',
    cwe: ['CWE-79'],
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'A CGI program or embedded web server that prints the query string, form fields read from standard input, or stored entries into its HTML output with `printf`, `puts` or `write` lets whoever controls that text add `<script>` elements or event-handler attributes to the page. The script runs in the visitor\'s browser with the site\'s origin, so it can read cookies, act as the user or rewrite the page.',
    remediation:
      'Escape every untrusted value for the HTML context before printing it: replace `&`, `<`, `>`, `"` and `\'` with their entities in a helper (e.g. `html_escape()` or GLib\'s `g_markup_escape_text`), print numbers with `%d` after converting them, and URL-decode form fields before escaping them, never after. Send `Content-Type: text/plain` for output that is not meant to be markup.',
    references: [
      'https://cwe.mitre.org/data/definitions/79.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
      'https://www.rfc-editor.org/rfc/rfc3875',
    ],
    example: {
      bad: 'const char *q = getenv("QUERY_STRING");\nprintf("<p>You searched for %s</p>", q);',
      good: 'char *safe = html_escape(getenv("QUERY_STRING"));\nprintf("<p>You searched for %s</p>", safe);',
    },
    tags: ['xss', 'web', 'cgi'],
  },
  (ctx) => {
    const web = isWebProgram(ctx);
    for (const call of libCalls(ctx, ...Object.keys(PRINTERS), ...Object.keys(WRITERS))) {
      const out = outputOf(ctx, call);
      if (!out || !(out.markup || web)) continue;
      let worst: TaintResult | undefined;
      for (const v of out.values) {
        const t = ctx.taint(v, 'html');
        if (!worst || RANK[t.level] > RANK[worst.level]) worst = t;
      }
      if (!worst) continue;
      const sink = `${out.call.callee.replace(/^(std::|::)/, '')}()`;
      if (worst.level === 'remote') {
        ctx.report(call.node, { message: `${sink} writes ${origin(worst)} into the HTML page without escaping it`, confidence: 'high' });
      } else if (worst.level === 'local' && worst.source?.label !== 'argv' && !SERVER_SET.test(worst.source?.label ?? '') && (out.markup || isWebProgram(ctx, enclosingFunction(call.node)) || (web && out.values.some((v) => fromStdin(ctx, v))))) {
        // In a CGI program standard input is the request body; files hold stored entries.
        ctx.report(call.node, { message: `${sink} writes ${origin(worst)} into the HTML page without escaping it`, confidence: 'medium' });
      } else if (worst.level === 'parameter' && out.markup) {
        ctx.report(call.node, { message: `${sink} writes ${origin(worst)} into HTML markup without escaping it`, confidence: 'medium' });
      }
    }
  },
);
