import { defineRule } from '../../rule.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { AUTH_NAME, AUTH_IN_BODY, DESTRUCTIVE_CALL, DESTRUCTIVE_TEXT, calleeName, codeText, criticalPath } from '../../common/auth.ts';

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all']);
const ROUTER_NAME = /^(app|server|api|router|\w*Router|\w*router|admin\w*|routes?)$/;
/** Middleware that parses, validates or limits, and says nothing about who the caller is. */
const NOT_AUTH = /^(express\.(json|urlencoded|raw|text|static)|bodyParser\.\w+|json|urlencoded|cors|helmet|compression|morgan|multer|upload\w*|\w*[uU]pload\w*\.(single|array|fields|any|none)|\w*[lL]imit\w*|\w*[tT]hrottl\w*|validate\w*|validat\w*|celebrate|csrf\w*|csrfProtection|asyncHandler|catchAsync|wrap)\b/;
const FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function', 'function_declaration', 'method_definition']);

/** The function a handler argument stands for: an inline function, or a function declared in the file. */
function handlerBody(ctx: RuleContext, arg: SyntaxNode | undefined): SyntaxNode | null {
  if (!arg) return null;
  if (FUNCTIONS.has(arg.type)) return arg;
  if (arg.type === 'identifier') {
    for (const d of ctx.model.reachingDefs(arg.text, arg)?.defs ?? []) {
      if (d.kind === 'function') return d.node;
      if (d.value && FUNCTIONS.has(d.value.type)) return d.value;
    }
  }
  // asyncHandler(async (req, res) => ...)
  if (arg.type === 'call_expression') {
    const inner = arg.child('arguments')?.namedChildren.find((a) => FUNCTIONS.has(a.type));
    return inner ?? null;
  }
  return null;
}

/** Whether a function calls something destructive or holds SQL/shell text that destroys data. */
function destructive(ctx: RuleContext, fn: SyntaxNode): boolean {
  for (const c of ctx.model.calls) {
    if (!fn.contains(c.node)) continue;
    const name = calleeName(c.callee);
    if (/^(res|response|reply|ctx)$/.test(c.receiver?.text ?? '')) continue;
    if (DESTRUCTIVE_CALL.test(name) || /(And|_)(Delete|Remove|Destroy)$/.test(name)) return true;
  }
  return DESTRUCTIVE_TEXT.test(codeText(fn));
}

/** Whether a handler reads the authenticated user, a session, credentials, or answers 401/403. */
function checksAuth(fn: SyntaxNode): boolean {
  return AUTH_IN_BODY.test(codeText(fn));
}

/** Mount prefixes of routers in this file: `app.use('/admin', adminRouter)`; and whether any `use()` installs authentication. */
function mounts(ctx: RuleContext, uses: CallSite[]): { prefixes: Map<string, string>; protectedRouters: Set<string>; global: boolean } {
  const prefixes = new Map<string, string>();
  const protectedRouters = new Set<string>();
  let global = false;
  for (const use of uses) {
    const args = use.args;
    const first = ctx.value(args[0]);
    const rest = typeof first === 'string' ? args.slice(1) : args;
    const auth = rest.some((a) => (AUTH_NAME.test(a.text) && !FUNCTIONS.has(a.type)) || (FUNCTIONS.has(a.type) && checksAuth(a)));
    const routers = rest.filter((a) => a.type === 'identifier' && !AUTH_NAME.test(a.text));
    if (typeof first === 'string') for (const r of routers) prefixes.set(r.text, first);
    if (auth) {
      // `app.use('/admin', requireAdmin, adminRouter)` protects that router; `app.use(auth)` or `router.use(auth)` protects what follows.
      if (typeof first === 'string' && routers.length) for (const r of routers) protectedRouters.add(r.text);
      else if (use.receiver) protectedRouters.add(use.receiver.text);
      if (typeof first !== 'string' && use.receiver && /^(app|server)$/.test(use.receiver.text)) global = true;
    }
  }
  return { prefixes, protectedRouters, global };
}

export default defineRule(
  {
    id: 'js/missing-authentication',
    title: 'Administrative route without any authentication check',
    cwe: ['CWE-306'],
    confidence: 'low',
    languages: ['javascript', 'typescript'],
    profile: 'audit',
    description:
      'An Express route (or a plain `http` server branch) under an administrative or operational path (`/admin`, `/internal`, `/debug`, `/maintenance`, `/flags`, `/shutdown`…) that changes state or does something destructive (deleting users, dropping data, toggling feature flags, exiting the process, running commands) can be called by anyone who reaches the server when nothing checks who the caller is. The rule stays silent when it sees any authentication check: route middleware other than body parsers, uploads, validators and rate limiters (an unknown middleware is assumed to authenticate), `app.use`/`router.use` with an authentication middleware (`passport.authenticate`, `requireAuth`, `verifyToken`, `isAdmin`…), or, in the handler, a read of `req.user`, `req.session`, `req.isAuthenticated()`, the `Authorization` header, an API key or token, or a 401/403 answer. A router mounted behind authentication in another file is invisible to it, so this is an audit signal.',
    remediation:
      'Put authentication and an administrator check in front of every administrative route (`router.use(requireAuth, requireRole("admin"))`, `passport.authenticate("jwt", { session: false })`), or check `req.user` and its role in the handler and answer 401/403. Serve operational endpoints on a separate, internal-only port.',
    references: [
      'https://cwe.mitre.org/data/definitions/306.html',
      'https://expressjs.com/en/guide/using-middleware.html#middleware.router',
      'https://www.passportjs.org/concepts/authentication/middleware/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html',
    ],
    example: {
      bad: "router.delete('/admin/users/:id', async (req, res) => {\n  await User.findByIdAndDelete(req.params.id);\n  res.sendStatus(204);\n});",
      good: "router.delete('/admin/users/:id', requireAuth, requireRole('admin'), async (req, res) => {\n  await User.findByIdAndDelete(req.params.id);\n  res.sendStatus(204);\n});",
    },
    tags: ['authentication', 'access-control', 'heuristic'],
  },
  (ctx) => {
    const routes: CallSite[] = [];
    const uses: CallSite[] = [];
    for (const c of ctx.model.calls) {
      if (!c.receiver || c.receiver.type !== 'identifier' || !ROUTER_NAME.test(c.receiver.text)) continue;
      if (c.name === 'use') uses.push(c);
      else if (ROUTE_METHODS.has(c.name) && c.args.length >= 2) routes.push(c);
    }
    const { prefixes, protectedRouters, global } = mounts(ctx, uses);
    if (!global) {
      for (const call of routes) {
        const path = ctx.value(call.args[0]);
        if (typeof path !== 'string') continue;
        const recv = call.receiver!.text;
        const full = (prefixes.get(recv) ?? '') + path;
        if (!criticalPath(full)) continue;
        // `router.use(auth)` before this route protects it.
        if (protectedRouters.has(recv) && uses.some((u) => u.receiver?.text === recv && u.node.startIndex < call.node.startIndex)) continue;
        if (protectedRouters.has(recv) && prefixes.has(recv)) continue;
        const middle = call.args.slice(1, -1);
        if (middle.some((m) => AUTH_NAME.test(m.text) || !NOT_AUTH.test(m.text))) continue;
        const fn = handlerBody(ctx, call.args[call.args.length - 1]);
        if (!fn || checksAuth(fn)) continue;
        const isDestructive = destructive(ctx, fn);
        const writes = call.name !== 'get';
        if (!writes && !isDestructive) continue;
        ctx.report(call.node, {
          message: `The route ${call.name.toUpperCase()} ${full} performs an administrative action but no middleware or check in the handler authenticates the caller`,
          confidence: isDestructive && writes ? 'medium' : 'low',
        });
      }
    }
    // Plain http servers: `if (req.method === 'POST' && req.url === '/admin/flags') { ... }`.
    for (const server of ctx.calls('http.createServer', 'https.createServer', 'node:http.createServer', 'node:https.createServer')) {
      const fn = handlerBody(ctx, server.args[server.args.length - 1]);
      if (!fn || checksAuth(fn)) continue;
      for (const cmp of fn.descendants(new Set(['binary_expression']))) {
        if (cmp.operator !== '===' && cmp.operator !== '==') continue;
        const l = cmp.child('left');
        const r = cmp.child('right');
        if (!l || !r) continue;
        const [lit, other] = l.type === 'string' ? [l, r] : [r, l];
        const path = ctx.value(lit);
        if (typeof path !== 'string' || !/url|path|route/i.test(other.text) || !criticalPath(path)) continue;
        const branch = cmp.ancestor('if_statement');
        if (!branch) continue;
        const body = branch.child('consequence');
        const writes = /\b(POST|PUT|PATCH|DELETE)\b/.test(branch.child('condition')?.text ?? '');
        if (!body || (!writes && !destructive(ctx, body))) continue;
        ctx.report(cmp, { message: `The ${path} endpoint of this HTTP server performs an administrative action but the server never authenticates the caller`, confidence: 'low' });
      }
    }
  },
);
