import { defineRule } from '../../rule.ts';
import { origin, propOf } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { TaintResult } from '../../../analysis/taint.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { firstTainted } from '../../python/ssrf/url-parts.ts';
import { normaliseSinkText } from '../../../scanner/fingerprint.ts';
import { combineGroupFixes, replace, type FixSuggestion } from '../../../fix/edits.ts';

const HTML_PROPERTIES = new Set(['innerHTML', 'outerHTML']);
const JQUERY_INSERT = new Set(['html', 'append', 'prepend', 'after', 'before', 'replaceWith', 'wrap', 'wrapAll', 'wrapInner']);

function remote(ctx: RuleContext, node: SyntaxNode | null | undefined): TaintResult | null {
  if (!node) return null;
  const t = ctx.taint(node, 'html');
  return t.level === 'remote' ? t : null;
}

/** `$(...)`, `jQuery(...)`, or a `$name` variable: a jQuery object. */
function isJquery(node: SyntaxNode | null): boolean {
  for (let n = node, i = 0; n && i < 8; i++) {
    if (n.type === 'identifier') return /^\$/.test(n.text) || n.text === 'jQuery';
    if (n.type === 'call_expression' || n.type === 'member_expression') n = n.child(n.type === 'call_expression' ? 'function' : 'object');
    else return false;
  }
  return false;
}

/** Names that say a value is markup on purpose; rendering it as text would change the page. */
const HTML_NAMES = /html|markup|svg|template|rendered|snippet|widget|fragment/i;
/** Calls that keep a value plain text. */
const TEXT_CALLS = new Set(['String', 'decodeURIComponent', 'decodeURI', 'get', 'getItem', 'trim', 'toString', 'slice', 'substring', 'substr', 'toUpperCase', 'toLowerCase', 'toLocaleString', 'toFixed']);
const TEXT_NODES = new Set(['number', 'string_fragment', 'escape_sequence', 'property_identifier', 'this', 'true', 'false', 'null', 'undefined', 'comment', 'regex', 'regex_pattern', 'regex_flags']);

/**
 * Whether a value is plain text: no string piece holds markup (`<`, `&`), no name says HTML, calls
 * are only text conversions, and local variables hold such values too. Parameters and anything
 * not recognised count as possibly HTML.
 */
function plainText(ctx: RuleContext, node: SyntaxNode | null | undefined, depth = 3): boolean {
  if (!node || depth < 0) return false;
  switch (node.type) {
    case 'string_fragment':
    case 'escape_sequence':
      return !/[<&]/.test(node.text);
    case 'string':
    case 'template_string':
    case 'template_substitution':
    case 'parenthesized_expression':
    case 'binary_expression':
    case 'ternary_expression':
    case 'arguments':
      return node.namedChildren.every((c) => plainText(ctx, c, depth));
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression':
      // TypeScript: the type says nothing about markup; the value is the first child.
      return plainText(ctx, node.namedChildren[0], depth);
    case 'member_expression':
    case 'subscript_expression': {
      const prop = node.child('property') ?? node.child('index');
      if (HTML_NAMES.test(prop?.text ?? '')) return false;
      return node.namedChildren.every((c) => plainText(ctx, c, depth));
    }
    case 'call_expression': {
      const fn = node.child('function');
      const name = fn?.type === 'member_expression' ? fn.child('property')?.text : fn?.text;
      if (!name || !TEXT_CALLS.has(name)) return false;
      return (fn!.type !== 'member_expression' || plainText(ctx, fn!.child('object'), depth)) && plainText(ctx, node.child('arguments'), depth);
    }
    case 'new_expression':
      // new URLSearchParams(location.search), new URL(document.URL)
      return /^(URLSearchParams|URL)$/.test(node.child('constructor')?.text ?? '') && plainText(ctx, node.child('arguments'), depth);
    case 'identifier': {
      if (HTML_NAMES.test(node.text)) return false;
      if (/^(window|document|location|self|globalThis|event)$/.test(node.text)) return true;
      const r = ctx.model.reachingDefs(node.text, node);
      if (!r) return false;
      if (r.param || !r.defs.length) return node.text === 'event' || (r.param !== undefined && /^(e|ev|evt|event|msg|message)$/.test(node.text) && r.defs.length === 0 && isHandlerParam(node, r.param.node));
      return r.defs.every((d) => d.kind === 'assign' && !d.path && plainText(ctx, d.value, depth - 1));
    }
    default:
      return TEXT_NODES.has(node.type);
  }
}

/** The event parameter of a listener: `addEventListener('message', (event) => …)`. */
function isHandlerParam(_use: SyntaxNode, param: SyntaxNode): boolean {
  const fn = param.ancestor(new Set(['arrow_function', 'function_expression']));
  const call = fn?.parent?.parent;
  return call?.type === 'call_expression' && /(^|\.)(addEventListener|on)$/.test(call.child('function')?.text ?? '');
}

/** `el.innerHTML = text` → `el.textContent = text`; `insertAdjacentHTML` → `insertAdjacentText`; jQuery `.html(text)` → `.text(text)`. */
function textFix(ctx: RuleContext, property: SyntaxNode | null | undefined, value: SyntaxNode, to: string): FixSuggestion | undefined {
  if (!property || !plainText(ctx, value)) return undefined;
  return { description: `insert the value as text (${to}), not as HTML`, edits: [replace(property, to)] };
}

export default defineRule(
  {
    id: 'js/dom-xss',
    title: 'Data from the URL or another window inserted into the page as HTML',
    cwe: ['CWE-79'],
    confidence: 'high',
    languages: ['javascript', 'typescript'],
    description:
      'The URL fragment and query, `document.referrer`, `window.name` and `postMessage` data are chosen by whoever links to or frames the page. Assigning them to `innerHTML`, passing them to `document.write`, `insertAdjacentHTML`, jQuery\'s `.html()`/`$()` or React\'s `dangerouslySetInnerHTML` parses them as markup, so an `<img onerror=…>` in a crafted link runs script in the site\'s origin.',
    remediation:
      'Insert text with `textContent`/`innerText` or `document.createTextNode`, build elements with `createElement`, and let React render values as children. When HTML is truly needed, clean it with `DOMPurify.sanitize(...)` first; for `postMessage`, also check `event.origin`.',
    references: [
      'https://cwe.mitre.org/data/definitions/79.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/DOM_based_XSS_Prevention_Cheat_Sheet.html',
      'https://developer.mozilla.org/en-US/docs/Web/API/Element/innerHTML#security_considerations',
    ],
    example: {
      bad: "const q = new URLSearchParams(location.search).get('q');\ndocument.getElementById('title').innerHTML = `Results for ${q}`;",
      good: "const q = new URLSearchParams(location.search).get('q');\ndocument.getElementById('title').textContent = `Results for ${q}`;",
    },
    tags: ['xss', 'browser'],
  },
  (ctx) => {
    const root = ctx.model.tree.root;
    const pending: { node: SyntaxNode; message: string; key: string; fix?: FixSuggestion }[] = [];
    const fixable = (node: SyntaxNode, message: string, fix: FixSuggestion | undefined) =>
      pending.push({ node, message, key: `${ctx.model.scopeOf(node).name}\u0000${normaliseSinkText(node.text)}`, ...(fix ? { fix } : {}) });
    for (const assign of root.descendants(new Set(['assignment_expression', 'augmented_assignment_expression']))) {
      const left = assign.child('left');
      const prop = left?.type === 'member_expression' ? left.child('property')?.text ?? '' : '';
      if (!HTML_PROPERTIES.has(prop)) continue;
      const right = assign.child('right');
      const t = remote(ctx, right);
      const plain = assign.type === 'assignment_expression' && prop === 'innerHTML';
      if (t && right) fixable(right, `${origin(t)} is assigned to ${prop} and parsed as HTML`.replace(/^./, (c) => c.toUpperCase()), plain ? textFix(ctx, left!.child('property'), right, 'textContent') : undefined);
    }
    for (const call of ctx.calls('document.write', 'document.writeln', 'window.document.write', 'window.document.writeln', '*.insertAdjacentHTML', '*.createContextualFragment')) {
      const value = call.name === 'insertAdjacentHTML' ? call.args[1] : call.args[0];
      if (call.name === 'write' || call.name === 'writeln') {
        if (!/^(?:window\.)?document\.write(?:ln)?$/.test(call.callee)) continue;
      }
      const t = remote(ctx, value);
      const fn = call.node.child('function');
      const fix = call.name === 'insertAdjacentHTML' && call.args.length === 2 && fn?.type === 'member_expression' && value ? textFix(ctx, fn.child('property'), value, 'insertAdjacentText') : undefined;
      if (t && value) fixable(value, `HTML written by ${call.name} is built from ${origin(t)}`, fix);
    }
    for (const call of ctx.calls(...[...JQUERY_INSERT].map((m) => `*.${m}`))) {
      const value = call.args[0];
      if (!value || call.args.length !== 1 || !isJquery(call.receiver)) continue;
      const t = remote(ctx, value);
      const fn = call.node.child('function');
      const fix = call.name === 'html' && fn?.type === 'member_expression' ? textFix(ctx, fn.child('property'), value, 'text') : undefined;
      if (t) fixable(value, `jQuery .${call.name}() parses ${origin(t)} as HTML`, fix);
    }
    // Fixed one at a time, two identical sinks of one scope would swap fingerprints.
    const fixes = combineGroupFixes(pending);
    pending.forEach((p, i) => {
      const fix = fixes[i];
      ctx.report(p.node, { message: p.message, confidence: 'high', ...(fix ? { fix } : {}) });
    });
    // $(location.hash) creates elements when the string looks like HTML; a constant selector prefix keeps it a selector.
    for (const call of ctx.calls('$', 'jQuery', 'jquery')) {
      const value = call.args[0];
      if (!value || call.receiver) continue;
      const hit = firstTainted(ctx, value, (n) => ctx.taint(n, 'html'), (t) => t.level === 'remote');
      if (hit && (hit.prefix.trim() === '' || hit.prefix.includes('<'))) {
        ctx.report(value, { message: `jQuery's $() may parse ${origin(hit.taint)} as HTML`, confidence: 'high' });
      }
    }
    // React: <div dangerouslySetInnerHTML={{ __html: value }} />
    for (const attr of root.descendants('jsx_attribute')) {
      if (attr.namedChildren[0]?.text !== 'dangerouslySetInnerHTML') continue;
      const obj = attr.namedChildren[1]?.namedChildren[0];
      const value = propOf(obj, '__html');
      const t = remote(ctx, value);
      if (t && value) ctx.report(value, { message: `dangerouslySetInnerHTML renders ${origin(t)} as HTML`, confidence: 'high' });
    }
  },
);
