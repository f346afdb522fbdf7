/**
 * Helpers for the rules on passwords stored without hashing (CWE-522): whether a SQL statement
 * writes a password column, and whether a value is a password that no hashing or key-derivation
 * call touched on its way there. Language-neutral: works on Python, JavaScript, Java and Go trees.
 */
import type { RuleContext } from '../context.ts';
import type { SyntaxNode } from '../../languages/syntax.ts';
import { secretKindOfName, splitWords } from './secrets.ts';

/** Calls that hash, derive a key from or encrypt a password (any strength: weak hashes are another rule's finding). */
const HASHING = /hash|bcrypt|argon|scrypt|pbkdf|crypt|digest|kdf|^sha\d*|md5|make_?password|encode_?password|cipher/i;

/**
 * Whether a SQL text inserts or updates a column named like a clear-text password
 * (`password`, `passwd`, `pwd`, `user_password`), not a hash column (`password_hash`, `pw_digest`).
 */
export function sqlStoresPassword(sql: string): boolean {
  if (!/^\s*(insert|update|replace|upsert|merge)\b/i.test(sql)) return false;
  // Column names only: drop string literals and placeholders.
  const text = sql.replace(/'(?:[^']|'')*'/g, ' ');
  for (const token of text.split(/[^A-Za-z0-9_]+/)) {
    if (token && secretKindOfName(token) === 'password' && !/hash|digest|crypt/i.test(token)) return true;
  }
  return false;
}

/** The name an expression reads: a variable, a field or attribute, a string key, or a getter (`getPassword()`). */
export function leafName(ctx: RuleContext, node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier':
    case 'shorthand_property_identifier':
      return node.text;
    case 'attribute':
      return node.child('attribute')?.text;
    case 'member_expression':
      return node.child('property')?.text;
    case 'field_access':
      return node.child('field')?.text;
    case 'selector_expression':
      return node.child('field')?.text;
    case 'subscript':
    case 'subscript_expression': {
      const v = ctx.value(node.child('subscript') ?? node.child('index'));
      return typeof v === 'string' ? v : undefined;
    }
    case 'call':
    case 'call_expression':
    case 'method_invocation': {
      // `request.form.get("password")`, `req.body.get('password')`, `user.getPassword()`
      const fn = node.child('function');
      const name = node.type === 'method_invocation' ? node.child('name')?.text : fn ? leafName(ctx, fn) : undefined;
      const args = node.child('arguments')?.namedChildren ?? [];
      if (name && /^get[A-Z]\w*$/.test(name) && !args.length) return name.slice(3);
      if (name && /^(get|getParameter|get_argument|getHeader|param)$/.test(name) && args.length >= 1) {
        const v = ctx.value(args[0]);
        return typeof v === 'string' ? v : undefined;
      }
      return undefined;
    }
    case 'parenthesized_expression':
    case 'await_expression':
    case 'await':
      return leafName(ctx, node.namedChildren[node.namedChildren.length - 1]);
  }
  return undefined;
}

/** Whether an expression contains a call that hashes, derives or encrypts. */
function hashesIn(node: SyntaxNode): boolean {
  let found = false;
  node.walk((n) => {
    if (found) return false;
    if (n.type === 'call' || n.type === 'call_expression' || n.type === 'method_invocation' || n.type === 'object_creation_expression') {
      const callee = n.type === 'method_invocation' ? `${n.child('object')?.text ?? ''}.${n.child('name')?.text ?? ''}` : n.type === 'object_creation_expression' ? n.child('type')?.text ?? '' : n.child('function')?.text ?? '';
      if (HASHING.test(callee.split('.').pop() ?? '') || /bcrypt|argon2|passlib|werkzeug\.security|hashlib|crypto|encoder|hasher/i.test(callee)) found = true;
    }
    return undefined;
  });
  return found;
}

/**
 * The name of the password an expression is, when it is one that reaches this point without
 * passing through a hashing call: `password`, `req.body.password`, `user.getPassword()`,
 * `request.form["password"]`. Null for hashes (`password_hash`, `hashed`), for values any of whose
 * assignments hash (`password = bcrypt.hashpw(...)`), and for anything that is not a password.
 */
export function rawPassword(ctx: RuleContext, node: SyntaxNode | null | undefined, depth = 0): string | null {
  if (!node || depth > 3) return null;
  const name = leafName(ctx, node);
  if (!name || secretKindOfName(name) !== 'password') return null;
  if (splitWords(name).some((w) => /^(hash|hashed|digest|encrypted|enc|crypted|salted)$/.test(w))) return null;
  if (node.type === 'identifier' || node.type === 'shorthand_property_identifier') {
    const found = ctx.model.reachingDefs(node.text, node);
    for (const d of found?.defs ?? []) {
      if (!d.value) continue;
      if (hashesIn(d.value)) return null;
    }
  } else if (hashesIn(node)) return null;
  return name;
}

/** The text of a SQL statement: its constant value, or the source text of the (possibly built) string, quotes removed. */
export function sqlTextOf(ctx: RuleContext, node: SyntaxNode | null | undefined, depth = 0): string | undefined {
  if (!node || depth > 3) return undefined;
  const v = ctx.value(node);
  if (typeof v === 'string') return v;
  if (node.type === 'identifier') {
    const d = ctx.model.reachingDefs(node.text, node)?.defs[0];
    return d?.value && d.value !== node ? sqlTextOf(ctx, d.value, depth + 1) : undefined;
  }
  if (node.type === 'call' || node.type === 'call_expression' || node.type === 'method_invocation') {
    // `text("INSERT …")`, `"INSERT … {}".format(...)`, `String.format("INSERT …", …)`, `fmt.Sprintf("INSERT …", …)`
    const fn = node.child('function') ?? node.child('object');
    const first = node.child('arguments')?.namedChildren[0];
    const inner = fn && /string|template|interpreted_string_literal|raw_string_literal/.test(fn.type) ? fn : fn?.child('object') && /string/.test(fn.child('object')!.type) ? fn.child('object') : first;
    return inner ? sqlTextOf(ctx, inner, depth + 1) : undefined;
  }
  const text = node.text.replace(/^[\s(]*[rbfuRBFU]*("""|\'\'\'|"|'|`)/, '');
  return /^\s*[A-Za-z]/.test(text) ? text : undefined;
}

/** Value nodes inside a parameter collection: tuple, list, array, dict or object values, or the node itself. */
export function paramValues(ctx: RuleContext, node: SyntaxNode | null | undefined, depth = 0): SyntaxNode[] {
  if (!node || depth > 2) return [];
  switch (node.type) {
    case 'tuple':
    case 'list':
    case 'array':
    case 'parenthesized_expression':
      return node.namedChildren.flatMap((c) => paramValues(ctx, c, depth + 1));
    case 'dictionary':
    case 'object':
      return node.namedChildren.flatMap((c) => (c.type === 'pair' ? [c.child('value')!].filter(Boolean) : c.type === 'shorthand_property_identifier' ? [c] : []));
    case 'identifier': {
      const d = ctx.model.reachingDefs(node.text, node)?.defs[0];
      if (d?.kind === 'assign' && !d.path && d.value && /^(tuple|list|array|dictionary|object)$/.test(d.value.type)) return paramValues(ctx, d.value, depth + 1);
      return [node];
    }
  }
  return [node];
}

/** The first raw password among the values and the interpolations of an expression. */
export function rawPasswordIn(ctx: RuleContext, nodes: (SyntaxNode | null | undefined)[]): { node: SyntaxNode; name: string } | null {
  for (const n of nodes) {
    if (!n) continue;
    const direct = rawPassword(ctx, n);
    if (direct) return { node: n, name: direct };
    let hit: { node: SyntaxNode; name: string } | null = null;
    n.walk((c) => {
      if (hit) return false;
      const name = c === n ? null : rawPassword(ctx, c);
      if (!name && /^(call|call_expression|method_invocation|object_creation_expression|new_expression|lambda|arrow_function|func_literal)$/.test(c.type)) {
        // Only look through string building and conversions, never into other calls' arguments.
        const callee = c.type === 'method_invocation' ? c.child('name')?.text : c.child('function')?.text.split('.').pop();
        return callee && /^(str|String|format|join|Sprintf|valueOf|toString|trim|strip|concat)$/.test(callee) ? undefined : false;
      }
      if (name) {
        hit = { node: c, name };
        return false;
      }
      return undefined;
    });
    if (hit) return hit;
  }
  return null;
}

/** The expression a local variable was last assigned (`query = "…" % (…)`), or the node itself. */
export function assignedValue(ctx: RuleContext, node: SyntaxNode | null | undefined): SyntaxNode | null | undefined {
  if (node?.type !== 'identifier') return node;
  const d = ctx.model.reachingDefs(node.text, node)?.defs[0];
  // Go's `stmt, err := db.Prepare(...)` binds each name to the call with the path [''].
  const whole = !d?.path || (d.path.length === 1 && d.path[0] === '');
  return d && (d.kind === 'assign' || d.kind === 'augment') && whole && d.value ? d.value : node;
}

/**
 * Whether a field of a record holds a credential that must not leave the server: a password or
 * its hash (`password`, `PasswordHash`, `pw_digest`, `salt` of a password), an API key, a token or
 * a secret. Metadata about credentials (`password_changed_at`, `token_expiry`) is not.
 */
export function isCredentialFieldName(name: string): boolean {
  if (secretKindOfName(name)) return true;
  const words = splitWords(name);
  const pw = words.findIndex((w) => /^(password|passwd|pwd|pass|passphrase)$/.test(w) || /password/.test(w));
  if (pw < 0) return false;
  // `password_hash`, `hashed_password`, `PasswordDigest`, `password_salt`: nothing else after or before.
  const rest = words.filter((_, i) => i !== pw);
  return rest.length > 0 && rest.every((w) => /^(hash|hashed|digest|salt|encrypted|enc|crypt|crypted|bcrypt|user|account|db)$/.test(w));
}
