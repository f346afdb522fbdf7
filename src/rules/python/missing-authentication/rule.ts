import { defineRule } from '../../rule.ts';
import type { RuleContext } from '../../context.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { AUTH_NAME, AUTH_IN_BODY, DESTRUCTIVE_CALL, DESTRUCTIVE_TEXT, calleeName, codeText, criticalPath } from '../../common/auth.ts';

const ROUTE_METHODS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'api_route']);
const WRITE_METHODS = /\b(POST|PUT|PATCH|DELETE)\b/i;
/** The Flask session (not `db.session`, SQLAlchemy's unit of work). */
const FLASK_SESSION = /(?<![\w.])session\s*(\[|\.get\(|\.pop\()/;

interface Route {
  decorator: SyntaxNode;
  path: string;
  writes: boolean;
}

/** The `url_prefix`/`prefix` of a Blueprint or APIRouter a route is declared on. */
function prefixOf(ctx: RuleContext, recv: SyntaxNode | null): string {
  if (recv?.type !== 'identifier') return '';
  for (const d of ctx.model.reachingDefs(recv.text, recv)?.defs ?? []) {
    const m = /\b(url_prefix|prefix)\s*=\s*["']([^"']*)["']/.exec(d.value?.text ?? '');
    if (m) return m[2];
  }
  return '';
}

/** The route a decorator declares: `@app.post("/x")`, `@bp.route("/x", methods=["POST"])`, `@router.delete(path="/x")`. */
function routeOf(ctx: RuleContext, dec: SyntaxNode): Route | null {
  const call = dec.namedChildren[0];
  if (call?.type !== 'call') return null;
  const fn = call.child('function');
  if (fn?.type !== 'attribute') return null;
  const method = fn.child('attribute')?.text ?? '';
  if (!ROUTE_METHODS.has(method)) return null;
  const args = call.child('arguments')?.namedChildren ?? [];
  let pathNode = args.find((a) => a.type !== 'keyword_argument');
  let methods: SyntaxNode | undefined;
  for (const a of args) {
    if (a.type !== 'keyword_argument') continue;
    const k = a.child('name')?.text;
    if (k === 'path' || k === 'rule') pathNode ??= a.child('value') ?? undefined;
    if (k === 'methods') methods = a.child('value') ?? undefined;
  }
  const value = ctx.value(pathNode);
  if (typeof value !== 'string') return null;
  const path = prefixOf(ctx, fn.child('object')) + value;
  const writes = method === 'route' || method === 'api_route' ? !!methods && WRITE_METHODS.test(methods.text) : method !== 'get';
  return { decorator: dec, path, writes };
}

/** Whether a function does something destructive: calls named like delete/drop/shutdown/exec, or SQL/shell text that destroys data. */
function destructive(ctx: RuleContext, fn: SyntaxNode): boolean {
  for (const c of ctx.model.calls) {
    if (!fn.contains(c.node)) continue;
    if (DESTRUCTIVE_CALL.test(calleeName(c.callee)) && !/^(response|resp|res)\b/.test(c.receiver?.text ?? '')) return true;
  }
  return DESTRUCTIVE_TEXT.test(codeText(fn));
}

/** File-wide protection: request hooks, authentication middleware, router-level dependencies. */
function fileProtected(text: string): boolean {
  if (/\.before_(app_)?request\b/.test(text)) return true;
  if (/LoginRequiredMiddleware|AuthenticationMiddleware/.test(text)) return true;
  for (const m of text.matchAll(/(add_middleware\(|(APIRouter|FastAPI|include_router)\([^\n]*dependencies\s*=)([^\n]*)/g)) if (AUTH_NAME.test(m[3]) || /user|admin|current|operator|staff/i.test(m[3])) return true;
  return false;
}

/** Whether a parameter or decorator brings in an authenticated user (`Depends(get_current_user)`, `Security(api_key)`). */
function dependsOnAuth(text: string): boolean {
  for (const m of text.matchAll(/\b(Depends|Security)\s*\(([^()]*(\([^()]*\))?[^()]*)\)/g)) if (AUTH_NAME.test(m[2]) || /user|admin|current|operator|staff/i.test(m[2])) return true;
  return /\b(HTTPBasicCredentials|HTTPAuthorizationCredentials|OAuth2PasswordBearer|APIKeyHeader)\b/.test(text);
}

export default defineRule(
  {
    id: 'py/missing-authentication',
    title: 'Administrative route without any authentication check',
    cwe: ['CWE-306'],
    confidence: 'low',
    languages: ['python'],
    profile: 'audit',
    description:
      'A Flask or FastAPI route under an administrative or operational path (`/admin`, `/internal`, `/debug`, `/maintenance`, `/shutdown`, `/backup`…) that changes state or does something destructive (deleting users, resetting passwords, flushing caches, stopping the process, running commands) is callable by anyone who can reach the server when nothing checks who the caller is. The rule stays silent when it sees any authentication check: another decorator whose name speaks of authentication or permissions (`login_required`, `jwt_required`, `permission_required`, `admin_required`, `auth.login_required`…), a FastAPI `Depends`/`Security` parameter or route/router `dependencies` that resolve a user, token or API key, a read of `current_user`, `request.user`, `g.user`, the Flask session, an `Authorization`/API-key header or token in the handler, a 401/403 answer, or a `before_request` hook or authentication middleware anywhere in the file. Protection configured in other files (a blueprint registered behind a hook elsewhere, a reverse proxy) is invisible to it, so this is an audit signal.',
    remediation:
      'Require authentication and an administrator role on every administrative route: `@login_required` plus a role check (Flask-Login), `Depends(get_current_admin)` (FastAPI), or a `before_request` hook on the admin blueprint that rejects anonymous callers with 401/403. Bind operational endpoints (shutdown, cache flush) to localhost or an internal port instead of the public server.',
    references: [
      'https://cwe.mitre.org/data/definitions/306.html',
      'https://flask-login.readthedocs.io/en/latest/#protecting-views',
      'https://fastapi.tiangolo.com/tutorial/security/',
      'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html',
    ],
    example: {
      bad: '@app.post("/admin/users/<int:user_id>/delete")\ndef delete_user(user_id):\n    db.session.delete(User.query.get_or_404(user_id))',
      good: '@app.post("/admin/users/<int:user_id>/delete")\n@login_required\n@admin_required\ndef delete_user(user_id): ...',
    },
    tags: ['authentication', 'access-control', 'heuristic'],
  },
  (ctx) => {
    const text = ctx.model.tree.root.text;
    if (fileProtected(text)) return;
    for (const dd of ctx.model.tree.root.descendants(new Set(['decorated_definition']))) {
      const fn = dd.child('definition');
      if (fn?.type !== 'function_definition') continue;
      const decorators = dd.namedChildren.filter((c) => c.type === 'decorator');
      let route: Route | null = null;
      for (const d of decorators) route ??= routeOf(ctx, d);
      if (!route || !criticalPath(route.path)) continue;
      const isDestructive = destructive(ctx, fn);
      if (!route.writes && !isDestructive) continue;
      // Authentication evidence: decorators, dependencies, checks in the body.
      if (decorators.some((d) => d !== route!.decorator && AUTH_NAME.test(d.text))) continue;
      if (dependsOnAuth(route.decorator.text) || dependsOnAuth(fn.child('parameters')?.text ?? '')) continue;
      const bodyNode = fn.child('body');
      const body = bodyNode ? codeText(bodyNode) : '';
      if (AUTH_IN_BODY.test(body.replace(/\bdb\.session\b|\.session\.|Session\(\)/g, '')) || FLASK_SESSION.test(body)) continue;
      ctx.report(route.decorator, {
        message: `The route ${route.path} performs an administrative action but nothing in the handler, its decorators or the application checks that the caller is authenticated`,
        confidence: isDestructive && route.writes ? 'medium' : 'low',
      });
    }
  },
);
