import { defineRule } from '../../rule.ts';
import { origin } from '../../helpers.ts';
import { argOf } from '../../helpers.ts';
import { assignedValue, paramValues, rawPasswordIn, sqlStoresPassword, sqlTextOf } from '../../common/password-storage.ts';

export default defineRule(
  {
    id: 'py/plaintext-password-storage',
    title: 'Password stored in the database without hashing',
    cwe: ['CWE-522', 'CWE-256'],
    confidence: 'high',
    languages: ['python'],
    description:
      'A password written as it is into a users table is disclosed to everyone who can read that table: an SQL injection anywhere in the application, a leaked backup, a curious administrator. Users reuse passwords, so one leaked table also opens their mail and bank accounts.',
    remediation:
      'Store only a salted, slow password hash: `argon2.PasswordHasher().hash(password)`, `bcrypt.hashpw(password.encode(), bcrypt.gensalt())` or `werkzeug.security.generate_password_hash(password)`, and check logins with the matching verify function.',
    references: [
      'https://cwe.mitre.org/data/definitions/522.html',
      'https://cwe.mitre.org/data/definitions/256.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
    ],
    example: {
      bad: 'cur.execute("INSERT INTO users (name, password) VALUES (?, ?)", (name, password))',
      good: 'hashed = generate_password_hash(password)\ncur.execute("INSERT INTO users (name, password_hash) VALUES (?, ?)", (name, hashed))',
    },
    tags: ['credentials', 'password', 'sql'],
  },
  (ctx) => {
    for (const call of ctx.calls('*.execute', '*.executemany', '*.exec_driver_sql')) {
      const sqlNode = argOf(call, 'sql', 0) ?? call.keywords.get('statement') ?? call.keywords.get('operation');
      const sql = sqlTextOf(ctx, sqlNode);
      if (!sql || !sqlStoresPassword(sql)) continue;
      const params = argOf(call, 'parameters', 1) ?? call.keywords.get('params') ?? call.keywords.get('args');
      const hit = rawPasswordIn(ctx, [...paramValues(ctx, params), assignedValue(ctx, sqlNode)]);
      if (!hit) continue;
      const t = ctx.taint(hit.node);
      ctx.report(call.node, {
        message: `The password '${hit.name}'${t.level === 'remote' ? ` from ${origin(t)}` : ''} is stored in the database in clear text, without a password hash`,
        confidence: t.level === 'remote' || t.level === 'local' ? 'high' : 'medium',
      });
    }
  },
);
