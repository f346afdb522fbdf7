import { defineRule } from '../../rule.ts';
import { securityContextName } from '../../common/secrets.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { combineGroupFixes, replace, type Edit, type FixSuggestion } from '../../../fix/edits.ts';

/** Code that runs in a browser, where `node:crypto` does not exist. */
const BROWSER_GLOBALS = new Set(['document', 'window', 'localStorage', 'sessionStorage', 'navigator']);
const BROWSER_PACKAGES = /^['"](react|react-dom|vue|svelte|@angular\/.*|preact|solid-js|next\/(router|navigation|link|image))['"]$/;
const CRYPTO_MODULE = /^['"](node:)?crypto['"]$/;
const DECLARING = new Set(['variable_declarator', 'required_parameter', 'optional_parameter', 'formal_parameters', 'import_specifier', 'import_clause', 'namespace_import', 'function_declaration', 'class_declaration', 'shorthand_property_identifier_pattern', 'pair_pattern', 'array_pattern', 'assignment_pattern', 'catch_clause']);

const isRequire = (n: SyntaxNode | null | undefined): boolean =>
  n?.type === 'call_expression' && n.child('function')?.text === 'require';

/** A top-level `const x = require('…')` (or `const { a } = require('…')`). */
function isRequireDeclaration(n: SyntaxNode): boolean {
  if (n.type !== 'lexical_declaration' && n.type !== 'variable_declaration') return false;
  const decls = n.namedChildren.filter((c) => c.type === 'variable_declarator');
  return decls.length > 0 && decls.every((d) => {
    let v = d.child('value');
    while (v?.type === 'member_expression') v = v.child('object');
    return isRequire(v);
  });
}

/**
 * How the fixed code reaches Node's crypto module: the name of an existing binding, or `crypto`
 * with the import line to add in the file's module style. Nothing when the file may run in a
 * browser, when its module style is unclear, or when `crypto` names something else.
 */
function cryptoAccess(ctx: RuleContext): { name: string; edit?: Edit } | undefined {
  const root = ctx.model.tree.root;
  const top = root.children;
  const imports = top.filter((c) => c.type === 'import_statement');
  if (imports.some((i) => BROWSER_PACKAGES.test(i.child('source')?.text ?? ''))) return undefined;
  if ([...BROWSER_GLOBALS].some((g) => ctx.identifiers(g).length > 0)) return undefined;
  if (ctx.nodes('jsx_element', 'jsx_self_closing_element').length) return undefined;
  for (const i of imports) {
    if (!CRYPTO_MODULE.test(i.child('source')?.text ?? '')) continue;
    const clause = i.namedChildren.find((c) => c.type === 'import_clause');
    const ns = clause?.namedChildren.find((c) => c.type === 'identifier' || c.type === 'namespace_import');
    const id = ns?.type === 'namespace_import' ? ns.namedChildren.find((c) => c.type === 'identifier') : ns;
    if (id) return { name: id.text };
  }
  for (const d of root.descendants('variable_declarator')) {
    const name = d.child('name');
    if (name?.type === 'identifier' && isRequire(d.child('value')) && CRYPTO_MODULE.test(d.child('value')!.child('arguments')?.namedChildren[0]?.text ?? '') && d.ancestor(new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'class_body'])) === null) return { name: name.text };
  }
  // Adding a `crypto` binding must not collide with one the file declares.
  if (ctx.identifiers('crypto').some((n) => n.parent && DECLARING.has(n.parent.type))) return undefined;
  const esm = top.some((c) => c.type === 'import_statement' || c.type === 'export_statement');
  const cjs = !esm && (ctx.model.calls.some((c) => c.name === 'require' && !c.receiver) || ctx.identifiers('module').length > 0 || ctx.identifiers('exports').length > 0);
  if (!esm && !cjs) return undefined;
  const text = root.source.text;
  const lineAfter = (n: SyntaxNode, line: string): Edit => {
    const eol = text.indexOf('\n', n.endIndex);
    const at = eol === -1 ? text.length : eol + 1;
    return { start: at, end: at, text: `${eol === -1 ? '\n' : ''}${line}\n` };
  };
  if (esm) {
    const line = ctx.language === 'typescript' ? "import * as crypto from 'node:crypto';" : "import crypto from 'node:crypto';";
    const last = imports.at(-1);
    return { name: 'crypto', edit: last ? lineAfter(last, line) : atTop(text, line) };
  }
  // CommonJS: after the leading block of requires, so the binding exists before any top-level code runs.
  let anchor: SyntaxNode | undefined;
  for (const c of top) {
    if (isRequireDeclaration(c)) anchor = c;
    else if (c.type === 'comment' || (c.type === 'expression_statement' && c.namedChildren[0]?.type === 'string')) continue;
    else break;
  }
  const line = "const crypto = require('node:crypto');";
  return { name: 'crypto', edit: anchor ? lineAfter(anchor, line) : atTop(text, line, top) };
}

/** An insertion at the top of a file, after a shebang and a 'use strict' directive. */
function atTop(text: string, line: string, top: SyntaxNode[] = []): Edit {
  let at = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
  const first = top.find((c) => c.type !== 'comment');
  if (first?.type === 'expression_statement' && first.namedChildren[0]?.type === 'string' && /^['"]use strict['"]/.test(first.text)) {
    const eol = text.indexOf('\n', first.endIndex);
    at = eol === -1 ? text.length : eol + 1;
  }
  return { start: at, end: at, text: `${line}\n` };
}

/** The value of an integer literal (`36`, `1e6`, `1_000_000`), if the node is one. */
function integer(n: SyntaxNode | null | undefined): number | undefined {
  if (n?.type !== 'number') return undefined;
  const v = Number(n.text.replace(/_/g, ''));
  return Number.isSafeInteger(v) ? v : undefined;
}

const opOf = (n: SyntaxNode): string | null => n.operator;
const MAX_RANDOM_INT = 2 ** 48 - 1;
const isCall = (n: SyntaxNode | null | undefined, callee: string): n is SyntaxNode => n?.type === 'call_expression' && n.child('function')?.text.replace(/\s+/g, '') === callee;
const argsOf = (n: SyntaxNode): SyntaxNode[] => n.child('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
const unparen = (n: SyntaxNode | null): SyntaxNode | null => (n?.parent?.type === 'parenthesized_expression' ? unparen(n.parent) : n);

/** `Math.random() * n` where n is an integer literal or a `.length`: the bound, as text. */
function scaledBound(product: SyntaxNode | null, random: SyntaxNode): { bound: string; value?: number } | undefined {
  if (product?.type !== 'binary_expression' || opOf(product) !== '*') return undefined;
  const left = product.child('left');
  const right = product.child('right');
  const other = left?.startIndex === random.startIndex ? right : right?.startIndex === random.startIndex ? left : null;
  if (!other) return undefined;
  const value = integer(other);
  if (value !== undefined) return value >= 1 && value <= MAX_RANDOM_INT ? { bound: other.text, value } : undefined;
  // `chars.length`, `this.alphabet.length`: always a non-negative integer.
  if (other.type === 'member_expression' && other.child('property')?.text === 'length' && /^[\w$.]+$/.test(other.child('object')?.text ?? '')) return { bound: other.text };
  return undefined;
}

/** The rewrite of the expression around one `Math.random()` call, or nothing for shapes not recognised. */
function randomRewrite(random: SyntaxNode, crypto: string): Edit | undefined {
  const parent = random.parent;
  // Math.random().toString(36).slice(2[, end]) → random hex of the same length (32 characters without an end)
  if (parent?.type === 'member_expression' && parent.child('property')?.text === 'toString') {
    const toString = parent.parent;
    if (toString?.type !== 'call_expression' || argsOf(toString).length !== 1 || !integer(argsOf(toString)[0])) return undefined;
    const member = toString.parent;
    const method = member?.type === 'member_expression' ? member.child('property')?.text ?? '' : '';
    const outer = member?.parent;
    if (!/^(slice|substring|substr)$/.test(method) || outer?.type !== 'call_expression') return undefined;
    const args = argsOf(outer);
    if (integer(args[0]) !== 2 || args.length > 2) return undefined;
    let length = 32;
    if (args.length === 2) {
      const end = integer(args[1]);
      if (end === undefined) return undefined;
      length = method === 'substr' ? end : end - 2;
      if (length < 1 || length > 64) return undefined;
    }
    const bytes = Math.ceil(length / 2);
    return replace(outer, `${crypto}.randomBytes(${bytes}).toString('hex')${length % 2 ? `.slice(0, ${length})` : ''}`);
  }
  const product = unparen(parent);
  const scaled = scaledBound(product, random);
  if (!scaled || !product) return undefined;
  const inFloor = product.parent?.type === 'arguments' && isCall(product.parent.parent, 'Math.floor') && argsOf(product.parent.parent).length === 1 ? product.parent.parent : undefined;
  if (inFloor) {
    // Math.floor(Math.random() * n) + min → crypto.randomInt(min, min + n), when both are literals
    const sum = unparen(inFloor)?.parent;
    if (sum?.type === 'binary_expression' && opOf(sum) === '+' && sum.child('left')?.startIndex === inFloor.startIndex && sum.child('left') === unparen(inFloor)) {
      const min = integer(sum.child('right'));
      if (min !== undefined && scaled.value !== undefined && min >= 0 && Number.isSafeInteger(min + scaled.value)) return replace(sum, `${crypto}.randomInt(${min}, ${min + scaled.value})`);
      if (min !== undefined) return undefined;
    }
    return replace(inFloor, `${crypto}.randomInt(${scaled.bound})`);
  }
  // Math.floor(min + Math.random() * n) → crypto.randomInt(min, min + n)
  const plus = product.parent;
  if (plus?.type === 'binary_expression' && opOf(plus) === '+' && scaled.value !== undefined) {
    const min = integer(plus.child('left')?.startIndex === product.startIndex ? plus.child('right') : plus.child('left'));
    const floor = plus.parent?.type === 'arguments' && isCall(plus.parent.parent, 'Math.floor') && argsOf(plus.parent.parent).length === 1 ? plus.parent.parent : undefined;
    if (floor && min !== undefined && min >= 0 && Number.isSafeInteger(min + scaled.value)) return replace(floor, `${crypto}.randomInt(${min}, ${min + scaled.value})`);
  }
  return undefined;
}

function randomFix(ctx: RuleContext, call: CallSite): FixSuggestion | undefined {
  if (call.args.length) return undefined;
  const access = cryptoAccess(ctx);
  if (!access) return undefined;
  const edit = randomRewrite(call.node, access.name);
  if (!edit) return undefined;
  return { description: 'draw the value from the CSPRNG (node:crypto) instead of Math.random()', edits: access.edit ? [edit, access.edit] : [edit] };
}

export default defineRule(
  {
    id: 'js/insecure-randomness',
    title: 'Predictable Math.random() used for a security value',
    cwe: ['CWE-338', 'CWE-330'],
    confidence: 'high',
    languages: ['javascript', 'typescript'],
    description:
      '`Math.random()` is not a cryptographic generator: V8 uses xorshift128+, whose state can be recovered from a handful of outputs, after which every other value is predictable. Tokens, passwords, one-time codes, reset links, session ids and salts built from it can be guessed by an attacker.',
    remediation:
      "Use the CSPRNG: `crypto.randomBytes(32).toString('hex')`, `crypto.randomUUID()`, `crypto.randomInt(0, 1_000_000)` in Node, or `crypto.getRandomValues(new Uint8Array(32))` in browsers.",
    references: ['https://cwe.mitre.org/data/definitions/338.html', 'https://nodejs.org/api/crypto.html#cryptorandomintmin-max-callback', 'https://developer.mozilla.org/en-US/docs/Web/API/Crypto/getRandomValues'],
    example: {
      bad: 'const resetToken = Math.random().toString(36).substring(2);',
      good: "const resetToken = crypto.randomBytes(32).toString('hex');",
    },
    tags: ['crypto', 'randomness'],
  },
  (ctx) => {
    const reports = ctx.calls('Math.random').flatMap((call) => {
      const name = securityContextName(call.node);
      return name ? [{ call, name, key: ctx.model.scopeOf(call.node).name, fix: randomFix(ctx, call) }] : [];
    });
    // Fixed one at a time, two Math.random() calls of one function would swap fingerprints.
    const fixes = combineGroupFixes(reports);
    reports.forEach(({ call, name }, i) => {
      const fix = fixes[i];
      ctx.report(call.node, { message: `Math.random() is predictable but is used for the security value '${name}'`, ...(fix ? { fix } : {}) });
    });
  },
);
