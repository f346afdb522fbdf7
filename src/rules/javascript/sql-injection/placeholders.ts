/**
 * The fix template of js/sql-injection: a query string built with a template literal or `+` from
 * plain values becomes constant SQL with driver placeholders (`$1` for pg, `?` for mysql, mysql2,
 * sqlite3 and better-sqlite3) and the values passed beside it.
 */
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { replace, type Edit, type FixSuggestion } from '../../../fix/edits.ts';

type Driver = 'pg' | 'mysql' | 'sqlite3' | 'better-sqlite3';
type Piece = { text: string } | { expr: SyntaxNode };

const MODULE_DRIVERS: [RegExp, Driver][] = [
  [/^(pg|pg-pool)$/, 'pg'],
  [/^mysql2?(\/promise)?$/, 'mysql'],
  [/^sqlite3$/, 'sqlite3'],
  [/^better-sqlite3$/, 'better-sqlite3'],
];
/** The methods that take (sql, values) for each driver. */
const METHODS: Record<Driver, RegExp> = { pg: /^query$/, mysql: /^(query|execute)$/, sqlite3: /^(all|get|run|each)$/, 'better-sqlite3': /^prepare$/ };

function driverOfModule(module: string): Driver | undefined {
  return MODULE_DRIVERS.find(([re]) => re.test(module))?.[1];
}

/** The module a top-level import or require binds to a local name. */
function moduleOfName(ctx: RuleContext, name: string): string | undefined {
  for (const top of ctx.model.tree.root.children) {
    if (top.type === 'import_statement') {
      const clause = top.namedChildren.find((c) => c.type === 'import_clause');
      let binds = false;
      clause?.walk((n) => {
        if (n.type === 'identifier' && n.text === name) binds = true;
      });
      if (binds) return top.child('source')?.text.slice(1, -1);
    } else if (top.type === 'lexical_declaration' || top.type === 'variable_declaration') {
      for (const d of top.namedChildren) {
        const v = d.child('value');
        if (v?.type !== 'call_expression' || v.child('function')?.text !== 'require') continue;
        let binds = false;
        d.child('name')?.walk((n) => {
          if ((n.type === 'identifier' || n.type === 'shorthand_property_identifier_pattern') && n.text === name) binds = true;
        });
        if (binds) return v.child('arguments')?.namedChildren[0]?.text.slice(1, -1);
      }
    }
  }
  return undefined;
}

/** Which driver a call goes to: through its resolved callee, or a TypeScript parameter type (`conn: mysql.Connection`). */
function driverOf(ctx: RuleContext, call: CallSite): Driver | undefined {
  let driver: Driver | undefined;
  if (call.resolved) {
    const module = /^(@?[\w./-]+?)(\(|\.)/.exec(call.callee)?.[1];
    driver = module ? driverOfModule(module) : undefined;
  } else if (call.receiver?.type === 'identifier') {
    const r = ctx.model.reachingDefs(call.receiver.text, call.receiver);
    const type = r?.param && !r.defs.length ? r.param.node.child('type')?.namedChildren[0] : undefined;
    const root = type?.text.split(/[.<]/)[0];
    const module = root ? moduleOfName(ctx, root) : undefined;
    driver = module ? driverOfModule(module) : undefined;
  }
  return driver && METHODS[driver].test(call.name) ? driver : undefined;
}

/** A value that is safe to move into a values array: a name, a property path, or an index into one. */
function isPlainValue(n: SyntaxNode): boolean {
  if (n.type === 'identifier' || n.type === 'property_identifier' || n.type === 'this' || n.type === 'number' || n.type === 'string') return true;
  if (n.type === 'member_expression') return n.child('optional_chain') === null && isPlainValue(n.child('object')!) && isPlainValue(n.child('property')!);
  if (n.type === 'subscript_expression') return isPlainValue(n.child('object')!) && isPlainValue(n.child('index')!);
  return false;
}

/** The pieces of a template literal or a `+` chain of string literals and values; nothing for other shapes. */
function piecesOf(node: SyntaxNode): { pieces: Piece[]; quote: string } | undefined {
  const text = node.source.text;
  if (node.type === 'template_string') {
    const pieces: Piece[] = [];
    let at = node.startIndex + 1;
    for (const sub of node.namedChildren.filter((c) => c.type === 'template_substitution')) {
      const value = sub.namedChildren[0];
      if (!value || sub.namedChildren.length !== 1) return undefined;
      pieces.push({ text: text.slice(at, sub.startIndex) }, { expr: value });
      at = sub.endIndex;
    }
    pieces.push({ text: text.slice(at, node.endIndex - 1) });
    return { pieces, quote: '`' };
  }
  if (node.type !== 'binary_expression' || node.operator !== '+') return undefined;
  const operands: SyntaxNode[] = [];
  const flatten = (n: SyntaxNode): void => {
    if (n.type === 'binary_expression' && n.operator === '+') {
      flatten(n.child('left')!);
      operands.push(n.child('right')!);
    } else operands.push(n);
  };
  flatten(node);
  if (operands[0]?.type !== 'string') return undefined;
  const quote = operands[0].text[0]!;
  const pieces: Piece[] = [];
  for (const o of operands) {
    if (o.type === 'string') {
      if (o.text[0] !== quote) return undefined;
      pieces.push({ text: o.text.slice(1, -1) });
    } else pieces.push({ expr: o });
  }
  return { pieces, quote };
}

/** Text before a bare value that makes it a value, not a name: a comparison, LIKE, or a VALUES list. */
const VALUE_BEFORE = /(=|<>|!=|<=|>=|<|>|\bLIKE|\bVALUES\s*\([^()]*)\s*$/i;
const VALUE_AFTER = /^(\s|\)|,|;|$)/;
const AFFIX = /^[\w%\s.@:-]*$/;

/**
 * Rewrites the pieces into SQL with placeholders and the list of values, or nothing when a value
 * sits where a placeholder cannot go (a table or column name, a list, a LIMIT) or the text already
 * has placeholders.
 */
function parameterise(pieces: Piece[], driver: Driver, quote: string): { sql: string; values: string[] } | undefined {
  let sql = '';
  const values: string[] = [];
  const texts = pieces.filter((p): p is { text: string } => 'text' in p).map((p) => p.text).join('');
  if (/\?|\$\d/.test(texts) || texts.includes('\\')) return undefined;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    if ('text' in p) {
      sql += p.text;
      continue;
    }
    if (!isPlainValue(p.expr)) return undefined;
    const next = pieces[i + 1];
    if (next && !('text' in next)) return undefined;
    const after = next?.text ?? '';
    const placeholder = driver === 'pg' ? `$${values.length + 1}` : '?';
    const open = sql.lastIndexOf("'");
    const quoted = open !== -1 && (sql.slice(0, open).split("'").length - 1) % 2 === 0;
    if (quoted) {
      // '…${v}…' : the quotes (and a constant prefix or suffix such as LIKE's %) move into the value
      const prefix = sql.slice(open + 1);
      const close = after.indexOf("'");
      if (close === -1) return undefined;
      const suffix = after.slice(0, close);
      if (!AFFIX.test(prefix) || !AFFIX.test(suffix)) return undefined;
      values.push(prefix || suffix ? `\`${prefix}\${${p.expr.text}}${suffix}\`` : p.expr.text);
      sql = sql.slice(0, open) + placeholder;
      if (next) next.text = after.slice(close + 1);
      else return undefined;
    } else {
      if (!VALUE_BEFORE.test(sql) || !VALUE_AFTER.test(after)) return undefined;
      values.push(p.expr.text);
      sql += placeholder;
    }
  }
  if (!values.length || (quote !== '`' && sql.includes(quote))) return undefined;
  return { sql: `${quote}${sql}${quote}`, values };
}

/** The names a value expression reads (its root identifiers). */
function rootsOf(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  n.walk((c) => {
    if (c.type === 'identifier') out.push(c);
  });
  return out;
}

/**
 * The query argument's literal: the argument itself, or the `const` it names when that is used
 * only here and the values it reads are the same at the call (nothing reassigns them in between).
 */
function queryLiteral(ctx: RuleContext, arg: SyntaxNode): SyntaxNode | undefined {
  if (arg.type !== 'identifier') return arg;
  const r = ctx.model.reachingDefs(arg.text, arg);
  const d = r && !r.param && r.defs.length === 1 ? r.defs[0]! : undefined;
  if (!d || d.kind !== 'assign' || !d.value || d.path || d.node.type !== 'variable_declarator' || d.node.parent?.child('kind')?.text === 'var') return undefined;
  if ((r!.scope.defs.get(arg.text) ?? []).length !== 1) return undefined;
  const uses = ctx.identifiers(arg.text).filter((n) => n !== arg && n !== d.node.child('name') && r!.scope === ctx.model.scopeOf(n));
  if (uses.length) return undefined;
  for (const id of rootsOf(d.value)) {
    const atDef = ctx.model.reachingDefs(id.text, id);
    const atCall = ctx.model.reachingDefs(id.text, arg);
    if (!atDef || !atCall || atDef.scope !== atCall.scope || atDef.defs.length !== atCall.defs.length || atDef.defs.some((x, i) => x !== atCall.defs[i])) return undefined;
  }
  return d.value;
}

/** A callback argument (a function, or a name that can only be one), as opposed to values already passed. */
function isCallback(ctx: RuleContext, n: SyntaxNode): boolean {
  if (/^(arrow_function|function_expression|function)$/.test(n.type)) return true;
  if (n.type !== 'identifier') return false;
  const r = ctx.model.reachingDefs(n.text, n);
  if (r?.defs.length) return r.defs.every((d) => d.kind === 'function');
  return /^(cb|callback|done|next)$/.test(n.text);
}

/** The placeholder fix for one query call, when driver and query shape are recognised. */
export function placeholderFix(ctx: RuleContext, call: CallSite): FixSuggestion | undefined {
  const arg = call.args[0];
  if (!arg || call.isNew) return undefined;
  const driver = driverOf(ctx, call);
  if (!driver) return undefined;
  const literal = queryLiteral(ctx, arg);
  const parts = literal && piecesOf(literal);
  const built = parts && parameterise(parts.pieces, driver, parts.quote);
  if (!literal || !built) return undefined;
  const list = built.values.join(', ');
  const edits: Edit[] = [replace(literal, built.sql)];
  if (driver === 'better-sqlite3') {
    // db.prepare(sql).get() → db.prepare(sql).get(a, b)
    const member = call.node.parent;
    const run = member?.type === 'member_expression' && /^(get|all|run|iterate)$/.test(member.child('property')?.text ?? '') ? member.parent : null;
    const runArgs = run?.type === 'call_expression' ? run.child('arguments') : null;
    if (call.args.length !== 1 || !runArgs || runArgs.namedChildren.length) return undefined;
    edits.push({ start: runArgs.startIndex + 1, end: runArgs.startIndex + 1, text: list });
  } else {
    // values go right after the SQL; a callback, if any, stays last
    const second = call.args[1];
    if (call.args.length > 2 || (second && !isCallback(ctx, second))) return undefined;
    edits.push({ start: arg.endIndex, end: arg.endIndex, text: `, [${list}]` });
  }
  const style = driver === 'pg' ? '$n' : '?';
  return { description: `pass the values separately with ${style} placeholders (${driver})`, edits };
}
