import { defineRule } from '../../rule.ts';
import { argOf, confidenceOf, origin } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { builtStringPieces, knownString } from '../command-injection/string-pieces.ts';
import { insertAfter, replace, type FixSuggestion } from '../../../fix/edits.ts';

const TEXT_SINKS = ['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text'];
const RAWSQL_SINKS = ['django.db.models.RawSQL', 'django.db.models.expressions.RawSQL'];
const PANDAS_SINKS = ['pandas.read_sql', 'pandas.read_sql_query'];
/** Methods whose result is still the string they were called on (or built from it). */
const STRING_METHODS = new Set(['strip', 'lstrip', 'rstrip', 'lower', 'upper', 'replace', 'format', 'join', 'decode', 'encode', 'get', 'getlist']);

/** The expression a name was last assigned, followed through plain assignments. */
function definition(ctx: RuleContext, node: SyntaxNode, depth = 0): SyntaxNode {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  if (n.type !== 'identifier' || depth > 5) return n;
  const found = ctx.model.reachingDefs(n.text, n);
  if (!found || found.param || found.defs.length !== 1) return n;
  const d = found.defs[0];
  if (d.kind !== 'assign' || !d.value || d.path) return n;
  return definition(ctx, d.value, depth + 1);
}

/** The call that produces a value, if the value is (through assignments) a call result. */
function producer(ctx: RuleContext, node: SyntaxNode): CallSite | undefined {
  const def = definition(ctx, node);
  return def.type === 'call' ? ctx.model.callByNode.get(def.id) : undefined;
}

/** Whether a value is a query object made by a library call (an ORM statement) rather than a string. */
function isQueryObject(ctx: RuleContext, node: SyntaxNode): boolean {
  const call = producer(ctx, node);
  return !!call && !(call.receiver && STRING_METHODS.has(call.name)) && call.callee !== 'str';
}

/** Whether a `text()` clause gets bound parameters: `.bindparams(...)` or `execute(text(...), params)`. */
function textHasParams(ctx: RuleContext, call: CallSite): boolean {
  const parent = call.node.parent;
  if (parent?.type === 'attribute' && parent.child('attribute')?.text === 'bindparams') return true;
  if (parent?.type === 'argument_list') {
    const outer = parent.parent ? ctx.model.callByNode.get(parent.parent.id) : undefined;
    if (outer && outer.args[0] === call.node && outer.args.length + outer.keywords.size > 1) return true;
  }
  return false;
}

const DB_RECEIVER = /(cur|conn|con$|db|database|session|engine|sql|mysql|pg|sqlite|client|tx|transaction|trans)/i;
const DB_MODULES = /^(sqlite3|psycopg2?|psycopg|pymysql|MySQLdb|mysql\.connector|cx_Oracle|oracledb|pyodbc|pymssql|sqlalchemy|django\.db|asyncpg|aiosqlite|aiomysql|databases|duckdb|snowflake|clickhouse_driver)\b/;
const SQL_TEXT = /\b(SELECT\s[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s[\s\S]*\bSET|DELETE\s+FROM|REPLACE\s+INTO|CREATE\s+(TABLE|INDEX|VIEW)|DROP\s+(TABLE|INDEX|VIEW)|ALTER\s+TABLE|PRAGMA\s|WHERE\s|ORDER\s+BY)\b/i;

/** The source text of a value and of the assignments that feed a name, to recognise SQL. */
function textOf(ctx: RuleContext, node: SyntaxNode): string {
  if (node.type !== 'identifier') return node.text;
  const found = ctx.model.reachingDefs(node.text, node);
  return (found?.scope.defs.get(node.text) ?? []).map((d) => d.value?.text ?? '').join('\n');
}

/** `execute` is a common method name: require a database-like receiver, a driver import or SQL text. */
function looksLikeDatabase(ctx: RuleContext, call: CallSite, query: SyntaxNode): boolean {
  if (call.resolved && DB_MODULES.test(call.callee)) return true;
  if (call.receiver && DB_RECEIVER.test(call.receiver.text)) return true;
  return SQL_TEXT.test(textOf(ctx, query));
}

/** DB-API placeholder style of the drivers a file imports: `?` (qmark) or `%s` (format); psycopg 3 binds on the server, where an unquoted text value no longer compares as a number. */
const PARAMSTYLE: [RegExp, '?' | '%s' | '%s!'][] = [
  [/^(sqlite3|aiosqlite)(\.|$)/, '?'],
  [/^(pymysql|MySQLdb|mysql\.connector|psycopg2|aiomysql|django\.db)(\.|$)/, '%s'],
  [/^psycopg(\.|$)/, '%s!'],
];

function paramStyle(ctx: RuleContext): '?' | '%s' | '%s!' | undefined {
  const styles = new Set<string>();
  for (const defs of ctx.model.module.defs.values()) {
    for (const d of defs) {
      if (d.kind !== 'import') continue;
      for (const [re, style] of PARAMSTYLE) if (re.test(d.qualified ?? '')) styles.add(style);
    }
  }
  return styles.size === 1 ? ([...styles][0] as '?' | '%s' | '%s!') : undefined;
}

/** Text that may sit in an f-string next to a value: no braces, quotes, backslashes or line breaks. */
const PLAIN_TEXT = /^[^{}"'\\\n\r]*$/;
const COMPARISON_BEFORE = /(=|<>|!=|<=|>=|<|>)\s*$/;
/** Expressions that stand as one tuple element as they are. */
const SIMPLE_VALUE = new Set(['identifier', 'attribute', 'subscript', 'call', 'integer', 'float', 'parenthesized_expression']);
const VALUE_END = /^(\s|\)|,|;|$)/;

/**
 * The query text with placeholders and its parameters, for a query built from one string with
 * values spliced in as SQL string literals (`'{name}'`, `'%{term}%'`) or after a comparison
 * (`id = {user_id}`); nothing for any other shape (identifiers, `IN` lists, escaped quotes).
 */
function parameterise(ctx: RuleContext, query: SyntaxNode, style: '?' | '%s' | '%s!'): { sql: string; params: string[] } | undefined {
  const pieces = builtStringPieces(ctx, query);
  if (!pieces?.some((p) => 'value' in p)) return undefined;
  const mark = style === '?' ? '?' : '%s';
  let sql = '';
  const params: string[] = [];
  let quote: { start: number; parts: (string | SyntaxNode)[] } | null = null;
  for (const [i, p] of pieces.entries()) {
    if ('value' in p) {
      if (/[\n\r]/.test(p.value.text) || !SIMPLE_VALUE.has(p.value.type)) return undefined;
      if (quote) {
        quote.parts.push(p.value);
        continue;
      }
      const before = pieces[i - 1];
      const after = pieces[i + 1];
      const beforeText = before && 'text' in before ? before.text : '';
      const afterText = after && 'text' in after ? after.text : after ? 'x' : '';
      if (style === '%s!' || !COMPARISON_BEFORE.test(beforeText) || !VALUE_END.test(afterText)) return undefined;
      sql += mark;
      params.push(p.value.text);
      continue;
    }
    for (const ch of p.text) {
      if (ch === '"' || ch === '?' || ch === '{' || ch === '}' || ch === '\\' || (ch === '%' && style !== '?' && !quote)) return undefined;
      if (ch === "'") {
        if (!quote) quote = { start: sql.length, parts: [] };
        else {
          const parts = quote.parts;
          quote = null;
          if (!parts.some((x) => typeof x !== 'string')) {
            sql += `'${parts.join('')}'`;
            continue;
          }
          const param = stringParam(ctx, parts);
          if (!param) return undefined;
          sql += mark;
          params.push(param);
        }
        continue;
      }
      if (quote) quote.parts.push(ch);
      else sql += ch;
    }
  }
  if (quote) return undefined;
  return { sql, params };
}

/** The parameter for a quoted SQL literal: the value itself, or an f-string of the literal's text. */
function stringParam(ctx: RuleContext, parts: (string | SyntaxNode)[]): string | undefined {
  if (parts.length === 1 && typeof parts[0] !== 'string') {
    const v = parts[0]!;
    return knownString(ctx, v) ? v.text : `str(${v.text})`;
  }
  let out = '';
  for (const x of parts) {
    if (typeof x === 'string') out += x;
    else if (PLAIN_TEXT.test(x.text)) out += `{${x.text}}`;
    else return undefined;
  }
  return PLAIN_TEXT.test(out.replace(/\{[^{}]*\}/g, '')) ? `f"${out}"` : undefined;
}

/** A Python string literal for the query, keeping line breaks of a triple-quoted original. */
function sqlLiteral(sql: string): string | undefined {
  if (/[\n\r]/.test(sql)) return sql.includes('"') ? undefined : `"""${sql}"""`;
  return sql.includes('"') ? undefined : `"${sql}"`;
}

/** Identifier uses of a name in the function (or module) that holds a node. */
function usesIn(ctx: RuleContext, name: string, at: SyntaxNode): number {
  const scope = ctx.model.reachingDefs(name, at)?.scope.node;
  let n = 0;
  scope?.walk((x) => {
    if (x.type === 'identifier' && x.text === name) n++;
  });
  return n;
}

/**
 * `cursor.execute(f"... WHERE name = '{name}'")` → `cursor.execute("... WHERE name = ?", (name,))`,
 * also when the query is a variable assigned once just for this call.
 */
function parameterFix(ctx: RuleContext, call: CallSite, query: SyntaxNode): FixSuggestion | undefined {
  if (call.name !== 'execute' || call.args.length !== 1 || call.keywords.size || call.args[0] !== query) return undefined;
  const style = paramStyle(ctx);
  if (!style) return undefined;
  let built = query;
  if (query.type === 'identifier') {
    const r = ctx.model.reachingDefs(query.text, query);
    const d = r?.defs.length === 1 && !r.param ? r.defs[0] : undefined;
    if (!d || d.kind !== 'assign' || d.path || !d.value || d.node.type !== 'assignment' || d.node.child('left')?.type !== 'identifier' || usesIn(ctx, query.text, query) !== 2) return undefined;
    built = d.value;
  }
  const p = parameterise(ctx, built, style);
  const literal = p && sqlLiteral(p.sql);
  if (!p || !literal) return undefined;
  const tuple = p.params.length === 1 ? `(${p.params[0]},)` : `(${p.params.join(', ')})`;
  return { description: `pass the values as query parameters (${style === '?' ? '?' : '%s'} placeholders)`, edits: [replace(built, literal), insertAfter(query, `, ${tuple}`)] };
}

function checkQuery(ctx: RuleContext, node: SyntaxNode | undefined, sink: string, hasParams: boolean, fix?: FixSuggestion): void {
  if (!node) return;
  const t = ctx.taint(node, 'sql');
  if (t.level === 'remote' || t.level === 'local') {
    // A statement object built by an ORM from request data is parameterised; a string is not.
    if (!t.built && isQueryObject(ctx, node)) return;
    ctx.report(node, { message: `The SQL query passed to ${sink} is built from ${origin(t)}, which can change the query's meaning`, confidence: confidenceOf(t), ...(fix ? { fix } : {}) });
  } else if (t.level === 'parameter' && t.built) {
    ctx.report(node, { message: `The SQL query passed to ${sink} is built from ${origin(t)} instead of using query parameters`, confidence: 'medium', ...(fix ? { fix } : {}) });
  } else if (t.built && !hasParams) {
    ctx.report(node, { message: `The SQL query passed to ${sink} is assembled from non-constant parts instead of using query parameters`, confidence: 'medium', ...(fix ? { fix } : {}) });
  }
}

export default defineRule(
  {
    id: 'py/sql-injection',
    title: 'SQL query built from untrusted data',
    cwe: ['CWE-89'],
    confidence: 'high',
    languages: ['python'],
    description:
      'When a SQL statement is assembled with `%`, `.format`, f-strings or `+` from request data or a caller-supplied value, a quote or keyword in that value becomes part of the SQL itself. An attacker can then read or change other rows and tables, bypass login checks or, on some databases, run commands.',
    remediation:
      'Keep the SQL text constant and pass values separately as query parameters: `cursor.execute("SELECT * FROM users WHERE name = %s", (name,))` (the placeholder is `?` for sqlite3), `text("... WHERE name = :name")` with a parameter dict in SQLAlchemy, `Model.objects.raw(sql, [value])` or the ORM in Django. Table and column names cannot be parameters: choose them from a fixed allow-list.',
    references: [
      'https://cwe.mitre.org/data/definitions/89.html',
      'https://peps.python.org/pep-0249/#id15',
      'https://docs.djangoproject.com/en/stable/topics/db/sql/',
      'https://docs.sqlalchemy.org/en/20/core/sqlelement.html#sqlalchemy.sql.expression.text',
    ],
    example: {
      bad: 'name = request.args["name"]\ncursor.execute(f"SELECT * FROM users WHERE name = \'{name}\'")',
      good: 'name = request.args["name"]\ncursor.execute("SELECT * FROM users WHERE name = %s", (name,))',
    },
    tags: ['injection', 'sql'],
  },
  (ctx) => {
    const textCalls = new Set(ctx.calls(...TEXT_SINKS).map((c) => c.node.id));
    for (const call of ctx.calls('*.execute', '*.executemany', '*.executescript')) {
      const query = argOf(call, null, 0) ?? call.keywords.get('sql') ?? call.keywords.get('query') ?? call.keywords.get('statement') ?? call.keywords.get('operation');
      if (!query) continue;
      // text(...) clauses are checked where they are made.
      const made = producer(ctx, query);
      if (made && (textCalls.has(made.node.id) || (made.name === 'bindparams' && made.receiver?.type === 'call' && textCalls.has(made.receiver.id)))) continue;
      if (!looksLikeDatabase(ctx, call, query)) continue;
      const hasParams = call.name !== 'executescript' && call.args.length + call.keywords.size > 1;
      checkQuery(ctx, query, call.name === 'execute' ? `${call.receiver?.text ?? ''}.execute`.replace(/^\./, '') : call.name, hasParams, parameterFix(ctx, call, query));
    }
    for (const call of ctx.calls(...TEXT_SINKS)) checkQuery(ctx, argOf(call, 'text', 0), 'text()', textHasParams(ctx, call));
    for (const call of ctx.calls(...RAWSQL_SINKS)) checkQuery(ctx, argOf(call, 'sql', 0), 'RawSQL', call.args.length + call.keywords.size > 1);
    for (const call of ctx.calls(...PANDAS_SINKS)) checkQuery(ctx, argOf(call, 'sql', 0), call.callee, call.keywords.has('params') || call.args.length > 2);
    for (const call of ctx.calls('*.raw')) {
      if (!call.receiver || !/(^|\.)objects$/.test(call.receiver.text)) continue;
      checkQuery(ctx, argOf(call, 'raw_query', 0), `${call.receiver.text}.raw`, call.args.length + call.keywords.size > 1);
    }
    for (const call of ctx.calls('*.extra')) {
      if (!call.receiver || !/objects|filter|exclude|all\(\)/.test(call.receiver.text)) continue;
      const hasParams = call.keywords.has('params') || call.keywords.has('select_params');
      for (const key of ['where', 'select', 'tables', 'order_by']) {
        const v = call.keywords.get(key);
        if (v) checkQuery(ctx, v, `QuerySet.extra(${key}=...)`, hasParams);
      }
    }
  },
);
