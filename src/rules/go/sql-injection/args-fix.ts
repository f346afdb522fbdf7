/**
 * The fix template of go/sql-injection: a query built with `+` or `fmt.Sprintf` and passed to a
 * database/sql or pgx `Query`/`QueryRow`/`Exec` becomes constant SQL with placeholders and the values
 * as query arguments. The placeholder style comes from the driver the file imports (`$N` for lib/pq
 * and pgx, `?` for MySQL and SQLite); with no driver or both kinds in view there is no fix.
 */
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { goStringValue } from '../../../languages/go/adapter.ts';
import { replace, type Edit, type FixSuggestion } from '../../../fix/edits.ts';

const SINKS = /^(database\/sql\.(DB|Tx|Conn)|github\.com\/jmoiron\/sqlx\.(DB|Tx)|github\.com\/jackc\/pgx(\/v[45])?(\/pgxpool)?\.(Conn|Pool|Tx))\.(Query|QueryRow|Exec|QueryContext|QueryRowContext|ExecContext)$/;
const POSTGRES = /^(github\.com\/lib\/pq|github\.com\/jackc\/pgx)/;
const QMARK = /^(github\.com\/go-sql-driver\/mysql|github\.com\/mattn\/go-sqlite3|modernc\.org\/sqlite|github\.com\/glebarez\/(go-)?sqlite)/;
const INTEGER = /^u?int(8|16|32|64)?$/;
const STRING_GETTERS = /^(Get|FormValue|PostFormValue|Param|Query|DefaultQuery|PostForm|DefaultPostForm|Params|QueryParam|FormValue|TrimSpace|ToLower|ToUpper)$/;
const WORD = /[A-Za-z0-9_$]/;

/** `$N` or `?`, from the pgx receiver or the drivers the file imports; undefined when not certain. */
function placeholderStyle(ctx: RuleContext, call: CallSite): 'dollar' | 'qmark' | undefined {
  if (/^github\.com\/jackc\/pgx/.test(call.callee)) return 'dollar';
  const imports = [...ctx.model.tree.root.source.text.matchAll(/^\s*(?:import\s+)?(?:[\w.]+\s+)?"([^"]+)"\s*$/gm)].map((m) => m[1]);
  const pg = imports.some((i) => POSTGRES.test(i));
  const q = imports.some((i) => QMARK.test(i));
  return pg === q ? undefined : pg ? 'dollar' : 'qmark';
}

/** The Go type of a local name or parameter when it is plainly declared: `string`, `int`, ... */
function typeOf(ctx: RuleContext, id: SyntaxNode): string | undefined {
  const found = ctx.model.reachingDefs(id.text, id);
  if (!found) return undefined;
  if (found.param && !found.defs.length) {
    const decl = found.param.node;
    return decl.type === 'parameter_declaration' ? decl.child('type')?.text : undefined;
  }
  if (found.defs.length !== 1) return undefined;
  const d = found.defs[0];
  const spec = d.node.type === 'var_spec' ? d.node : d.node.parent?.type === 'var_spec' ? d.node.parent : null;
  const declared = spec?.child('type')?.text;
  if (declared) return declared;
  const v = d.value;
  if (!v) return undefined;
  if (v.type === 'interpreted_string_literal' || v.type === 'raw_string_literal') return 'string';
  if (v.type === 'call_expression') {
    const fn = v.child('function');
    const name = fn?.type === 'selector_expression' ? fn.child('field')?.text : undefined;
    if (name && STRING_GETTERS.test(name)) return 'string';
  }
  return undefined;
}

interface Piece {
  text?: string;
  value?: SyntaxNode;
  /** How the value was written into the SQL: `%s`/string concatenation, or a number. */
  kind?: 'string' | 'number';
}

/** The pieces of the query expression, or undefined when it is not a plain `+` chain or Sprintf. */
function piecesOf(ctx: RuleContext, node: SyntaxNode): Piece[] | undefined {
  if (node.type === 'binary_expression' && node.operator === '+') {
    const l = piecesOf(ctx, node.child('left')!);
    const r = piecesOf(ctx, node.child('right')!);
    return l && r ? [...l, ...r] : undefined;
  }
  const s = goStringValue(node);
  if (s !== null && node.type !== 'rune_literal') return [{ text: s }];
  if (node.type === 'identifier' || node.type === 'selector_expression') return [{ value: node, kind: 'string' }];
  const call = ctx.model.callByNode.get(node.id);
  if (!call) return undefined;
  if (call.callee === 'strconv.Itoa' && call.args.length === 1) return [{ value: call.args[0], kind: 'number' }];
  if (call.callee === 'fmt.Sprintf' && call.args[0]) {
    const format = goStringValue(call.args[0]);
    if (format === null) return undefined;
    const out: Piece[] = [];
    let arg = 1;
    let text = '';
    for (let i = 0; i < format.length; i++) {
      if (format[i] !== '%') {
        text += format[i];
        continue;
      }
      const verb = format[++i];
      if (verb === '%') {
        text += '%';
        continue;
      }
      if (verb !== 's' && verb !== 'd') return undefined;
      const value = call.args[arg++];
      if (!value) return undefined;
      out.push({ text }, { value, kind: verb === 's' ? 'string' : 'number' });
      text = '';
    }
    if (arg !== call.args.length) return undefined;
    out.push({ text });
    return out;
  }
  return undefined;
}

/** Constant SQL with placeholders and the argument expressions, or undefined. */
function parameterise(ctx: RuleContext, pieces: Piece[], style: 'dollar' | 'qmark', inline: boolean): { sql: string; args: string[] } | undefined {
  let sql = '';
  const args: string[] = [];
  let group: Piece[] | null = null;
  const mark = () => (style === 'dollar' ? `$${args.length}` : '?');
  const valueOk = (p: Piece, want: 'string' | 'number'): boolean => {
    const v = p.value!;
    if (!inline && v.type !== 'identifier') return false;
    if (p.kind === 'number') return want === 'number' && (v.type === 'identifier' ? INTEGER.test(typeOf(ctx, v) ?? '') : inline);
    // A string written bare or a %s operand: only a name known to hold a string binds to the same text.
    if (want !== 'string') return false;
    if (v.type === 'identifier') return typeOf(ctx, v) === 'string';
    // Inline, `r.URL.Query().Get("q")`, `c.Param("id")`: request getters return strings.
    const fn = v.type === 'call_expression' ? v.child('function') : null;
    return inline && fn?.type === 'selector_expression' && STRING_GETTERS.test(fn.child('field')?.text ?? '');
  };
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (p.text !== undefined) {
      const text = p.text;
      if (/[?\\]|\$\d/.test(text)) return undefined;
      for (let j = 0; j < text.length; j++) {
        const c = text[j];
        if (group) {
          if (c === "'") {
            if (text[j + 1] === "'" || WORD.test(text[j + 1] ?? '')) return undefined;
            const g: Piece[] = group;
            group = null;
            if (!g.some((x) => x.value)) sql += `'${g.map((x) => x.text).join('')}'`;
            else {
              const parts = g.filter((x) => x.value || x.text).map((x) => (x.value ? x.value.text : JSON.stringify(x.text)));
              args.push(parts.join(' + '));
              sql += mark();
            }
          } else group.push({ text: c });
        } else if (c === "'") {
          if (WORD.test(sql.at(-1) ?? '')) return undefined;
          group = [];
        } else sql += c;
      }
      continue;
    }
    if (group) {
      if (!valueOk(p, 'string')) return undefined;
      (group as Piece[]).push(p);
      continue;
    }
    // Bare in the SQL: a number. Only integers bind to exactly the text they were printed as.
    if (!valueOk(p, 'number')) return undefined;
    const next = pieces[i + 1];
    if (WORD.test(sql.at(-1) ?? '') || (next && (next.text === undefined || WORD.test(next.text[0] ?? '')))) return undefined;
    args.push(p.value!.text);
    sql += mark();
  }
  if (group || !args.length) return undefined;
  return { sql, args };
}

/** `db.Query("... '" + name + "'")` → `db.Query("... $1", name)` (or `?`), when the shape is certain. */
export function queryArgsFix(ctx: RuleContext, call: CallSite, query: SyntaxNode, index: number): FixSuggestion | undefined {
  if (!call.resolved || !SINKS.test(call.callee) || call.args.length !== index + 1) return undefined;
  const style = placeholderStyle(ctx, call);
  const argList = call.node.child('arguments');
  if (!style || !argList || argList.text.trimEnd().endsWith(',)') || argList.text.includes('...')) return undefined;
  let expr = query;
  let inline = true;
  if (query.type === 'identifier') {
    // A name given the query once, just before, and used for nothing else.
    const found = ctx.model.reachingDefs(query.text, query);
    if (!found || found.param || found.defs.length !== 1) return undefined;
    const all = found.scope.defs.get(query.text) ?? [];
    const d = found.defs[0];
    if (all.length !== 1 || d.kind !== 'assign' || !d.value || d.path) return undefined;
    const stmt = d.node.type === 'short_var_declaration' || d.node.type === 'var_spec' ? d.node : d.node.parent;
    if (!stmt || (stmt.type !== 'short_var_declaration' && stmt.type !== 'var_spec')) return undefined;
    if (stmt.child('left')?.namedChildren.length !== undefined && stmt.child('left')!.namedChildren.length !== 1) return undefined;
    const uses = ctx.identifiers(query.text).filter((u) => found.scope.node.contains(u) && !stmt.contains(u));
    if (uses.length !== 1 || uses[0] !== query) return undefined;
    expr = d.value;
    inline = false;
    const p = piecesOf(ctx, expr);
    const r = p && parameterise(ctx, p, style, false);
    if (!r) return undefined;
    // The values are read later than the SQL was built: no assignment to them may come between.
    for (const v of p.filter((x) => x.value)) {
      const defs = ctx.model.reachingDefs(v.value!.text, v.value!)?.scope.defs.get(v.value!.text) ?? [];
      if (defs.some((x) => x.node.startIndex > stmt.startIndex && x.node.startIndex < call.node.endIndex)) return undefined;
    }
    return build(expr, argList, r);
  }
  const p = piecesOf(ctx, expr);
  const r = p && parameterise(ctx, p, style, inline);
  return r ? build(expr, argList, r) : undefined;
}

function build(expr: SyntaxNode, argList: SyntaxNode, r: { sql: string; args: string[] }): FixSuggestion {
  const close = argList.endIndex - 1;
  const edits: Edit[] = [replace(expr, JSON.stringify(r.sql)), { start: close, end: close, text: `, ${r.args.join(', ')}` }];
  return { description: 'pass the values as query arguments behind placeholders', edits };
}
