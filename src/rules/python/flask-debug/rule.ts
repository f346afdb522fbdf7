import { defineRule } from '../../rule.ts';
import type { RuleContext } from '../../context.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { qualifyPython } from '../../../languages/python/adapter.ts';
import { isDjangoSettings, settings } from './config.ts';
import { addImport, replace, type Edit, type FixSuggestion } from '../../../fix/edits.ts';

function importsFlask(ctx: RuleContext): boolean {
  for (const defs of ctx.model.module.defs.values()) if (defs.some((d) => d.kind === 'import' && /^(flask|quart)(\.|$)/.test(d.qualified ?? ''))) return true;
  return false;
}

/** A Flask application object: resolved through `Flask(...)`, or named `app` in a file that uses Flask. */
function isFlaskApp(ctx: RuleContext, node: SyntaxNode | null, flask: boolean): boolean {
  if (!node) return false;
  const q = qualifyPython(node, ctx.model);
  if (q) return q === 'flask.Flask()' || q === 'quart.Quart()';
  return flask && /^(app|application|flask_app)$/.test(node.text);
}

const isTrue = (v: unknown) => v === true || v === 1;

const PY_IMPORTS = ['import_statement', 'import_from_statement', 'future_import_statement'];

/** A literal `True` switch → read from the environment (`FLASK_DEBUG=1` turns it back on), importing os. */
function debugFromEnv(ctx: RuleContext, value: SyntaxNode, variable = 'FLASK_DEBUG'): FixSuggestion | undefined {
  if (value.type !== 'true') return undefined;
  // `os` must be the module: a local or parameter named os would change what the fix reads.
  const defs = ctx.model.reachingDefs('os', value)?.defs;
  if (defs && !defs.every((d) => d.kind === 'import' && /^os(\.|$)/.test(d.qualified ?? ''))) return undefined;
  const edits: Edit[] = [replace(value, `os.environ.get("${variable}") == "1"`)];
  const imp = defs?.length ? undefined : addImport(ctx.model.tree, 'import os', PY_IMPORTS);
  if (imp) edits.push(imp);
  return { description: `take debug mode from the ${variable} environment variable (off unless set to 1)`, edits };
}

export default defineRule(
  {
    id: 'py/flask-debug',
    title: 'Web application runs in debug mode',
    cwe: ['CWE-215', 'CWE-489'],
    confidence: 'high',
    languages: ['python'],
    description:
      "Debug mode is for a developer's machine. Flask's debugger (Werkzeug) shows tracebacks with source and local variables and offers an interactive Python console in the browser, which runs any code a visitor types; Django's `DEBUG = True` prints settings, SQL and stack traces on every error page; FastAPI/Starlette `debug=True` returns tracebacks to the client. Code generated with debug switched on tends to be deployed with it on.",
    remediation:
      "Leave debug off in code and enable it from the environment only on development machines, e.g. `app.run(debug=os.environ.get('FLASK_DEBUG') == '1')` or `DEBUG = os.environ.get('DJANGO_DEBUG') == '1'`; run production behind a WSGI server such as gunicorn.",
    references: [
      'https://cwe.mitre.org/data/definitions/489.html',
      'https://flask.palletsprojects.com/en/stable/debugging/',
      'https://docs.djangoproject.com/en/stable/ref/settings/#debug',
    ],
    example: {
      bad: 'app = Flask(__name__)\napp.run(host="0.0.0.0", debug=True)',
      good: 'app = Flask(__name__)\napp.run(host="0.0.0.0", debug=os.environ.get("FLASK_DEBUG") == "1")',
    },
    tags: ['configuration', 'debug'],
  },
  (ctx) => {
    const flask = importsFlask(ctx);
    for (const call of ctx.calls('*.run')) {
      if (!isFlaskApp(ctx, call.receiver, flask)) continue;
      const debug = call.keywords.get('debug');
      if (debug && isTrue(ctx.value(debug))) {
        const fix = debugFromEnv(ctx, debug);
        ctx.report(debug.parent ?? debug, { message: 'The Flask application is started with `debug=True`, which exposes the Werkzeug debugger and its interactive console', ...(fix ? { fix } : {}) });
      }
    }
    for (const call of ctx.calls('fastapi.FastAPI', 'starlette.applications.Starlette', 'starlette.Starlette')) {
      const debug = call.keywords.get('debug');
      if (debug && isTrue(ctx.value(debug))) {
        ctx.report(debug.parent ?? debug, { message: `The ${call.name} application is created with \`debug=True\`, which returns tracebacks to clients` });
      }
    }
    // app.debug = True
    for (const n of ctx.nodes('assignment')) {
      const left = n.child('left');
      if (left?.type !== 'attribute' || left.child('attribute')?.text !== 'debug') continue;
      const right = n.child('right');
      if (right && isFlaskApp(ctx, left.child('object'), flask) && isTrue(ctx.value(right))) {
        const fix = debugFromEnv(ctx, right);
        ctx.report(n, { message: 'Debug mode is switched on for the Flask application with `app.debug = True`', ...(fix ? { fix } : {}) });
      }
    }
    const django = isDjangoSettings(ctx);
    for (const s of settings(ctx)) {
      if (s.key !== 'DEBUG' || !isTrue(ctx.value(s.value))) continue;
      const fix = s.where === 'app' ? debugFromEnv(ctx, s.value) : s.where === 'module' && django ? debugFromEnv(ctx, s.value, 'DJANGO_DEBUG') : undefined;
      const withFix = fix ? { fix } : {};
      if (s.where === 'app') ctx.report(s.node, { message: "Debug mode is switched on for the Flask application through its `DEBUG` setting", ...withFix });
      else if (s.where === 'module' && django) ctx.report(s.node, { message: 'The Django settings module hard-codes `DEBUG = True`, which shows settings and stack traces on error pages', ...withFix });
      else if (s.where === 'class' && /prod/i.test(s.className ?? '')) ctx.report(s.node, { message: `The production configuration \`${s.className}\` sets \`DEBUG = True\`` });
    }
  },
);
