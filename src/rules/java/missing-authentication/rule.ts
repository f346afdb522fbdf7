import { defineRule } from '../../rule.ts';
import type { RuleContext } from '../../context.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { AUTH_NAME, AUTH_IN_BODY, DESTRUCTIVE_CALL, DESTRUCTIVE_TEXT, calleeName, codeText, criticalPath } from '../../common/auth.ts';

const ANNOTATIONS = new Set(['annotation', 'marker_annotation']);
const MAPPING = /^(Get|Post|Put|Delete|Patch|Request)Mapping$/;
const SERVLET_METHODS: Record<string, boolean> = { doPost: true, doPut: true, doDelete: true, doPatch: true, doGet: false, service: false };
/** Annotations that require an authenticated or authorised caller. */
const SECURITY_ANNOTATION = /^(PreAuthorize|PostAuthorize|Secured|RolesAllowed|RequiresRoles|RequiresPermissions|RequiresAuthentication|RequiresUser|Authenticated|ServletSecurity|HttpConstraint)$/;
/** Handler parameters that only resolve for an authenticated request. */
const AUTH_PARAM = /\b(Principal|Authentication|AuthenticationPrincipal|UserDetails|OidcUser|Jwt|JwtAuthenticationToken|CurrentUser)\b/;
/** Configuration in the same file that protects the application. */
const FILE_SECURITY = /\b(SecurityFilterChain|EnableWebSecurity|WebSecurityConfigurerAdapter|HandlerInterceptor|OncePerRequestFilter|implements\s+(javax\.servlet\.|jakarta\.servlet\.)?Filter\b|@WebFilter)\b/;

function annotationsOf(node: SyntaxNode): SyntaxNode[] {
  const mods = node.namedChildren.find((c) => c.type === 'modifiers');
  return mods ? mods.namedChildren.filter((c) => ANNOTATIONS.has(c.type)) : [];
}

function nameOf(annotation: SyntaxNode): string {
  return (annotation.child('name')?.text ?? '').split('.').pop() ?? '';
}

/** The first path an annotation declares: `@GetMapping("/x")`, `@RequestMapping(path = "/x")`, `@WebServlet(urlPatterns = {"/x"})`. */
function pathOf(ctx: RuleContext, annotation: SyntaxNode): string {
  const args = annotation.child('arguments');
  if (!args) return '';
  for (const a of args.namedChildren) {
    if (a.type === 'element_value_pair') {
      const key = a.child('key')?.text;
      if (key !== 'value' && key !== 'path' && key !== 'urlPatterns') continue;
      const v = a.child('value');
      const first = v?.type === 'element_value_array_initializer' ? v.namedChildren[0] : v;
      const s = ctx.value(first ?? undefined);
      if (typeof s === 'string') return s;
    } else {
      const first = a.type === 'element_value_array_initializer' ? a.namedChildren[0] : a;
      const s = ctx.value(first ?? undefined);
      if (typeof s === 'string') return s;
    }
  }
  return '';
}

function destructive(ctx: RuleContext, body: SyntaxNode): boolean {
  for (const c of ctx.model.calls) {
    if (!body.contains(c.node)) continue;
    if (/^(response|resp|res)$/.test(c.receiver?.text ?? '')) continue;
    if (DESTRUCTIVE_CALL.test(calleeName(c.callee)) || DESTRUCTIVE_CALL.test(c.name)) return true;
  }
  return DESTRUCTIVE_TEXT.test(codeText(body));
}

export default defineRule(
  {
    id: 'java/missing-authentication',
    title: 'Administrative endpoint without any authentication check',
    cwe: ['CWE-306'],
    confidence: 'low',
    languages: ['java'],
    profile: 'audit',
    description:
      'A Spring controller method or servlet under an administrative or operational path (`/admin`, `/internal`, `/actuator`, `/maintenance`, `/backup`, `/shutdown`…) that changes state or does something destructive (changing configuration, dumping or dropping the database, deleting users, running processes, stopping the JVM) can be called by anyone who reaches the server when nothing checks who the caller is. The rule stays silent when it sees any authentication check: `@PreAuthorize`, `@Secured`, `@RolesAllowed` or `@ServletSecurity` on the method or class, a `Principal`/`Authentication`/`@AuthenticationPrincipal` parameter, a use of `getUserPrincipal()`, `isUserInRole()`, `getRemoteUser()`, the session, `SecurityContextHolder`, the `Authorization` header, an API key or token, or a 401/403 answer in the handler, or a security filter chain, filter or interceptor declared in the same file. Spring Security configuration and `web.xml` constraints in other files are invisible to it, so this is an audit signal.',
    remediation:
      'Protect administrative endpoints with Spring Security (`.requestMatchers("/internal/**").hasRole("ADMIN")` in the `SecurityFilterChain`, or `@PreAuthorize("hasRole(\'ADMIN\')")` on the method), or with `@ServletSecurity(@HttpConstraint(rolesAllowed = "admin"))` / a `security-constraint` for servlets. Machine-to-machine triggers should authenticate with a secret compared in constant time or mutual TLS, and operational endpoints belong on an internal port.',
    references: [
      'https://cwe.mitre.org/data/definitions/306.html',
      'https://docs.spring.io/spring-security/reference/servlet/authorization/authorize-http-requests.html',
      'https://docs.spring.io/spring-security/reference/servlet/authorization/method-security.html',
      'https://jakarta.ee/specifications/servlet/6.0/apidocs/jakarta.servlet/jakarta/servlet/annotation/servletsecurity',
    ],
    example: {
      bad: '@PutMapping("/internal/config")\npublic Map<String, String> update(@RequestBody Map<String, String> values) {\n    values.forEach(store::set);\n    return store.all();\n}',
      good: '@PreAuthorize("hasRole(\'ADMIN\')")\n@PutMapping("/internal/config")\npublic Map<String, String> update(@RequestBody Map<String, String> values) { ... }',
    },
    tags: ['authentication', 'access-control', 'heuristic'],
  },
  (ctx) => {
    const root = ctx.model.tree.root;
    if (FILE_SECURITY.test(codeText(root))) return;
    for (const cls of root.descendants(new Set(['class_declaration']))) {
      const classAnns = annotationsOf(cls);
      if (classAnns.some((a) => SECURITY_ANNOTATION.test(nameOf(a)))) continue;
      const prefixAnn = classAnns.find((a) => nameOf(a) === 'RequestMapping');
      const prefix = prefixAnn ? pathOf(ctx, prefixAnn) : '';
      const servletAnn = classAnns.find((a) => nameOf(a) === 'WebServlet');
      const servletPath = servletAnn ? pathOf(ctx, servletAnn) : '';
      const isServlet = !!servletAnn || /extends\s+HttpServlet\b/.test(cls.text.slice(0, cls.child('body')?.startIndex ? cls.child('body')!.startIndex - cls.startIndex : 0));
      const body = cls.child('body');
      if (!body) continue;
      for (const m of body.namedChildren) {
        if (m.type !== 'method_declaration') continue;
        const anns = annotationsOf(m);
        const name = m.child('name')?.text ?? '';
        let path = '';
        let writes = false;
        const mapping = anns.find((a) => MAPPING.test(nameOf(a)));
        if (mapping) {
          path = prefix + pathOf(ctx, mapping);
          const kind = nameOf(mapping);
          writes = kind === 'RequestMapping' ? /RequestMethod\.(POST|PUT|DELETE|PATCH)/.test(mapping.text) : kind !== 'GetMapping';
        } else if (isServlet && Object.hasOwn(SERVLET_METHODS, name)) {
          path = servletPath;
          writes = SERVLET_METHODS[name];
        } else continue;
        if (!criticalPath(path)) continue;
        if (anns.some((a) => SECURITY_ANNOTATION.test(nameOf(a)) || AUTH_NAME.test(nameOf(a)))) continue;
        if (AUTH_PARAM.test(m.child('parameters')?.text ?? '')) continue;
        const block = m.child('body');
        if (!block || AUTH_IN_BODY.test(codeText(block))) continue;
        const isDestructive = destructive(ctx, block);
        if (!writes && !isDestructive) continue;
        ctx.report(m, {
          message: `The endpoint ${path} performs an administrative action but no annotation, parameter or check in the method authenticates the caller`,
          confidence: isDestructive && writes ? 'medium' : 'low',
        });
      }
    }
  },
);
