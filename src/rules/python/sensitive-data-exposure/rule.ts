import { defineRule } from '../../rule.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { RuleContext } from '../../context.ts';
import { splitWords } from '../../common/secrets.ts';
import { isCredentialFieldName } from '../../common/password-storage.ts';

/** Record kinds that hold credentials: user and account models. */
const ACCOUNT_WORDS = /^(user|users|account|accounts|member|members|customer|customers|admin|admins|employee|employees|person|people|owner|profile|profiles)$/;
/** Query calls that return a record of the model they are called on or given. */
const LOOKUPS = /^(get|get_or_404|first|first_or_404|one|one_or_none|scalar|scalar_one|scalar_one_or_none|all|get_object_or_404|filter_by|filter|where)$/;

const isAccountName = (name: string | undefined): boolean => {
  const w = splitWords(name ?? '');
  return w.length > 0 && ACCOUNT_WORDS.test(w[w.length - 1]);
};

/** Models of the file that declare a credential column (`password_hash = db.Column(...)`). */
function credentialModels(ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const cls of ctx.nodes('class_definition')) {
    const name = cls.child('name')?.text;
    const body = cls.child('body');
    if (!name || !body) continue;
    for (const st of body.namedChildren) {
      const a = st.type === 'expression_statement' ? st.namedChildren[0] : null;
      const left = a?.type === 'assignment' ? a.child('left') : null;
      if (left?.type === 'identifier' && isCredentialFieldName(left.text)) out.add(name);
    }
  }
  return out;
}

/** The model named in a lookup expression: `Account.query.get_or_404(id)`, `db.session.get(User, id)`, `get_object_or_404(User, pk=pk)`. */
function modelOfLookup(ctx: RuleContext, expr: SyntaxNode | null | undefined, depth = 0): string | undefined {
  if (!expr || depth > 6) return undefined;
  if (expr.type === 'await') return modelOfLookup(ctx, expr.namedChildren[0], depth + 1);
  if (expr.type !== 'call') return undefined;
  const call = ctx.model.callByNode.get(expr.id);
  if (!call || !LOOKUPS.test(call.name)) return undefined;
  // get_object_or_404(User, ...), db.session.get(User, id), db.get_or_404(User, id)
  const first = call.args[0];
  if (first?.type === 'identifier' && /^[A-Z]/.test(first.text) && /^(get|get_or_404|get_object_or_404|first_or_404|one_or_404)$/.test(call.name)) return first.text;
  let r = call.receiver;
  while (r) {
    if (r.type === 'attribute') {
      if (r.child('attribute')?.text === 'query' || r.child('attribute')?.text === 'objects') return r.child('object')?.text;
      r = r.child('object');
    } else if (r.type === 'call') {
      const inner = ctx.model.callByNode.get(r.id);
      // session.query(User).filter(...).first()
      if (inner?.name === 'query' && inner.args[0]?.type === 'identifier') return inner.args[0].text;
      if (inner && LOOKUPS.test(inner.name)) r = inner.receiver;
      else return undefined;
    } else return undefined;
  }
  return undefined;
}

export default defineRule(
  {
    id: 'py/sensitive-data-exposure',
    title: 'User record or environment dumped whole into an HTTP response',
    cwe: ['CWE-200', 'CWE-497'],
    confidence: 'medium',
    languages: ['python'],
    description:
      "Dumping a user or account object with `__dict__`, `vars()` or all of its table's columns copies every stored field into the response: the password hash, reset and API tokens, internal flags. Anyone who can call the endpoint gets them and can crack the hash offline or reuse the tokens. The process environment holds database URLs, API keys and signing secrets.",
    remediation:
      'Return an explicit dictionary of the public fields (`{"id": a.id, "name": a.name}`), or a serializer/schema that lists them (marshmallow `only=`, Pydantic response models, Django REST Framework `fields`). Never return `os.environ`.',
    references: ['https://cwe.mitre.org/data/definitions/200.html', 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/'],
    example: {
      bad: 'account = Account.query.get_or_404(account_id)\nreturn jsonify(account.__dict__)',
      good: 'account = Account.query.get_or_404(account_id)\nreturn jsonify(id=account.id, name=account.name)',
    },
    tags: ['exposure', 'web', 'flask', 'django'],
  },
  (ctx) => {
    const models = credentialModels(ctx);
    const declared = new Set(ctx.nodes('class_definition').map((c) => c.child('name')?.text ?? ''));

    /** Whether a record expression is an account: by its model (looked up or declared here) or its name. */
    const isAccount = (rec: SyntaxNode | null | undefined): string | undefined => {
      if (!rec) return undefined;
      const name = rec.type === 'attribute' ? rec.child('attribute')?.text : rec.text;
      if (rec.type === 'identifier') {
        const d = ctx.model.reachingDefs(rec.text, rec)?.defs[0];
        const model = d?.kind === 'assign' ? modelOfLookup(ctx, d.value) : undefined;
        if (model && (models.has(model) || (isAccountName(model) && !declared.has(model)))) return model;
        // A model declared here without credential columns exposes none.
        if (model && declared.has(model)) return undefined;
      }
      if (rec.type === 'identifier' || rec.type === 'attribute') return isAccountName(name) ? name : undefined;
      return undefined;
    };

    /** The record a whole-object dump reads: `r.__dict__`, `vars(r)`, `model_to_dict(r)`, all `r.__table__.columns`. */
    const dumped = (node: SyntaxNode | null | undefined): SyntaxNode | undefined => {
      if (!node) return undefined;
      if (node.type === 'attribute' && node.child('attribute')?.text === '__dict__') return node.child('object') ?? undefined;
      if (node.type === 'call') {
        const call = ctx.model.callByNode.get(node.id);
        if (!call) return undefined;
        if (call.callee === 'vars' && call.args.length === 1) return call.args[0];
        if (call.name === 'model_to_dict' && !call.keywords.has('fields') && !call.keywords.has('exclude')) return call.args[0];
        // account.__dict__.copy(), dict(vars(user))
        if (call.name === 'copy' && call.receiver) return dumped(call.receiver);
        if (call.callee === 'dict' && call.args.length === 1) return dumped(call.args[0]);
        return undefined;
      }
      if (node.type === 'dictionary_comprehension') {
        const iter = node.descendants('for_in_clause')[0]?.child('right')?.text ?? '';
        const m = /^(\w+)\.__table__\.columns$/.exec(iter);
        if (!m) return undefined;
        const getattr = node.child('body')?.child('value');
        const target = getattr?.type === 'call' && getattr.child('function')?.text === 'getattr' ? getattr.child('arguments')?.namedChildren[0] : undefined;
        return target ?? undefined;
      }
      return undefined;
    };

    const isEnvDump = (node: SyntaxNode | null | undefined): boolean => {
      if (!node) return false;
      const t = node.text.replace(/\s+/g, '');
      return /^(os\.environ|dict\(os\.environ\)|os\.environ\.copy\(\)|\{\*\*os\.environ\}|dict\(os\.environ\.items\(\)\))$/.test(t);
    };

    /** Whether a field was removed from a dump kept in a variable (`data.pop("password_hash")`, `del d["password"]`). */
    const scrubbed = (variable: SyntaxNode, fn: SyntaxNode | null): boolean => {
      const text = fn?.text ?? '';
      const v = variable.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return new RegExp(`${v}\\.pop\\(\\s*['"]\\w*(pass|pwd|secret|token|hash|key)|del\\s+${v}\\[\\s*['"]\\w*(pass|pwd|secret|token|hash|key)`, 'i').test(text);
    };

    const check = (report: SyntaxNode, value: SyntaxNode | null | undefined) => {
      if (!value) return;
      const parts = value.type === 'dictionary' ? value.namedChildren.map((c) => (c.type === 'pair' ? c.child('value') : c.type === 'dictionary_splat' ? c.namedChildren[0] : null)) : [value];
      for (let p of parts) {
        if (!p) continue;
        if (isEnvDump(p) || (p.type === 'identifier' && isEnvDump(ctx.model.reachingDefs(p.text, p)?.defs[0]?.value))) {
          ctx.report(report, { message: 'The whole process environment, with every secret in it, is sent in the HTTP response', confidence: 'high', cwe: ['CWE-200', 'CWE-497'] });
          return;
        }
        // data = account.__dict__ … return jsonify(data)
        let holder: SyntaxNode | undefined;
        if (p.type === 'identifier') {
          const d = ctx.model.reachingDefs(p.text, p)?.defs[0];
          if (d?.kind === 'assign' && d.value && dumped(d.value)) {
            holder = p;
            p = d.value;
          }
        }
        const rec = dumped(p);
        const model = isAccount(rec);
        if (!model) continue;
        if (holder && scrubbed(holder, holder.ancestor('function_definition'))) continue;
        ctx.report(report, { message: `The whole ${model} record, password hash and tokens included, is sent in the HTTP response`, cwe: ['CWE-200'] });
        return;
      }
    };

    for (const call of ctx.calls('flask.jsonify', 'flask.json.jsonify', 'django.http.JsonResponse', 'fastapi.responses.JSONResponse', 'starlette.responses.JSONResponse')) {
      // jsonify(data), jsonify(user=vars(u)), JsonResponse(data), JSONResponse(content=data)
      const values = call.callee.endsWith('jsonify') ? [...call.args, ...call.keywords.values()] : [call.args[0] ?? call.keywords.get('content') ?? call.keywords.get('data')];
      const before = ctx.findings.length;
      for (const v of values) {
        check(call.node, v);
        if (ctx.findings.length !== before) break;
      }
    }
    // return account.__dict__ from a Flask/FastAPI view
    for (const ret of ctx.nodes('return_statement')) {
      const fn = ret.ancestor('function_definition');
      if (!fn || !ctx.model.scopeByNode.get(fn.id)?.handler) continue;
      const v = ret.namedChildren[0];
      if (v && v.type !== 'call') check(ret, v);
    }
  },
);
