import { defineRule } from '../../rule.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { RuleContext } from '../../context.ts';
import { splitWords } from '../../common/secrets.ts';
import { responseChain } from '../reflected-xss/js-web.ts';

/** Record kinds that hold credentials: user and account models, collections and tables. */
const ACCOUNT_WORDS = /^(user|users|account|accounts|member|members|customer|customers|admin|admins|employee|employees|person|people|owner|owners|profile|profiles)$/;
const FINDERS = /^(findById|findOne|find|findByPk|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|findAll|findOneBy|findBy|findOneOrFail|findOneByOrFail)$/;
/** Query options and chained calls that choose or drop fields. */
const PROJECTION = /^(select|attributes|projection|omit|exclude|fields)$/;

function unwrapJs(node: SyntaxNode | null | undefined): SyntaxNode | null {
  let n = node ?? null;
  while (n && (n.type === 'await_expression' || n.type === 'parenthesized_expression' || n.type === 'as_expression' || n.type === 'non_null_expression')) n = n.namedChildren[0] ?? null;
  return n;
}

/** Whether an options object names the fields to return. */
function projects(node: SyntaxNode | null | undefined): boolean {
  if (!node) return false;
  if (node.type === 'string' || node.type === 'template_string' || node.type === 'array') return true; // findById(id, '-password'), find({}, ['name'])
  if (node.type !== 'object') return false;
  return node.namedChildren.some((c) => {
    const key = (c.type === 'pair' ? c.child('key')?.text : c.text)?.replace(/^['"]|['"]$/g, '') ?? '';
    return PROJECTION.test(key);
  });
}

/** For a lookup of an account record (`await User.findById(id)`), the model's name; else undefined. */
function accountLookup(ctx: RuleContext, expr: SyntaxNode | null | undefined): string | undefined {
  let n = unwrapJs(expr);
  // Chained: .exec(), .populate(...), .lean(); a .select(...) projects.
  while (n?.type === 'call_expression') {
    const fn = n.child('function');
    if (fn?.type !== 'member_expression') return undefined;
    const method = fn.child('property')?.text ?? '';
    const args = n.child('arguments')?.namedChildren ?? [];
    if (method === 'select' || method === 'project' || method === 'projection') return undefined;
    if (FINDERS.test(method)) {
      // `users.find((u) => u.id === id)` searches an array, not the database.
      if (args[0] && /^(arrow_function|function_expression|function)$/.test(args[0].type)) return undefined;
      if (args.slice(1).some(projects) || (args[0]?.type === 'object' && projects(args[0]))) {
        // Prisma and Sequelize take `{ where, select/attributes }` in the first argument.
        return undefined;
      }
      const recv = fn.child('object');
      let model = recv?.type === 'member_expression' ? recv.child('property')?.text : recv?.text;
      // db.collection('users').findOne(...), or a variable bound to that collection
      const coll = recv?.type === 'identifier' ? ctx.model.reachingDefs(recv.text, recv)?.defs[0]?.value : recv;
      const collCall = unwrapJs(coll);
      if (collCall?.type === 'call_expression' && collCall.child('function')?.child('property')?.text === 'collection') {
        const v = ctx.value(collCall.child('arguments')?.namedChildren[0]);
        if (typeof v === 'string') model = v;
      }
      const words = splitWords(model ?? '');
      return words.length && ACCOUNT_WORDS.test(words[words.length - 1]) ? model : undefined;
    }
    if (!/^(exec|populate|lean|sort|limit|skip|orFail|then)$/.test(method)) return undefined;
    n = unwrapJs(fn.child('object'));
  }
  return undefined;
}

/** The account model a value holds: the lookup itself, or a variable last assigned one. */
function recordIn(ctx: RuleContext, node: SyntaxNode | null | undefined): string | undefined {
  const n = unwrapJs(node);
  if (!n) return undefined;
  if (n.type === 'identifier' || n.type === 'shorthand_property_identifier') {
    const found = ctx.model.reachingDefs(n.text, n);
    const defs = found?.defs ?? [];
    if (defs.length !== 1 || defs[0].kind !== 'assign' || defs[0].path) return undefined;
    return accountLookup(ctx, defs[0].value);
  }
  return accountLookup(ctx, n);
}

/** Whether the file's schema hides the password itself (`select: false`, a toJSON transform). */
function schemaHides(ctx: RuleContext): boolean {
  return /select\s*:\s*false|toJSON|transform\s*[:(]|@Exclude\(|hidden\s*:/.test(ctx.model.tree.root.text);
}

function isProcessEnv(node: SyntaxNode | null | undefined): boolean {
  const n = unwrapJs(node);
  return !!n && /^(process\.env|\{\s*\.\.\.process\.env\s*\})$/.test(n.text.replace(/\s+/g, ' '));
}

export default defineRule(
  {
    id: 'js/sensitive-data-exposure',
    title: 'User record or environment sent whole in an HTTP response',
    cwe: ['CWE-200', 'CWE-497'],
    confidence: 'medium',
    languages: ['javascript', 'typescript'],
    description:
      'A user or account document loaded from the database carries every stored field: the password hash, reset and API tokens, e-mail and internal flags. Sending it whole with `res.json(user)` hands all of that to anyone who can call the endpoint. `process.env` holds database URLs, API keys and signing secrets, and returning it exposes every one of them.',
    remediation:
      "Return an explicit object with the public fields (`res.json({ id: user.id, name: user.name })`), query only those fields (`User.findById(id).select('name avatar')`, Prisma `select`, Sequelize `attributes`), or hide secrets in the schema (`select: false`, a `toJSON` transform). Never return `process.env`.",
    references: ['https://cwe.mitre.org/data/definitions/200.html', 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/', 'https://mongoosejs.com/docs/api/schematype.html#SchemaType.prototype.select()'],
    example: {
      bad: 'const user = await User.findById(req.params.id);\nres.json(user);',
      good: "const user = await User.findById(req.params.id).select('name avatar bio');\nres.json(user);",
    },
    tags: ['exposure', 'web', 'mongodb'],
  },
  (ctx) => {
    const hides = schemaHides(ctx);
    const check = (report: SyntaxNode, value: SyntaxNode | null | undefined) => {
      const v = unwrapJs(value);
      if (!v) return;
      if (isProcessEnv(v)) {
        ctx.report(report, { message: 'The whole process environment, with every secret in it, is sent in the HTTP response', confidence: 'high', cwe: ['CWE-200', 'CWE-497'] });
        return;
      }
      if (hides) return;
      const parts = v.type === 'object' ? v.namedChildren.map((c) => (c.type === 'pair' ? c.child('value') : c.type === 'shorthand_property_identifier' ? c : null)) : [v];
      for (const p of parts) {
        if (p && isProcessEnv(p)) {
          ctx.report(report, { message: 'The whole process environment, with every secret in it, is sent in the HTTP response', confidence: 'high', cwe: ['CWE-200', 'CWE-497'] });
          return;
        }
        const model = recordIn(ctx, p);
        if (model) {
          ctx.report(report, { message: `A whole ${model} record from the database, password hash and tokens included, is sent in the HTTP response`, cwe: ['CWE-200'] });
          return;
        }
      }
    };
    // res.json(user), res.status(200).send(user)
    for (const call of ctx.calls('*.json', '*.send', '*.jsonp')) {
      if (!responseChain(ctx, call.receiver)) continue;
      check(call.node, call.args[0]);
    }
    // ctx.body = user (Koa)
    for (const node of ctx.nodes('assignment_expression')) {
      const left = node.child('left');
      if (left?.type !== 'member_expression' || left.child('property')?.text !== 'body') continue;
      const obj = left.child('object');
      if (obj?.type !== 'identifier' || ctx.model.reachingDefs(obj.text, obj)?.param?.role !== 'context') continue;
      check(node, node.child('right'));
    }
  },
);
