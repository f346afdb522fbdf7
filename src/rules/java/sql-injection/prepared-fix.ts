/**
 * The fix template of java/sql-injection: a `Statement` run on SQL concatenated from variables
 * becomes a `PreparedStatement` with `?` placeholders and `setString`/`setInt`/`setLong` bindings.
 * Only the plain shape is rewritten: one `Statement` created by `createStatement()` and used for this
 * one query, SQL that is a `+` chain of string literals and local names, and values whose place in
 * the SQL (inside quotes for strings, bare for `int`/`long`) makes the binding exact.
 */
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { javaDeclaration, javaStringValue } from '../../../languages/java/adapter.ts';
import { addImport, insertBefore, replace, type Edit, type FixSuggestion } from '../../../fix/edits.ts';

const EXECUTE = new Set(['executeQuery', 'executeUpdate', 'execute']);
/** Ancestors a call may sit under inside its statement so that nothing runs before it in that statement. */
const PLAIN_PARENTS = new Set(['variable_declarator', 'local_variable_declaration', 'expression_statement', 'return_statement', 'assignment_expression']);
const WORD = /[A-Za-z0-9_$]/;

interface Binding {
  setter: 'setString' | 'setInt' | 'setLong';
  value: string;
}

/** The parts of a `+` chain, left to right. */
function flatten(node: SyntaxNode, out: SyntaxNode[] = []): SyntaxNode[] {
  const l = node.child('left');
  const r = node.child('right');
  if (node.type === 'binary_expression' && node.operator === '+' && l && r) {
    flatten(l, out);
    flatten(r, out);
  } else out.push(node);
  return out;
}

const javaString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r')}"`;

function typeOf(ctx: RuleContext, id: SyntaxNode): string | null {
  const d = javaDeclaration(id.text, id, ctx.model);
  return d ? d.type.replace(/^java\.lang\./, '') : null;
}

/** The constant SQL with `?` placeholders and the bindings, or undefined when the shape is not certain. */
function parameterise(ctx: RuleContext, concat: SyntaxNode): { sql: string; bindings: Binding[]; names: SyntaxNode[] } | undefined {
  const parts = flatten(concat);
  if (parts.length < 2 || parts[0].type !== 'string_literal' || parts[0].text.startsWith('"""')) return undefined;
  let sql = '';
  const bindings: Binding[] = [];
  const names: SyntaxNode[] = [];
  // Inside quotes: the pieces of the quoted SQL string, literal text and String-typed names.
  let group: (string | SyntaxNode)[] | null = null;
  const closeGroup = (): boolean => {
    const g = group!;
    group = null;
    if (!g.some((p) => typeof p !== 'string')) {
      sql += `'${g.join('')}'`;
      return true;
    }
    sql += '?';
    const pieces = g.filter((p) => p !== '').map((p) => (typeof p === 'string' ? javaString(p) : p.text));
    bindings.push({ setter: 'setString', value: pieces.join(' + ') });
    return true;
  };
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.type === 'string_literal') {
      if (p.text.startsWith('"""')) return undefined;
      const text = javaStringValue(p);
      // Existing placeholders would shift the parameter numbers; backslashes mean dialect escapes.
      if (text.includes('?') || text.includes('\\')) return undefined;
      for (let j = 0; j < text.length; j++) {
        const c = text[j];
        if (group) {
          if (c === "'") {
            if (text[j + 1] === "'") return undefined;
            closeGroup();
            if (text[j + 1] !== undefined && WORD.test(text[j + 1])) return undefined;
          } else {
            const last = group.length - 1;
            if (typeof group[last] === 'string') group[last] += c;
            else group.push(c);
          }
        } else if (c === "'") {
          if (sql && WORD.test(sql[sql.length - 1])) return undefined;
          group = [''];
        } else sql += c;
      }
      continue;
    }
    if (p.type !== 'identifier') return undefined;
    const type = typeOf(ctx, p);
    names.push(p);
    if (group) {
      if (type !== 'String') return undefined;
      (group as (string | SyntaxNode)[]).push(p);
      continue;
    }
    // A bare value is a number in the SQL; only int and long bind to exactly the same text.
    if (type !== 'int' && type !== 'long') return undefined;
    const next = parts[i + 1];
    if (sql && WORD.test(sql[sql.length - 1])) return undefined;
    if (next && next.type === 'string_literal' && WORD.test(javaStringValue(next)[0] ?? '')) return undefined;
    if (next && next.type !== 'string_literal') return undefined;
    sql += '?';
    bindings.push({ setter: type === 'int' ? 'setInt' : 'setLong', value: p.text });
  }
  if (group || !bindings.length) return undefined;
  return { sql, bindings, names };
}

/** The statement of a block that holds a node, if only plain declarations/assignments lie between. */
function statementOf(node: SyntaxNode): SyntaxNode | undefined {
  let n = node;
  while (n.parent && n.parent.type !== 'block') {
    if (!PLAIN_PARENTS.has(n.parent.type)) return undefined;
    n = n.parent;
  }
  return n.parent ? n : undefined;
}

/** Identifiers named `name` inside `within`. */
function usesOf(ctx: RuleContext, name: string, within: SyntaxNode): SyntaxNode[] {
  return ctx.identifiers(name).filter((n) => within.contains(n));
}

function enclosingMethod(node: SyntaxNode): SyntaxNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'method_declaration' || n.type === 'constructor_declaration' || n.type === 'lambda_expression') return n;
  return undefined;
}

/** The single local declaration of a name that reaches a use: its declarator (or resource) and value. */
function localDecl(ctx: RuleContext, id: SyntaxNode): { decl: SyntaxNode; type: SyntaxNode; value: SyntaxNode } | undefined {
  const found = ctx.model.reachingDefs(id.text, id);
  if (!found || found.param || found.defs.length !== 1) return undefined;
  const value = found.defs[0].value;
  const holder = value?.parent;
  if (!value || !holder) return undefined;
  if (holder.type === 'resource') {
    const type = holder.child('type');
    return type ? { decl: holder, type, value } : undefined;
  }
  if (holder.type !== 'variable_declarator' || holder.parent?.type !== 'local_variable_declaration') return undefined;
  const lvd = holder.parent;
  const type = lvd.child('type');
  if (!type || lvd.namedChildren.filter((c) => c.type === 'variable_declarator').length !== 1) return undefined;
  return { decl: lvd, type, value };
}

/** `st.executeQuery(sql)` on a `Statement` → a `PreparedStatement` with placeholders, when the shape is certain. */
export function preparedStatementFix(ctx: RuleContext, call: CallSite): FixSuggestion | undefined {
  if (!EXECUTE.has(call.name) || call.args.length !== 1 || call.receiver?.type !== 'identifier') return undefined;
  const method = enclosingMethod(call.node);
  const exec = statementOf(call.node);
  const args = call.node.child('arguments');
  if (!method || !exec || !args) return undefined;

  // The Statement: created here by createStatement(), used for nothing but this query (and close()).
  const st = call.receiver;
  const stDecl = localDecl(ctx, st);
  if (!stDecl || !/^(java\.sql\.)?Statement$/.test(stDecl.type.text)) return undefined;
  const create = stDecl.value;
  const createName = create.child('name');
  const createArgs = create.child('arguments');
  if (create.type !== 'method_invocation' || createName?.text !== 'createStatement' || !createArgs || createArgs.namedChildren.length || !create.child('object')) return undefined;
  for (const u of usesOf(ctx, st.text, method)) {
    if (u === st || u.parent === stDecl.decl || u.parent?.parent === stDecl.decl) continue;
    if (u.parent?.type === 'method_invocation' && u.parent.child('object') === u && u.parent.child('name')?.text === 'close') continue;
    return undefined;
  }

  // The SQL: inline, or a local String declared once before the Statement and used only here.
  const arg = call.args[0];
  let concat: SyntaxNode;
  let sqlRef: string;
  let sqlDecl: SyntaxNode | undefined;
  if (arg.type === 'identifier') {
    const d = localDecl(ctx, arg);
    if (!d || d.decl.type !== 'local_variable_declaration' || d.type.text !== 'String') return undefined;
    if (d.decl.endIndex > stDecl.decl.startIndex || !ctx.model.blockOf(d.decl).contains(stDecl.decl)) return undefined;
    if (usesOf(ctx, arg.text, method).some((u) => u !== arg && !d.decl.contains(u))) return undefined;
    concat = d.value;
    sqlRef = arg.text;
    sqlDecl = d.decl;
  } else if (arg.type === 'binary_expression') {
    concat = arg;
    sqlRef = '';
  } else return undefined;

  const p = parameterise(ctx, concat);
  if (!p) return undefined;
  if (sqlDecl) {
    // The values are bound later than the SQL was built: they must be locals nobody changes in between.
    for (const n of p.names) {
      const found = ctx.model.reachingDefs(n.text, n);
      if (!found) return undefined;
      const all = found.scope.defs.get(n.text) ?? [];
      if (all.some((d) => d.node.startIndex > sqlDecl.startIndex && d.node.startIndex < exec.endIndex)) return undefined;
    }
  }

  const literal = javaString(p.sql);
  const text = ctx.model.tree.root.source.text;
  const lineStart = text.lastIndexOf('\n', exec.startIndex - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  if (lineStart + indent.length !== exec.startIndex) return undefined;
  const setters = p.bindings.map((b, i) => `${st.text}.${b.setter}(${i + 1}, ${b.value});\n${indent}`).join('');
  const edits: Edit[] = [
    replace(stDecl.type, stDecl.type.text.replace(/Statement$/, 'PreparedStatement')),
    { start: createName.startIndex, end: createArgs.endIndex, text: `prepareStatement(${sqlRef || literal})` },
    insertBefore(exec, setters),
    replace(args, '()'),
  ];
  if (sqlDecl) edits.push(replace(concat, literal));
  if (!/^\s*import\s+java\.sql\.\*\s*;/m.test(text) && stDecl.type.text === 'Statement') {
    const imp = addImport(ctx.model.tree, 'import java.sql.PreparedStatement;', ['import_declaration'], ['package_declaration']);
    if (imp) edits.push(imp);
  }
  return { description: 'run the query as a PreparedStatement with ? placeholders and bound values', edits };
}
