import { defineRule } from '../../rule.ts';
import { origin } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { qualifyGo } from '../../../languages/go/adapter.ts';
import { functionOf, isResponseHeaderCall, isResponseWriter } from '../common.ts';
import { replace, type FixSuggestion } from '../../../fix/edits.ts';

/** What a file may use of text/template for the import to swap to html/template unchanged. */
const SHARED_API = new Set(['New', 'Must', 'ParseFiles', 'ParseGlob', 'ParseFS', 'FuncMap', 'Template']);

/**
 * `import "text/template"` → `"html/template"`: the same API, with escaping. Only when every
 * template of the file renders into an HTTP response (none writes plain text or files) and the
 * file uses nothing that exists in text/template alone.
 */
function importFix(ctx: RuleContext): FixSuggestion | undefined {
  const specs = ctx.nodes('import_spec');
  const spec = specs.filter((s) => s.child('path')?.text === '"text/template"');
  if (spec.length !== 1 || specs.some((s) => s.child('path')?.text === '"html/template"')) return undefined;
  const alias = spec[0].child('name')?.text;
  if (alias === '.' || alias === '_') return undefined;
  const pkg = alias ?? 'template';
  for (const sel of ctx.nodes('selector_expression', 'qualified_type')) {
    const head = sel.type === 'qualified_type' ? sel.child('package') : sel.child('operand');
    const name = sel.type === 'qualified_type' ? sel.child('name') : sel.child('field');
    if (head?.type !== 'identifier' && head?.type !== 'package_identifier') continue;
    if (head.text !== pkg || ctx.model.reachingDefs(pkg, head)?.defs.some((d) => d.kind !== 'import')) continue;
    if (!SHARED_API.has(name?.text ?? '')) return undefined;
  }
  for (const call of ctx.model.calls) {
    if (!/^Execute(Template)?$/.test(call.name) || !call.receiver || qualifyGo(call.receiver, ctx.model) !== 'text/template.Template') continue;
    if (!isResponseWriter(ctx, call.args[0]) || declaredNonHtml(ctx, call.node)) return undefined;
  }
  return { description: 'render with html/template, which escapes values for HTML', edits: [replace(spec[0].child('path')!, '"html/template"')] };
}

/** Whether the handler declares a non-HTML Content-Type before the node. */
function declaredNonHtml(ctx: RuleContext, before: SyntaxNode): boolean {
  const fn = functionOf(before);
  return ctx.model.calls.some((c) => {
    if (!fn?.contains(c.node) || c.node.startIndex > before.startIndex) return false;
    if (!((c.name === 'Set' || c.name === 'Add') && isResponseHeaderCall(ctx, c))) return false;
    const name = ctx.value(c.args[0]);
    const v = ctx.value(c.args[1]);
    return typeof name === 'string' && name.toLowerCase() === 'content-type' && typeof v === 'string' && !/html|xml|svg/i.test(v);
  });
}

export default defineRule(
  {
    id: 'go/text-template-html',
    title: 'text/template renders request data into an HTTP response',
    cwe: ['CWE-79', 'CWE-116'],
    confidence: 'high',
    languages: ['go'],
    description:
      '`text/template` has the same syntax as `html/template` but escapes nothing: `{{.Name}}` is copied into the output as it is. Rendering request data into an HTML response with it lets an attacker inject markup and script; the two packages are easy to confuse because only the import path differs.',
    remediation:
      'Import `html/template` instead of `text/template` for anything sent to a browser; it escapes each value for its HTML, attribute, URL or JavaScript context. Keep `text/template` for plain-text output served with `Content-Type: text/plain`.',
    references: ['https://cwe.mitre.org/data/definitions/79.html', 'https://pkg.go.dev/text/template', 'https://pkg.go.dev/html/template'],
    example: {
      bad: 'import "text/template"\nvar page = template.Must(template.New("p").Parse(`<h1>Hello {{.}}</h1>`))\npage.Execute(w, r.URL.Query().Get("name"))',
      good: 'import "html/template"\nvar page = template.Must(template.New("p").Parse(`<h1>Hello {{.}}</h1>`))\npage.Execute(w, r.URL.Query().Get("name"))',
    },
    tags: ['web', 'xss', 'template'],
  },
  (ctx) => {
    for (const call of ctx.model.calls) {
      if ((call.name !== 'Execute' && call.name !== 'ExecuteTemplate') || !call.receiver) continue;
      if (qualifyGo(call.receiver, ctx.model) !== 'text/template.Template') continue;
      if (!isResponseWriter(ctx, call.args[0]) || declaredNonHtml(ctx, call.node)) continue;
      const data = call.args[call.name === 'Execute' ? 1 : 2];
      const t = ctx.taint(data, 'html');
      if (data && t.level === 'remote' && !t.sanitized) {
        const fix = importFix(ctx);
        ctx.report(call.node, { message: `text/template writes ${origin(t)} into the response without HTML escaping`, ...(fix ? { fix } : {}) });
      }
    }
  },
);
