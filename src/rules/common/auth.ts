/**
 * Heuristics shared by the `*\/missing-authentication` rules (CWE-306): which routes expose a
 * critical function, and what counts as an authentication check.
 *
 * A route is *critical* when its path names an administrative or operational area (`/admin`,
 * `/internal`, `/debug`, `/maintenance`, `/ops`, `/actuator`, `/shutdown`, `/backup`, `/purge`…)
 * and it changes state: a POST/PUT/PATCH/DELETE route, or a handler that calls something
 * destructive (delete/drop/purge/flush/shutdown/exit/kill/exec/backup/restore/set-password…).
 *
 * An authentication check is any of these, and one is enough to stay silent:
 * - a decorator, annotation or middleware on the route whose name speaks of authentication or
 *   authorisation (`login_required`, `@PreAuthorize`, `requireAuth`, `passport.authenticate`…);
 * - in the handler, a read of the authenticated user or session (`request.user`, `current_user`,
 *   `req.session`, `getUserPrincipal()`), of credentials (`Authorization`, API keys, tokens,
 *   `compare_digest`), or a 401/403 answer;
 * - anywhere in the file, an application-wide hook or middleware that does one of these
 *   (`before_request`, `app.use(auth)`, FastAPI `dependencies=[Depends(auth)]`, a Go handler
 *   wrapped before `ListenAndServe`, a Spring `SecurityFilterChain`).
 * Protection configured in another file (a router mounted behind middleware elsewhere, a Spring
 * Security configuration class, `web.xml` constraints) is invisible to a one-file check, which is
 * why these rules sit in the audit profile.
 */
import type { SyntaxNode } from '../../languages/syntax.ts';

/** Path segments that name an administrative or operational area. */
export const CRITICAL_PATH =
  /(^|[/_.-])(admin|administrator|administration|internal|debug|manage|management|maintenance|ops|actuator|shutdown|restart|reboot|purge|backup|flush|wipe|superuser|sudo|feature-?flags?|flags|toggles?|log-?level|loglevel|goroutines|stacks|danger)([/_.?:<{-]|$)/i;

/** Calls that destroy data or control the process or host. */
export const DESTRUCTIVE_CALL =
  /^(delete\w*|destroy\w*|remove\w*|drop\w*|truncate\w*|purge\w*|flush\w*|wipe\w*|clear\w*|shutdown\w*|exit|_exit|kill|terminate\w*|halt|reboot\w*|restart\w*|system|popen|exec|execSync|execFile\w*|execv\w*|spawn\w*|Popen|check_output|check_call|set_?password|reset_?password\w*|backup\w*|dump\w*|restore\w*|Shutdown|Exit|Kill|Command|CommandContext|Delete\w*|Remove\w*|Drop\w*|Purge\w*|Flush\w*|Clear\w*|Backup\w*|Restore\w*|Reboot\w*|Restart\w*|SetPassword|ResetPassword|ProcessBuilder|halt)$/;

/** Words that show a decorator, annotation, middleware or wrapper deals with authentication. */
export const AUTH_NAME =
  /auth|login|logged|signed_?in|permission|perm_|perms|role|admin_required|staff|superuser|token|jwt|bearer|secur|protect|require_?(user|admin|api|key)|requires?[A-Z_]|ensure|api_?key|apikey|session|passport|guard|basic_?auth|verify|verif|access|acl|principal|credential|restrict|allow_?only|only_?admin|is_?admin|isAdmin|secret|signature|hmac/i;

/** What a handler body reads or answers when it authenticates the caller. */
export const AUTH_IN_BODY =
  /\b([aA]uth(?!or)\w*|authenticat\w*|authoriz\w*|Authoriz\w*|login\w*|logged_?in|current_?user|currentUser|request\.user|req\.user|g\.user|is_authenticated|isAuthenticated|is_staff|is_superuser|is_admin|isAdmin|has_perm\w*|hasRole|hasAuthority|isUserInRole|getUserPrincipal|getRemoteUser|Principal|SecurityContextHolder|permission\w*|api_?key|apiKey|API_KEY|x-api-key|X-Api-Key|token|Token|TOKEN|jwt|JWT|bearer|Bearer|compare_digest|timingSafeEqual|ConstantTimeCompare|check_password|checkPassword|verify\w*|Verify\w*|credentials?|BasicAuth|unauthori[sz]ed|Unauthori[sz]ed|UNAUTHORIZED|forbidden|Forbidden|FORBIDDEN|StatusUnauthorized|StatusForbidden|SC_UNAUTHORIZED|SC_FORBIDDEN|HttpSession|getSession|sessionId|session_id|SessionStore)\b|\b40[13]\b|(?<![\w.])session\s*(\[|\.get\(|\.pop\(|\.user)|\b(req|request|ctx|context|c)\.(session|Session)\b|\bsessions?\.(Get|get|Verify|verify|Validate|validate)\w*\(/;

/** Whether a route path (a constant) names an administrative or operational area. */
export function criticalPath(path: string | undefined): boolean {
  return typeof path === 'string' && CRITICAL_PATH.test(path);
}

/** The short name of a callee (`db.session.delete` → `delete`, `os.Exit` → `Exit`). */
export function calleeName(callee: string): string {
  return callee.replace(/\(\)/g, '').split(/[.:]/).pop() ?? callee;
}

/** SQL or shell text in a handler that destroys data. */
export const DESTRUCTIVE_TEXT = /\b(DELETE\s+FROM|DROP\s+(TABLE|DATABASE|SCHEMA)|TRUNCATE\s+(TABLE\s+)?\w|FLUSHALL|FLUSHDB|rm\s+-rf?|shutdown\s+-|reboot\b|pg_dump|mysqldump)/i;

/** The text of a node without its comments (a comment that mentions "auth" is not a check). */
export function codeText(node: SyntaxNode): string {
  const comments = node.descendants(new Set(['comment', 'line_comment', 'block_comment']));
  if (!comments.length) return node.text;
  let out = '';
  let at = node.startIndex;
  for (const c of comments.sort((a, b) => a.startIndex - b.startIndex)) {
    if (c.startIndex < at) continue;
    out += node.text.slice(at - node.startIndex, c.startIndex - node.startIndex) + ' ';
    at = c.endIndex;
  }
  return out + node.text.slice(at - node.startIndex);
}
