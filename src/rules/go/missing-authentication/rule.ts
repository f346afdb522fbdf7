import { defineRule } from '../../rule.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { AUTH_NAME, AUTH_IN_BODY, DESTRUCTIVE_CALL, DESTRUCTIVE_TEXT, codeText, criticalPath } from '../../common/auth.ts';

/** Route registrations of net/http, gorilla/mux, chi, gin and echo. */
const REGISTER = new Set(['HandleFunc', 'Handle', 'Get', 'Post', 'Put', 'Delete', 'Patch', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'Any', 'Method', 'MethodFunc']);
const WRITE_REGISTER = new Set(['Post', 'Put', 'Delete', 'Patch', 'POST', 'PUT', 'DELETE', 'PATCH']);
/** Wrappers that only adapt a handler; anything else around a handler is taken to be middleware that may authenticate. */
const ADAPTERS = /^(http\.)?(HandlerFunc|StripPrefix|TimeoutHandler|MaxBytesHandler|AllowQuerySemicolons)$|^(gzip|handlers\.Compress|handlers\.Logging|handlers\.CORS|otelhttp\.NewHandler|promhttp\.\w+|pprof\.\w+|expvar\.\w+)/;
const DEBUG_HANDLER = /^(pprof\.(Index|Profile|Symbol|Trace|Cmdline|Handler)|expvar\.Handler)\b/;
const LOOPBACK = /^"(localhost|127\.0\.0\.1|\[::1\]|::1):/;
const WRITE_CHECK = /Method(Post|Put|Delete|Patch)\b|"(POST|PUT|DELETE|PATCH)"/;

function goFunctions(ctx: RuleContext): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const f of ctx.model.tree.root.descendants(new Set(['function_declaration', 'method_declaration']))) {
    const name = f.child('name')?.text;
    if (name) out.set(name, f);
  }
  return out;
}

/** The body of the handler a registration names: a function literal, a function of this file (`h`, `s.purge`), or a closure returned by one. */
function handlerBody(ctx: RuleContext, arg: SyntaxNode, funcs: Map<string, SyntaxNode>): SyntaxNode | null {
  if (arg.type === 'func_literal') return arg.child('body');
  if (arg.type === 'identifier') {
    const f = funcs.get(arg.text);
    if (f) return f.child('body');
    for (const d of ctx.model.reachingDefs(arg.text, arg)?.defs ?? []) if (d.value?.type === 'func_literal') return d.value.child('body');
    return null;
  }
  if (arg.type === 'selector_expression') {
    const f = funcs.get(arg.child('field')?.text ?? '');
    return f?.child('body') ?? null;
  }
  // http.HandlerFunc(fn), or a constructor of this file returning a handler: purgeHandler(cache)
  if (arg.type === 'call_expression') {
    const fn = arg.child('function');
    if (fn && /^(http\.)?HandlerFunc$/.test(fn.text)) {
      const inner = arg.child('arguments')?.namedChildren[0];
      return inner ? handlerBody(ctx, inner, funcs) : null;
    }
    const f = fn ? funcs.get(fn.text.split('.').pop() ?? '') : undefined;
    return f?.child('body') ?? null;
  }
  return null;
}

function destructive(ctx: RuleContext, body: SyntaxNode): boolean {
  for (const c of ctx.model.calls) {
    if (!body.contains(c.node)) continue;
    // w.Header().Set, w.Write: answering the request is not an action.
    if (c.receiver && /^(w|rw|resp|res|writer)\b|Header\(\)$/.test(c.receiver.text)) continue;
    if (DESTRUCTIVE_CALL.test(c.name)) return true;
  }
  return DESTRUCTIVE_TEXT.test(codeText(body));
}

export default defineRule(
  {
    id: 'go/missing-authentication',
    title: 'Administrative or debug endpoint without any authentication check',
    cwe: ['CWE-306'],
    confidence: 'low',
    languages: ['go'],
    profile: 'audit',
    description:
      'A handler registered under an administrative or operational path (`/admin`, `/internal`, `/debug`, `/maintenance`, `/purge`…) that changes state or does something destructive (purging caches, deleting data, changing the log level, exiting the process, running commands), or the `net/http/pprof` profiler on a server that listens on a public address, can be used by anyone who reaches the server when nothing checks who the caller is; pprof exposes memory contents, command lines and goroutine stacks and lets callers start CPU-heavy profiles. The rule stays silent when it sees any authentication check: a handler wrapped in middleware (any wrapper other than `http.HandlerFunc`, `StripPrefix` and similar adapters), a router group or `Use` with middleware, a server handler wrapped before `ListenAndServe`, or, in the handler, `r.BasicAuth()`, the `Authorization` header, an API key or token, a session, or a 401/403 answer. Protection in a reverse proxy or another file is invisible to it, so this is an audit signal.',
    remediation:
      'Wrap administrative handlers in authentication middleware (`mux.Handle("/admin/", requireAdmin(adminMux))`) or check credentials in the handler with `subtle.ConstantTimeCompare` and answer 401. Serve pprof and other debug handlers on a separate mux bound to `localhost` or an internal port, never on the public server, and do not blank-import `net/http/pprof` in a program whose public server uses `http.DefaultServeMux`.',
    references: [
      'https://cwe.mitre.org/data/definitions/306.html',
      'https://pkg.go.dev/net/http/pprof',
      'https://pkg.go.dev/net/http#Request.BasicAuth',
      'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html',
    ],
    example: {
      bad: 'mux.HandleFunc("/admin/purge", func(w http.ResponseWriter, r *http.Request) {\n\tcache.PurgeSite(r.URL.Query().Get("site"))\n})',
      good: 'mux.Handle("/admin/purge", requireAdmin(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\tcache.PurgeSite(r.URL.Query().Get("site"))\n})))',
    },
    tags: ['authentication', 'access-control', 'heuristic', 'debug'],
  },
  (ctx) => {
    const root = ctx.model.tree.root;
    const funcs = goFunctions(ctx);
    const serves = ctx.model.calls.filter((c) => /^(ListenAndServe|ListenAndServeTLS)$/.test(c.name));
    // A server handler wrapped in middleware (`http.ListenAndServe(addr, withAuth(mux))`) guards every route.
    const wrappedServer = serves.some((s) => {
      const h = s.args[s.receiver && !/^http$/.test(s.receiver.text) ? 0 : 1];
      return h?.type === 'call_expression' && !ADAPTERS.test(h.child('function')?.text ?? '');
    }) || ctx.model.calls.some((c) => c.name === 'Use' && c.args.some((a) => AUTH_NAME.test(a.text)));
    if (wrappedServer) return;
    const onlyLoopback = serves.length > 0 && serves.every((s) => LOOPBACK.test(s.args[0]?.text ?? '') || /Addr:\s*"(localhost|127\.0\.0\.1)/.test(root.text));
    // Router groups with middleware: admin := r.Group("/admin", gin.BasicAuth(...)); admin.Use(auth).
    const groups = new Map<string, { prefix: string; guarded: boolean }>();
    for (const c of ctx.model.calls) {
      if ((c.name !== 'Group' && c.name !== 'PathPrefix' && c.name !== 'Route') || c.node.parent?.type !== 'expression_list') continue;
      const assign = c.node.parent.parent;
      const target = assign?.child('left')?.namedChildren[0];
      const prefix = ctx.value(c.args[0]);
      if (target && typeof prefix === 'string') groups.set(target.text, { prefix, guarded: c.args.length > 1 });
    }
    for (const c of ctx.model.calls) if (c.name === 'Use' && c.receiver && groups.has(c.receiver.text)) groups.get(c.receiver.text)!.guarded = true;

    const report = (call: CallSite, message: string, confidence: 'low' | 'medium') => ctx.report(call.node, { message, confidence });
    for (const call of ctx.model.calls) {
      if (!REGISTER.has(call.name) || call.args.length < 2) continue;
      const pattern = ctx.value(call.args[0]);
      if (typeof pattern !== 'string') continue;
      const m = /^(?:([A-Z]+)\s+)?(\S+)$/.exec(pattern.trim());
      if (!m) continue;
      const group = call.receiver ? groups.get(call.receiver.text) : undefined;
      if (group?.guarded) continue;
      const path = (group?.prefix ?? '') + m[2];
      const handler = call.args[call.args.length - 1];
      // Middleware between the path and the handler (gin, echo, chi).
      if (call.args.length > 2) continue;
      const debugHandler = DEBUG_HANDLER.test(handler.text);
      if (debugHandler) {
        if (!onlyLoopback) report(call, `The profiler endpoint ${path} is registered without authentication on a server that is not bound to localhost`, 'medium');
        continue;
      }
      if (!criticalPath(path)) continue;
      if (handler.type === 'call_expression' && !ADAPTERS.test(handler.child('function')?.text ?? '')) {
        // A wrapper such as requireAdmin(h) is taken to authenticate, unless it is a constructor of this file that returns the handler itself.
        const fn = handler.child('function')?.text.split('.').pop() ?? '';
        if (!funcs.has(fn) || AUTH_NAME.test(fn)) continue;
      }
      const body = handlerBody(ctx, handler, funcs);
      if (!body) continue;
      const text = codeText(body);
      if (AUTH_IN_BODY.test(text)) continue;
      const writes = (!!m[1] && m[1] !== 'GET') || WRITE_REGISTER.has(call.name) || WRITE_CHECK.test(text);
      const isDestructive = destructive(ctx, body) || /\bpprof\.|runtime\.Stack|SetLevel|debug\.SetGCPercent/.test(text);
      if (!writes && !isDestructive) continue;
      report(call, `The handler for ${path} performs an administrative action but no middleware or check in it authenticates the caller`, isDestructive && writes ? 'medium' : 'low');
    }
    // import _ "net/http/pprof" registers /debug/pprof/ on http.DefaultServeMux.
    const blankPprof = root.descendants(new Set(['import_spec'])).some((s) => s.child('name')?.text === '_' && /"net\/http\/pprof"/.test(s.text));
    if (blankPprof) {
      for (const s of serves) {
        const h = s.args[1];
        if (!s.receiver || s.receiver.text !== 'http' || h?.text !== 'nil' || LOOPBACK.test(s.args[0]?.text ?? '')) continue;
        report(s, 'net/http/pprof is imported, so this server exposes the profiler at /debug/pprof/ to anyone without authentication', 'medium');
      }
    }
  },
);
