import { defineRule } from '../../rule.ts';
import { confidenceOf, origin } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { TaintResult } from '../../../analysis/taint.ts';
import { parseFormat, unwrap } from '../../../languages/c/adapter.ts';
import { libCalls } from '../shared.ts';

/** Database calls that run SQL text: the index of the SQL argument. */
const SINKS: Record<string, number> = {
  sqlite3_exec: 1, sqlite3_prepare: 1, sqlite3_prepare_v2: 1, sqlite3_prepare_v3: 1, sqlite3_prepare16: 1, sqlite3_prepare16_v2: 1,
  sqlite3_prepare16_v3: 1, sqlite3_get_table: 1, mysql_query: 1, mysql_real_query: 1, mysql_send_query: 1, mysql_stmt_prepare: 1,
  PQexec: 1, PQexecParams: 1, PQsendQuery: 1, PQsendQueryParams: 1, PQprepare: 2, PQsendPrepare: 2,
};

/** SQLite's own formatters: `%q`, `%Q` and `%w` escape their argument, `%s` and `%z` do not. */
const SQLITE_FORMATTERS: Record<string, number> = { sqlite3_mprintf: 0, sqlite3_vmprintf: 0, sqlite3_snprintf: 2, sqlite3_str_appendf: 1 };

const CONSTANT: TaintResult = { level: 'constant', built: false, exception: false, sanitized: false };
const RANK = { constant: 0, unknown: 1, parameter: 2, local: 3, remote: 4 } as const;

/** The taint of the `%s`/`%z` arguments of a SQLite formatter call (the only ones it does not escape). */
function sqliteFormatTaint(ctx: RuleContext, call: CallSite): TaintResult {
  const fi = SQLITE_FORMATTERS[call.name];
  const v = ctx.value(call.args[fi]);
  // A format that is not a known constant is left to the format-string rule.
  if (typeof v !== 'string') return CONSTANT;
  const fmt = v;
  let worst = CONSTANT;
  for (const spec of parseFormat(fmt)) {
    if (spec.conv !== 's' && spec.conv !== 'z') continue;
    const arg = call.args[fi + 1 + spec.arg];
    const t = ctx.taint(arg, 'sql');
    if (t.level === 'constant') continue;
    const r = { ...t, built: true };
    if (RANK[r.level] > RANK[worst.level]) worst = r;
  }
  return worst;
}

/** The SQLite formatter call that produced the query in `node`, when it is one. */
function sqliteProducer(ctx: RuleContext, node: SyntaxNode, sink: CallSite): CallSite | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  const isFormatter = (c: CallSite | undefined) => !!c && !c.receiver && Object.hasOwn(SQLITE_FORMATTERS, c.name);
  if (n.type === 'call_expression') {
    const c = ctx.model.callByNode.get(n.id);
    return isFormatter(c) ? c : undefined;
  }
  if (n.type !== 'identifier') return undefined;
  const defs = ctx.model.reachingDefs(n.text, n)?.defs ?? [];
  for (const d of defs) {
    const v = unwrap(d.value);
    const c = v?.type === 'call_expression' ? ctx.model.callByNode.get(v.id) : undefined;
    if (isFormatter(c)) return c;
  }
  // sqlite3_snprintf(n, buf, fmt, ...) writes into buf, which the model does not track.
  let last: CallSite | undefined;
  for (const c of ctx.model.calls) {
    if (c.scope !== sink.scope || c.node.startIndex >= sink.node.startIndex) continue;
    if ((c.name === 'sqlite3_snprintf' && unwrap(c.args[1])?.text === n.text)) last = c;
  }
  return defs.length <= 1 ? last : undefined;
}

export default defineRule(
  {
    id: 'c/sql-injection',
    title: 'SQL statement built from untrusted data (C database APIs)',
    cwe: ['CWE-89'],
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'A query string assembled with `sprintf`, `snprintf` or `strcat` from argv, the environment, standard input, a CGI variable or a socket is parsed by the database as SQL, so a quote in the value ends the literal and the rest runs as SQL of the attacker\'s choosing. `sqlite3_exec`, `mysql_query` and `PQexec` run whatever text they receive, often several statements at once.',
    remediation:
      'Keep the SQL text constant and bind values: `sqlite3_prepare_v2` with `?` placeholders and `sqlite3_bind_text`, MySQL prepared statements (`mysql_stmt_prepare` + `mysql_stmt_bind_param`), or `PQexecParams` with `$1` placeholders. Where text must be built, escape every value (`sqlite3_mprintf("%q")`, `mysql_real_escape_string`, `PQescapeLiteral`) and validate identifiers against an allow-list.',
    references: [
      'https://cwe.mitre.org/data/definitions/89.html',
      'https://www.sqlite.org/c3ref/bind_blob.html',
      'https://dev.mysql.com/doc/c-api/8.0/en/mysql-stmt-bind-param.html',
      'https://www.postgresql.org/docs/current/libpq-exec.html',
    ],
    example: {
      bad: 'snprintf(sql, sizeof sql, "SELECT owner FROM devices WHERE serial = \'%s\'", serial);\nsqlite3_exec(db, sql, cb, out, &err);',
      good: 'sqlite3_prepare_v2(db, "SELECT owner FROM devices WHERE serial = ?", -1, &stmt, NULL);\nsqlite3_bind_text(stmt, 1, serial, -1, SQLITE_TRANSIENT);',
    },
    tags: ['injection', 'sql'],
  },
  (ctx) => {
    for (const call of libCalls(ctx, ...Object.keys(SINKS))) {
      const name = call.callee.replace(/^(std::|::)/, '');
      const idx = SINKS[name];
      const query = call.args[idx];
      if (!query) continue;
      const producer = sqliteProducer(ctx, query, call);
      const t = producer ? sqliteFormatTaint(ctx, producer) : ctx.taint(query, 'sql');
      const sink = `${name}()`;
      if (t.level === 'remote' || t.level === 'local') {
        ctx.report(query, { message: `The SQL text passed to ${sink} is built from ${origin(t)}, which can change the statement's meaning`, confidence: confidenceOf(t) });
      } else if (t.level === 'parameter' && t.built) {
        ctx.report(query, { message: `The SQL text passed to ${sink} is built from ${origin(t)} instead of binding it to a placeholder`, confidence: 'medium' });
      } else if (t.built) {
        ctx.report(query, { message: `The SQL text passed to ${sink} is assembled from non-constant parts instead of using placeholders`, confidence: 'medium' });
      }
    }
  },
);
