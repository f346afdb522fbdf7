import { defineRule } from '../../rule.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { origin } from '../../helpers.ts';
import { assignedValue, rawPassword, rawPasswordIn, sqlStoresPassword, sqlTextOf } from '../../common/password-storage.ts';

const SETTERS = ['setString', 'setNString', 'setObject', 'setBytes'];

export default defineRule(
  {
    id: 'java/plaintext-password-storage',
    title: 'Password stored in the database without hashing',
    cwe: ['CWE-522', 'CWE-256'],
    confidence: 'high',
    languages: ['java'],
    description:
      'A password written as it is into a users table is disclosed to everyone who can read that table: an SQL injection anywhere in the application, a leaked dump or backup, an administrator with read access. Users reuse passwords, so the leak also opens their other accounts.',
    remediation:
      "Store only a salted, slow hash: Spring Security's `BCryptPasswordEncoder`/`Argon2PasswordEncoder` (`encoder.encode(password)`), jBCrypt's `BCrypt.hashpw(password, BCrypt.gensalt())`, or PBKDF2 through `SecretKeyFactory` with a random salt, and check logins with the matching `matches`/`checkpw`.",
    references: [
      'https://cwe.mitre.org/data/definitions/522.html',
      'https://cwe.mitre.org/data/definitions/256.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
    ],
    example: {
      bad: 'PreparedStatement ps = conn.prepareStatement("INSERT INTO users (username, password) VALUES (?, ?)");\nps.setString(1, username);\nps.setString(2, password);',
      good: 'PreparedStatement ps = conn.prepareStatement("INSERT INTO users (username, password_hash) VALUES (?, ?)");\nps.setString(1, username);\nps.setString(2, encoder.encode(password));',
    },
    tags: ['credentials', 'password', 'sql', 'jdbc'],
  },
  (ctx) => {
    const report = (node: SyntaxNode, hit: { node: SyntaxNode; name: string }) => {
      const t = ctx.taint(hit.node);
      ctx.report(node, {
        message: `The password '${hit.name}'${t.level === 'remote' ? ` from ${origin(t)}` : ''} is stored in the database in clear text, without a password hash`,
        confidence: t.level === 'remote' || t.level === 'local' ? 'high' : 'medium',
      });
    };
    // PreparedStatement ps = conn.prepareStatement("INSERT … password …"); ps.setString(2, password);
    for (const call of ctx.calls(...SETTERS.map((m) => `*.${m}`))) {
      if (call.receiver?.type !== 'identifier' || call.args.length < 2) continue;
      const prep = assignedValue(ctx, call.receiver);
      const pc = prep && prep !== call.receiver ? ctx.model.callByNode.get(prep.id) : undefined;
      if (!pc || (pc.name !== 'prepareStatement' && pc.name !== 'prepareCall')) continue;
      const sql = sqlTextOf(ctx, pc.args[0]);
      if (!sql || !sqlStoresPassword(sql)) continue;
      const name = rawPassword(ctx, call.args[1]);
      if (name) report(call.node, { node: call.args[1], name });
    }
    // stmt.executeUpdate("INSERT … '" + password + "')"); jdbcTemplate.update("INSERT …", name, password)
    for (const call of ctx.calls('*.executeUpdate', '*.execute', '*.executeLargeUpdate', '*.addBatch', '*.update')) {
      const sqlNode = call.args[0];
      const sql = sqlTextOf(ctx, sqlNode);
      if (!sql || !sqlStoresPassword(sql)) continue;
      const hit = rawPasswordIn(ctx, [...call.args.slice(1), assignedValue(ctx, sqlNode)]);
      if (hit) report(call.node, hit);
    }
  },
);
