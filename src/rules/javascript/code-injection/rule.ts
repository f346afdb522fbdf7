import { defineRule } from '../../rule.ts';
import { confidenceOf, origin } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { CallSite } from '../../../analysis/model.ts';
import { replace, type FixSuggestion } from '../../../fix/edits.ts';

const EVAL = ['eval', 'window.eval', 'globalThis.eval', 'global.eval'];
const FUNCTION = ['Function', 'window.Function', 'globalThis.Function'];
const TIMERS = ['setTimeout', 'setInterval', 'setImmediate', 'window.setTimeout', 'window.setInterval'];
const VM = ['vm.runInNewContext', 'vm.runInThisContext', 'vm.runInContext', 'vm.Script', 'vm.compileFunction', 'vm.SourceTextModule'];
const FUNCTION_NODES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);

const isText = (n: SyntaxNode | null | undefined, value: string): boolean => n?.type === 'string' && n.text.slice(1, -1) === value;

/**
 * The JSON text an `eval` call parses, when the code says it is JSON: the `'(' + text + ')'`
 * idiom (or its template form), a `JSON.stringify(…)` round trip, or a variable or property
 * named for JSON (`jsonText`, `res.responseJSON`).
 */
function jsonText(arg: SyntaxNode): SyntaxNode | undefined {
  if (arg.type === 'binary_expression' && arg.operator === '+' && isText(arg.child('right'), ')')) {
    const left = arg.child('left');
    if (left?.type === 'binary_expression' && left.operator === '+' && isText(left.child('left'), '(')) return left.child('right') ?? undefined;
    return undefined;
  }
  if (arg.type === 'template_string') {
    const parts = arg.namedChildren;
    const sub = parts.find((p) => p.type === 'template_substitution');
    if (parts.length === 3 && sub === parts[1] && parts[0]!.text === '(' && parts[2]!.text === ')') return sub.namedChildren[0];
    return undefined;
  }
  if (arg.type === 'call_expression' && arg.child('function')?.text === 'JSON.stringify') return arg;
  const name = arg.type === 'identifier' ? arg.text : arg.type === 'member_expression' ? arg.child('property')?.text ?? '' : '';
  return /json/i.test(name) ? arg : undefined;
}

/** `eval('(' + text + ')')` → `JSON.parse(text)`: data, not code. */
function jsonFix(call: CallSite): FixSuggestion | undefined {
  const arg = call.args[0];
  if (call.args.length !== 1 || call.isNew || !arg) return undefined;
  const text = jsonText(arg);
  return text && { description: 'parse the JSON text with JSON.parse instead of running it with eval', edits: [replace(call.node, `JSON.parse(${text.text})`)] };
}

function check(ctx: RuleContext, node: SyntaxNode | undefined, sink: string, stringOnly: boolean, fix?: FixSuggestion): void {
  if (!node || FUNCTION_NODES.has(node.type) || node.type === 'spread_element') return;
  const t = ctx.taint(node, 'code');
  const tainted = t.level === 'remote' || t.level === 'local' || (t.level === 'parameter' && (!stringOnly || t.built));
  if (tainted) {
    ctx.report(node, { message: `${sink} runs code built from ${origin(t)}`, confidence: confidenceOf(t), ...(fix ? { fix } : {}) });
  } else if (t.built && t.level !== 'constant') {
    ctx.report(node, { message: `${sink} runs code assembled from non-constant parts`, confidence: 'medium', ...(fix ? { fix } : {}) });
  }
}

export default defineRule(
  {
    id: 'js/code-injection',
    title: 'JavaScript code built from untrusted data is evaluated',
    cwe: ['CWE-95', 'CWE-94'],
    confidence: 'high',
    languages: ['javascript', 'typescript'],
    description:
      '`eval`, `new Function`, string arguments to `setTimeout`/`setInterval` and Node\'s `vm` module compile their input as JavaScript. In a server this runs with the rights of the Node process (`require("child_process")` is one expression away, and `vm` is not a security boundary); in a browser it runs in the page\'s origin. Code containing request data, process input or a caller-supplied string lets that input run code of its own.',
    remediation:
      'Do not evaluate input: parse data with `JSON.parse`, map allowed operation names to functions in a lookup table, use a real expression parser for formulas, and pass functions (not strings) to timers. Untrusted code needs an isolated process or a dedicated sandbox such as `isolated-vm`, never `vm`.',
    references: [
      'https://cwe.mitre.org/data/definitions/95.html',
      'https://cwe.mitre.org/data/definitions/94.html',
      'https://nodejs.org/api/vm.html#vm-executing-javascript',
      'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/eval#never_use_direct_eval!',
    ],
    example: {
      bad: 'const result = eval(req.query.expr);',
      good: 'const ops = { add: (a, b) => a + b };\nconst result = ops[req.query.op]?.(Number(req.query.a), Number(req.query.b));',
    },
    tags: ['injection', 'eval'],
  },
  (ctx) => {
    for (const call of ctx.calls(...EVAL)) check(ctx, call.args[0], 'eval()', false, jsonFix(call));
    for (const call of ctx.calls(...FUNCTION)) {
      // Every argument is source text: parameter names first, the body last.
      for (const arg of call.args) check(ctx, arg, call.isNew ? 'new Function()' : 'Function()', false);
    }
    for (const call of ctx.calls(...TIMERS)) check(ctx, call.args[0], `${call.name}() with a string`, true);
    for (const call of ctx.calls(...VM)) check(ctx, call.args[0], `${call.callee}()`, false);
  },
);
