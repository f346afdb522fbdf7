import { defineRule } from '../../rule.ts';
import { confidenceOf, origin } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { unparen } from '../common.ts';
import { queryArgsFix } from './args-fix.ts';

/** Methods whose query argument is SQL text, on database/sql, sqlx, pgx and GORM handles. */
const METHODS = new Set([
  'Query', 'QueryRow', 'Exec', 'QueryContext', 'QueryRowContext', 'ExecContext', 'Prepare', 'PrepareContext',
  'Queryx', 'QueryRowx', 'QueryxContext', 'QueryRowxContext', 'MustExec', 'MustExecContext', 'NamedExec', 'NamedQuery',
  'Get', 'Select', 'GetContext', 'SelectContext', 'Raw', 'Where', 'Or', 'Not', 'Order', 'Having', 'Group', 'Joins',
]);
/** Methods that exist on GORM and query builders with meanings other than raw SQL when given a non-string. */
const BUILDER_ONLY = new Set(['Where', 'Or', 'Not', 'Order', 'Having', 'Group', 'Joins']);
/** sqlx: the destination comes first. */
const DEST_FIRST = new Set(['Get', 'Select', 'GetContext', 'SelectContext']);
const DB_PACKAGES = /^(database\/sql|github\.com\/jmoiron\/sqlx|github\.com\/jackc\/pgx(\/pgxpool)?|gorm\.io\/gorm|github\.com\/jinzhu\/gorm)\.(DB|Tx|Conn|Stmt|Pool)\./;
const SQL_TEXT = /\b(SELECT\s[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s[\s\S]*\bSET|DELETE\s+FROM|REPLACE\s+INTO|CREATE\s+(TABLE|INDEX|VIEW)|DROP\s+(TABLE|INDEX|VIEW)|ALTER\s+TABLE|WHERE\s|ORDER\s+BY)\b/i;
const CONTEXT_ARG = /^(ctx|c|context\.(Background|TODO)\(\)|r\.Context\(\)|req\.Context\(\)|\w+\.Context\(\)|\w*[cC]tx)$/;

/** The source text of a value and of every assignment that feeds a name, to recognise SQL. */
function textOf(ctx: RuleContext, node: SyntaxNode, depth = 0): string {
  const n = unparen(node) ?? node;
  if (n.type !== 'identifier' || depth > 3) return n.text;
  const found = ctx.model.reachingDefs(n.text, n);
  const all = found?.scope.defs.get(n.text) ?? [];
  return all.filter((d) => d.node.startIndex < n.startIndex).map((d) => (d.value ? textOf(ctx, d.value, depth + 1) : '')).join('\n');
}

/** The index of the SQL argument: after a context and after an sqlx destination. */
function queryIndex(call: CallSite): number {
  let i = 0;
  if (/Context$/.test(call.name) || (call.args.length > 1 && CONTEXT_ARG.test(call.args[0].text) && /^github\.com\/jackc\/pgx/.test(call.callee))) i++;
  else if (call.args.length > 1 && CONTEXT_ARG.test(call.args[0].text) && !DEST_FIRST.has(call.name)) i++;
  if (DEST_FIRST.has(call.name)) i++;
  return i;
}

export default defineRule(
  {
    id: 'go/sql-injection',
    title: 'SQL query built from untrusted data',
    cwe: ['CWE-89'],
    confidence: 'high',
    languages: ['go'],
    description:
      'A SQL string assembled with `+`, `+=`, `fmt.Sprintf` or a `strings.Builder` from request data or a caller-supplied value lets a quote or keyword in that value become part of the statement. An attacker can then read or change other rows and tables, bypass login checks, or drop data.',
    remediation:
      'Keep the SQL text constant and pass values as arguments: `db.Query("SELECT ... WHERE id = ?", id)` for MySQL and SQLite drivers, `$1` placeholders for PostgreSQL (lib/pq, pgx), `db.Where("name = ?", name)` in GORM. Pick table and column names from a fixed allow-list.',
    references: [
      'https://cwe.mitre.org/data/definitions/89.html',
      'https://go.dev/doc/database/sql-injection',
      'https://pkg.go.dev/database/sql#DB.Query',
      'https://gorm.io/docs/security.html',
    ],
    example: {
      bad: 'id := r.URL.Query().Get("id")\nrows, err := db.Query("SELECT name FROM users WHERE id = " + id)',
      good: 'id := r.URL.Query().Get("id")\nrows, err := db.Query("SELECT name FROM users WHERE id = $1", id)',
    },
    tags: ['injection', 'sql'],
  },
  (ctx) => {
    for (const call of ctx.model.calls) {
      if (!METHODS.has(call.name) || !call.receiver) continue;
      const idx = queryIndex(call);
      const query = call.args[idx];
      if (!query) continue;
      const dbHandle = call.resolved && DB_PACKAGES.test(call.callee);
      const text = textOf(ctx, query);
      if (!dbHandle && !SQL_TEXT.test(text)) continue;
      if (BUILDER_ONLY.has(call.name) && !dbHandle && !SQL_TEXT.test(text)) continue;
      const hasArgs = call.args.length > idx + 1;
      const t = ctx.taint(query, 'sql');
      const sink = `${call.receiver.text.length > 30 ? '…' : call.receiver.text}.${call.name}`;
      const withFix = () => {
        const fix = queryArgsFix(ctx, call, query, idx);
        return fix ? { fix } : {};
      };
      if (t.level === 'remote' || t.level === 'local') {
        ctx.report(query, { message: `The SQL query passed to ${sink}() is built from ${origin(t)}, which can change the query's meaning`, confidence: confidenceOf(t), ...withFix() });
      } else if (t.level === 'parameter' && t.built) {
        ctx.report(query, { message: `The SQL query passed to ${sink}() is built from ${origin(t)} instead of using placeholders`, confidence: 'medium', ...withFix() });
      } else if (t.built && !hasArgs) {
        ctx.report(query, { message: `The SQL query passed to ${sink}() is assembled from non-constant parts instead of using placeholders`, confidence: 'medium', ...withFix() });
      }
    }
  },
);
