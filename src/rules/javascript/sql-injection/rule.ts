import { defineRule } from '../../rule.ts';
import { confidenceOf, origin, propOf } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { FixSuggestion } from '../../../fix/edits.ts';
import { placeholderFix } from './placeholders.ts';

/** Methods whose first argument is SQL on a driver, query builder or ORM. */
const GENERIC = ['*.query', '*.execute', '*.run', '*.all', '*.get', '*.each', '*.exec', '*.prepare', '*.raw'];
/** Method names that only exist on SQL APIs, so no SQL text is needed to recognise them. */
const DISTINCT = ['*.whereRaw', '*.orWhereRaw', '*.havingRaw', '*.orderByRaw', '*.groupByRaw', '*.joinRaw', '*.fromRaw', '*.selectRaw', '*.$queryRawUnsafe', '*.$executeRawUnsafe'];
const DB_MODULES = /^(mysql2?|mysql2\/promise|pg|pg-pool|sqlite3|better-sqlite3|sqlite|knex|sequelize|@databases\/\w+|mssql|oracledb|tedious|postgres|@prisma\/client)(\.|\(|$)/;
const SQL_TEXT = /\b(SELECT\s[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s[\s\S]*\bSET|DELETE\s+FROM|REPLACE\s+INTO|CREATE\s+(TABLE|INDEX|VIEW)|DROP\s+(TABLE|INDEX|VIEW)|ALTER\s+TABLE|PRAGMA\s|WHERE\s|ORDER\s+BY)\b/i;

function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (['parenthesized_expression', 'await_expression', 'as_expression', 'non_null_expression', 'satisfies_expression'].includes(n.type) && n.namedChildren[0]) n = n.namedChildren[0];
  return n;
}

/** The expression a name was assigned, followed through single plain assignments. */
function definition(ctx: RuleContext, node: SyntaxNode, depth = 0): SyntaxNode {
  const n = unwrap(node);
  if (n.type !== 'identifier' || depth > 6) return n;
  const found = ctx.model.reachingDefs(n.text, n);
  if (!found || found.param || found.defs.length !== 1) return n;
  const d = found.defs[0];
  if (d.kind !== 'assign' || !d.value || d.path) return n;
  return definition(ctx, d.value, depth + 1);
}

/** The source text of a value and of every assignment that feeds a name, to recognise SQL. */
function textOf(ctx: RuleContext, node: SyntaxNode, depth = 0): string {
  const n = unwrap(node);
  if (n.type !== 'identifier' || depth > 3) return n.text;
  const found = ctx.model.reachingDefs(n.text, n);
  const all = found?.scope.defs.get(n.text) ?? [];
  return all.filter((d) => d.node.startIndex < n.startIndex).map((d) => (d.value ? textOf(ctx, d.value, depth + 1) : '')).join('\n');
}

/** A tagged template (`sql\`...${x}\``) or another call that makes a query object rather than a string. */
function isQueryObject(ctx: RuleContext, node: SyntaxNode): boolean {
  const d = definition(ctx, node);
  if (d.type !== 'call_expression') return false;
  if (d.child('arguments')?.type === 'template_string') return true;
  const call = ctx.model.callByNode.get(d.id);
  return !!call && !['join', 'concat', 'replace', 'trim', 'toString', 'format', 'slice', 'toLowerCase', 'toUpperCase', 'String'].includes(call.name);
}

function sinkName(call: CallSite): string {
  return call.receiver ? `${call.receiver.text.length > 30 ? '…' : call.receiver.text}.${call.name}` : call.name;
}

function check(ctx: RuleContext, call: CallSite, query: SyntaxNode, hasParams: boolean, fix?: () => FixSuggestion | undefined): void {
  if (isQueryObject(ctx, query)) return;
  const t = ctx.taint(query, 'sql');
  const sink = sinkName(call);
  const withFix = () => {
    const f = fix?.();
    return f ? { fix: f } : {};
  };
  if (t.level === 'remote' || t.level === 'local') {
    ctx.report(query, { message: `The SQL query passed to ${sink}() is built from ${origin(t)}, which can change the query's meaning`, confidence: confidenceOf(t), ...withFix() });
  } else if (t.level === 'parameter' && t.built) {
    ctx.report(query, { message: `The SQL query passed to ${sink}() is built from ${origin(t)} instead of using placeholders`, confidence: 'medium', ...withFix() });
  } else if (t.built && !hasParams) {
    ctx.report(query, { message: `The SQL query passed to ${sink}() is assembled from non-constant parts instead of using placeholders`, confidence: 'medium', ...withFix() });
  }
}

/** Whether the call passes bound values: an array or values object after the SQL, or values in a config object. */
function passesValues(call: CallSite, configObject: SyntaxNode | undefined): boolean {
  if (configObject && (propOf(configObject, 'values') || propOf(configObject, 'bind') || propOf(configObject, 'replacements'))) return true;
  const second = call.args[1];
  if (!second) return false;
  if (second.type === 'arrow_function' || second.type === 'function_expression' || second.type === 'function') return false;
  if (second.type === 'object') return !!(propOf(second, 'replacements') || propOf(second, 'bind') || propOf(second, 'values'));
  return true;
}

export default defineRule(
  {
    id: 'js/sql-injection',
    title: 'SQL query built from untrusted data',
    cwe: ['CWE-89'],
    confidence: 'high',
    languages: ['javascript', 'typescript'],
    description:
      'A SQL string assembled with `+`, `+=` or a template literal from request data or a caller-supplied value lets a quote or keyword in that value become part of the statement. An attacker can then read or modify other rows and tables, bypass login checks, or drop data.',
    remediation:
      'Keep the SQL text constant and pass values separately: `?` placeholders with a values array for mysql/mysql2/sqlite3/better-sqlite3, `$1` placeholders with `values` for pg, `replacements`/`bind` for Sequelize, bindings for knex `raw`/`whereRaw`, or Prisma\'s tagged `$queryRaw`. Pick table and column names from a fixed allow-list.',
    references: [
      'https://cwe.mitre.org/data/definitions/89.html',
      'https://node-postgres.com/features/queries#parameterized-query',
      'https://github.com/mysqljs/mysql#escaping-query-values',
      'https://sequelize.org/docs/v6/core-concepts/raw-queries/#replacements',
      'https://knexjs.org/guide/raw.html',
    ],
    example: {
      bad: 'const { id } = req.params;\nconst rows = await pool.query(`SELECT * FROM users WHERE id = ${id}`);',
      good: 'const { id } = req.params;\nconst rows = await pool.query("SELECT * FROM users WHERE id = $1", [id]);',
    },
    tags: ['injection', 'sql'],
  },
  (ctx) => {
    for (const call of ctx.calls(...GENERIC, ...DISTINCT)) {
      if (call.callee === 'String.raw' || call.isNew) continue;
      let query: SyntaxNode | undefined = call.args[0];
      if (!query || query.type === 'template_string') {
        // A tagged template call (`db.raw\`...\``) is not a string argument.
        if (!query || call.node.child('arguments')?.type === 'template_string') continue;
      }
      const shape = definition(ctx, query);
      const config = shape.type === 'object' ? shape : undefined;
      if (config) {
        query = propOf(config, 'text') ?? propOf(config, 'sql') ?? propOf(config, 'query');
        if (!query) continue;
      }
      // A prepared statement's run/get/all take bind values, not SQL: `db.prepare(sql).run(id)`.
      if (call.resolved && /\.prepare\(\)\.\w+$/.test(call.callee)) continue;
      const distinct = DISTINCT.includes(`*.${call.name}`);
      const dbReceiver = call.resolved && DB_MODULES.test(call.callee);
      if (!distinct && !SQL_TEXT.test(textOf(ctx, query))) {
        // Without SQL text, only a driver resolved through its import is recognised.
        if (!dbReceiver || !['query', 'execute', 'raw', 'exec', 'run', 'all', 'get', 'prepare'].includes(call.name)) continue;
      }
      const hasParams = call.name !== 'exec' && passesValues(call, config);
      check(ctx, call, query, hasParams, config ? undefined : () => placeholderFix(ctx, call));
    }
    for (const call of ctx.calls('sequelize.literal', 'sequelize.Sequelize.literal', '*.literal')) {
      if (call.name !== 'literal' || !(call.callee.startsWith('sequelize') || /^(Sequelize|sequelize)$/.test(call.receiver?.text ?? ''))) continue;
      const arg = call.args[0];
      if (!arg) continue;
      const t = ctx.taint(arg, 'sql');
      if (t.level === 'remote' || t.level === 'local' || (t.level === 'parameter' && t.built)) {
        ctx.report(arg, { message: `The raw SQL passed to Sequelize.literal() is built from ${origin(t)}`, confidence: confidenceOf(t) });
      }
    }
  },
);
