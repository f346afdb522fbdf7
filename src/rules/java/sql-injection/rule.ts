import { defineRule } from '../../rule.ts';
import { confidenceOf, origin } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { FixSuggestion } from '../../../fix/edits.ts';
import { preparedStatementFix } from './prepared-fix.ts';

const STATEMENT_TYPES = ['java.sql.Statement', 'java.sql.PreparedStatement', 'java.sql.CallableStatement'];
const STATEMENT_METHODS = ['execute', 'executeQuery', 'executeUpdate', 'executeLargeUpdate', 'addBatch'];
const CONNECTION_METHODS = ['java.sql.Connection.prepareStatement', 'java.sql.Connection.prepareCall', 'java.sql.Connection.nativeSQL'];
const TEMPLATE_TYPES = ['org.springframework.jdbc.core.JdbcTemplate', 'org.springframework.jdbc.core.JdbcOperations', 'org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate'];
const TEMPLATE_METHODS = ['query', 'queryForObject', 'queryForList', 'queryForMap', 'queryForRowSet', 'queryForStream', 'update', 'execute', 'batchUpdate'];
const JPA_TYPES = ['javax.persistence.EntityManager', 'jakarta.persistence.EntityManager', 'org.hibernate.Session'];
const JPA_METHODS = ['createQuery', 'createNativeQuery', 'createSQLQuery'];
/** JDBC method names distinctive enough to trust on a receiver whose type is unknown. */
const JDBC_NAMES = /^(executeQuery|executeUpdate|executeLargeUpdate|addBatch|prepareStatement|prepareCall|createNativeQuery)$/;
const SQL_TEXT = /\b(SELECT\s[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s[\s\S]*\bSET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|VIEW)|DROP\s+(TABLE|INDEX|VIEW)|ALTER\s+TABLE|WHERE\s|ORDER\s+BY)\b/i;

const sinks = (types: string[], methods: string[]) => types.flatMap((t) => methods.map((m) => `${t}.${m}`));

function checkQuery(ctx: RuleContext, node: SyntaxNode | undefined, sink: string, canBind: boolean, fixOf?: () => FixSuggestion | undefined): void {
  if (!node) return;
  const t = ctx.taint(node, 'sql');
  const withFix = () => {
    const fix = fixOf?.();
    return fix ? { fix } : {};
  };
  if (t.level === 'remote' || t.level === 'local') {
    ctx.report(node, { message: `The SQL query passed to ${sink} is built from ${origin(t)}, which can change the query's meaning`, confidence: confidenceOf(t), ...withFix() });
  } else if (t.level === 'parameter' && t.built) {
    ctx.report(node, { message: `The SQL query passed to ${sink} is built from ${origin(t)} instead of using bind parameters`, confidence: 'medium', ...withFix() });
  } else if (t.built && !canBind) {
    ctx.report(node, { message: `The SQL query passed to ${sink} is assembled from non-constant parts instead of using bind parameters`, confidence: 'medium', ...withFix() });
  }
}

/** The source text of a value and of the assignments that feed a name, to recognise SQL. */
function textOf(ctx: RuleContext, node: SyntaxNode): string {
  if (node.type !== 'identifier') return node.text;
  const found = ctx.model.reachingDefs(node.text, node);
  return (found?.scope.defs.get(node.text) ?? []).map((d) => d.value?.text ?? '').join('\n');
}

export default defineRule(
  {
    id: 'java/sql-injection',
    title: 'SQL query built from untrusted data',
    cwe: ['CWE-89'],
    confidence: 'high',
    languages: ['java'],
    description:
      'When a SQL or JPQL statement is assembled with `+`, `String.format` or a `StringBuilder` from request data or a caller-supplied value and handed to `Statement.executeQuery`, `JdbcTemplate` or `EntityManager.createQuery`, a quote in that value becomes part of the statement. An attacker can then read or change other rows and tables or bypass login checks.',
    remediation:
      'Keep the SQL text constant with `?` placeholders and bind values with a `PreparedStatement` (`ps.setString(1, name)`), pass arguments to `JdbcTemplate.query(sql, rowMapper, args...)`, or use named parameters with `query.setParameter("name", name)` in JPA. Choose table and column names from a fixed allow-list.',
    references: [
      'https://cwe.mitre.org/data/definitions/89.html',
      'https://docs.oracle.com/javase/tutorial/jdbc/basics/prepared.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html',
    ],
    example: {
      bad: 'String sql = "SELECT * FROM users WHERE name = \'" + request.getParameter("name") + "\'";\nResultSet rs = stmt.executeQuery(sql);',
      good: 'PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");\nps.setString(1, request.getParameter("name"));\nResultSet rs = ps.executeQuery();',
    },
    tags: ['injection', 'sql'],
  },
  (ctx) => {
    const seen = new Set<number>();
    const check = (call: CallSite, sink: string, canBind: boolean, fixable = false) => {
      if (seen.has(call.node.id)) return;
      seen.add(call.node.id);
      checkQuery(ctx, call.args[0], sink, canBind, fixable ? () => preparedStatementFix(ctx, call) : undefined);
    };
    for (const call of ctx.calls(...sinks(STATEMENT_TYPES, STATEMENT_METHODS))) {
      if (call.args.length === 0) continue;
      check(call, `Statement.${call.name}`, false, true);
    }
    for (const call of ctx.calls(...CONNECTION_METHODS)) check(call, `Connection.${call.name}`, true);
    for (const call of ctx.calls(...sinks(TEMPLATE_TYPES, TEMPLATE_METHODS))) {
      const first = call.args[0];
      if (!first) continue;
      check(call, `JdbcTemplate.${call.name}`, call.args.length > 1);
    }
    for (const call of ctx.calls(...sinks(JPA_TYPES, JPA_METHODS))) check(call, `${call.callee.split('.').slice(-2).join('.')}`, true);
    // Receivers whose type is not declared in view.
    for (const call of ctx.calls(...['executeQuery', 'executeUpdate', 'executeLargeUpdate', 'addBatch', 'prepareStatement', 'prepareCall', 'createNativeQuery', 'createQuery', 'execute', 'queryForObject', 'queryForList'].map((n) => `*.${n}`))) {
      if (call.resolved || seen.has(call.node.id) || !call.args[0]) continue;
      if (!JDBC_NAMES.test(call.name) && !SQL_TEXT.test(textOf(ctx, call.args[0]))) continue;
      check(call, call.name, !/^(executeQuery|executeUpdate|executeLargeUpdate|addBatch|execute)$/.test(call.name));
    }
  },
);
