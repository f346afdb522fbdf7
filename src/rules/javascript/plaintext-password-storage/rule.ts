import { defineRule } from '../../rule.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { RuleContext } from '../../context.ts';
import { objectOf, origin } from '../../helpers.ts';
import { secretKindOfName } from '../../common/secrets.ts';
import { assignedValue, paramValues, rawPassword, rawPasswordIn, sqlStoresPassword, sqlTextOf } from '../../common/password-storage.ts';

const MONGO_WRITES = ['insertOne', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'findOneAndUpdate', 'findOneAndReplace'];
const SQL_METHODS = ['query', 'execute', 'run', 'exec', 'none', 'one', 'oneOrNone', 'any', 'many'];

/** Whether a receiver is a MongoDB driver collection: `db.collection('users')` or a variable bound to one. */
function isNativeCollection(ctx: RuleContext, recv: SyntaxNode | null): boolean {
  const v = recv?.type === 'identifier' ? assignedValue(ctx, recv) : recv;
  const inner = v?.type === 'await_expression' ? v.namedChildren[0] : v;
  if (inner?.type !== 'call_expression') return false;
  const fn = inner.child('function');
  return fn?.type === 'member_expression' && fn.child('property')?.text === 'collection';
}

/** A `password: <raw password>` property of a document (looking into `$set` and arrays of documents). */
function passwordProperty(ctx: RuleContext, node: SyntaxNode | null | undefined, depth = 0): { node: SyntaxNode; name: string } | null {
  if (!node || depth > 3) return null;
  if (node.type === 'array') {
    for (const e of node.namedChildren) {
      const hit = passwordProperty(ctx, e, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  // `rows.map((r) => ({ name: r.name, password: r.password }))`
  if (node.type === 'call_expression' && node.child('function')?.child('property')?.text === 'map') {
    const fn = node.child('arguments')?.namedChildren[0];
    let body = fn?.type === 'arrow_function' ? fn.child('body') : null;
    while (body?.type === 'parenthesized_expression') body = body.namedChildren[0] ?? null;
    return passwordProperty(ctx, body, depth + 1);
  }
  if (node.type === 'parenthesized_expression') return passwordProperty(ctx, node.namedChildren[0], depth + 1);
  const obj = objectOf(ctx, node);
  if (!obj) return null;
  for (const c of obj.namedChildren) {
    if (c.type === 'shorthand_property_identifier') {
      const name = rawPassword(ctx, c);
      if (name) return { node: c, name };
    } else if (c.type === 'pair') {
      const keyNode = c.child('key');
      const key = keyNode?.type === 'string' ? keyNode.text.slice(1, -1) : keyNode?.text ?? '';
      const value = c.child('value');
      if (/^\$(set|setOnInsert)$/.test(key) || key === 'data') {
        const hit = passwordProperty(ctx, value, depth + 1);
        if (hit) return hit;
      } else if (secretKindOfName(key) === 'password' && !/hash|digest|crypt/i.test(key)) {
        const name = rawPassword(ctx, value);
        if (name) return { node: value!, name };
      }
    }
  }
  return null;
}

export default defineRule(
  {
    id: 'js/plaintext-password-storage',
    title: 'Password stored in the database without hashing',
    cwe: ['CWE-522', 'CWE-256'],
    confidence: 'high',
    languages: ['javascript', 'typescript'],
    description:
      'A password written as it is into a users table or collection is disclosed to everyone who can read that data: a NoSQL or SQL injection anywhere in the application, a leaked dump or backup, an operator with read access. Users reuse passwords, so the leak also opens their other accounts.',
    remediation:
      'Store only a salted, slow hash: `await bcrypt.hash(password, 12)` (bcrypt/bcryptjs), `await argon2.hash(password)`, or `crypto.scrypt` with a random salt, and check logins with the matching compare/verify function.',
    references: [
      'https://cwe.mitre.org/data/definitions/522.html',
      'https://cwe.mitre.org/data/definitions/256.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
    ],
    example: {
      bad: "const { email, password } = req.body;\nawait users.insertOne({ email, password });",
      good: "const { email, password } = req.body;\nconst passwordHash = await bcrypt.hash(password, 12);\nawait users.insertOne({ email, passwordHash });",
    },
    tags: ['credentials', 'password', 'mongodb', 'sql'],
  },
  (ctx) => {
    const report = (node: SyntaxNode, hit: { node: SyntaxNode; name: string }, where: string) => {
      const t = ctx.taint(hit.node);
      ctx.report(node, {
        message: `The password '${hit.name}'${t.level === 'remote' ? ` from ${origin(t)}` : ''} is stored in ${where} in clear text, without a password hash`,
        confidence: t.level === 'remote' || t.level === 'local' ? 'high' : 'medium',
      });
    };
    // users.insertOne({ email, password }), db.collection('users').updateOne(q, { $set: { password } })
    for (const call of ctx.calls(...MONGO_WRITES.map((m) => `*.${m}`))) {
      if (!isNativeCollection(ctx, call.receiver)) continue;
      const doc = /^(insert|replace)/.test(call.name) ? call.args[0] : call.args[1];
      const hit = passwordProperty(ctx, doc);
      if (hit) report(call.node, hit, 'the database');
    }
    // prisma.user.create({ data: { email, password } })
    for (const call of ctx.calls('*.create', '*.update', '*.upsert', '*.createMany')) {
      if (!/^(this\.)?prisma\.\w+$/.test(call.receiver?.text ?? '')) continue;
      const opts = objectOf(ctx, call.args[0]);
      const hit = passwordProperty(ctx, opts);
      if (hit) report(call.node, hit, 'the database');
    }
    // pool.query('INSERT INTO users (email, password) VALUES ($1, $2)', [email, password])
    for (const call of ctx.calls(...SQL_METHODS.map((m) => `*.${m}`))) {
      const sqlNode = call.args[0];
      const sql = sqlTextOf(ctx, sqlNode);
      if (!sql || !sqlStoresPassword(sql)) continue;
      const hit = rawPasswordIn(ctx, [...paramValues(ctx, call.args[1]), assignedValue(ctx, sqlNode)]);
      if (hit) report(call.node, hit, 'the database');
    }
  },
);
