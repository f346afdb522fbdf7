import { defineRule } from '../../rule.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { RuleContext } from '../../context.ts';
import { origin } from '../../helpers.ts';
import { assignedValue, rawPasswordIn, sqlStoresPassword, sqlTextOf } from '../../common/password-storage.ts';

const METHODS = ['Exec', 'ExecContext', 'Query', 'QueryContext', 'QueryRow', 'QueryRowContext', 'MustExec', 'MustExecContext', 'Prepare', 'PrepareContext', 'Preparex'];

/** The index of the SQL argument: the first argument whose text is a statement (`ctx` may come first). */
function sqlIndex(ctx: RuleContext, call: CallSite): number {
  for (let i = 0; i < Math.min(2, call.args.length); i++) {
    const sql = sqlTextOf(ctx, call.args[i]);
    if (sql && /^\s*(insert|update|replace|upsert|merge|select|delete|with)\b/i.test(sql)) return i;
  }
  return -1;
}

export default defineRule(
  {
    id: 'go/plaintext-password-storage',
    title: 'Password stored in the database without hashing',
    cwe: ['CWE-522', 'CWE-256'],
    confidence: 'high',
    languages: ['go'],
    description:
      'A password written as it is into an accounts table is disclosed to everyone who can read that table: an SQL injection anywhere in the service, a leaked dump or backup, an operator with read access. Users reuse passwords, so the leak also opens their other accounts.',
    remediation:
      'Store only a salted, slow hash: `bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)` or `argon2.IDKey` with a random salt (golang.org/x/crypto), and check logins with `bcrypt.CompareHashAndPassword`.',
    references: [
      'https://cwe.mitre.org/data/definitions/522.html',
      'https://cwe.mitre.org/data/definitions/256.html',
      'https://pkg.go.dev/golang.org/x/crypto/bcrypt',
      'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
    ],
    example: {
      bad: 'db.Exec("INSERT INTO accounts (email, password) VALUES ($1, $2)", email, password)',
      good: 'hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)\nif err != nil {\n\treturn 0, err\n}\ndb.Exec("INSERT INTO accounts (email, password_hash) VALUES ($1, $2)", email, string(hash))',
    },
    tags: ['credentials', 'password', 'sql'],
  },
  (ctx) => {
    for (const call of ctx.calls(...METHODS.map((m) => `*.${m}`))) {
      if (/^Prepare/.test(call.name)) continue;
      let i = sqlIndex(ctx, call);
      let sqlNode = i >= 0 ? call.args[i] : undefined;
      // stmt, _ := db.Prepare("INSERT …"); stmt.Exec(email, password)
      if (!sqlNode && call.receiver?.type === 'identifier') {
        const prep = assignedValue(ctx, call.receiver);
        const pc = prep && prep !== call.receiver ? ctx.model.callByNode.get(prep.id) : undefined;
        if (pc && /^Prepare/.test(pc.name)) {
          const j = sqlIndex(ctx, pc);
          if (j >= 0) {
            sqlNode = pc.args[j];
            i = call.args.length && sqlTextOf(ctx, call.args[0]) === undefined && call.name.endsWith('Context') ? 0 : -1;
          }
        }
      }
      if (!sqlNode) continue;
      const sql = sqlTextOf(ctx, sqlNode);
      if (!sql || !sqlStoresPassword(sql)) continue;
      const hit = rawPasswordIn(ctx, [...call.args.slice(i + 1), i >= 0 && call.args[i] === sqlNode ? assignedValue(ctx, sqlNode) : undefined]);
      if (!hit) continue;
      const t = ctx.taint(hit.node);
      ctx.report(call.node, {
        message: `The password '${hit.name}'${t.level === 'remote' ? ` from ${origin(t)}` : ''} is stored in the database in clear text, without a password hash`,
        confidence: t.level === 'remote' || t.level === 'local' ? 'high' : 'medium',
      });
    }
  },
);
