import { defineRule } from '../../rule.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { assignedValue } from '../../common/password-storage.ts';
import { isAccountType, isPasswordField, structLookup } from './structs.ts';
import { isResponseWriter, unparen } from '../common.ts';

export default defineRule(
  {
    id: 'go/sensitive-data-exposure',
    title: 'Record with a password hash, token or key written to an HTTP response',
    cwe: ['CWE-200'],
    confidence: 'high',
    languages: ['go'],
    description:
      '`encoding/json` writes every exported field of a struct. Encoding a user or account record straight into a response therefore sends its password hash, API key or tokens to the client, where anyone who can call the endpoint (or read the browser cache, a proxy log or a HAR file) gets them and can crack the hash offline or reuse the key.',
    remediation:
      'Tag fields that must never leave the server with `json:"-"`, or encode a dedicated response struct (`type UserView struct { ID int; Name string }`) filled with the public fields only.',
    references: ['https://cwe.mitre.org/data/definitions/200.html', 'https://pkg.go.dev/encoding/json#Marshal', 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/'],
    example: {
      bad: 'type User struct {\n\tEmail        string\n\tPasswordHash string\n}\njson.NewEncoder(w).Encode(u)',
      good: 'type User struct {\n\tEmail        string\n\tPasswordHash string `json:"-"`\n}\njson.NewEncoder(w).Encode(u)',
    },
    tags: ['exposure', 'json', 'web'],
  },
  (ctx) => {
    // Passwords and their hashes never belong in a response; other credentials only in account records (a login response carries its token by design).
    const lookup = structLookup(ctx, (type, field) => isPasswordField(field) || isAccountType(type));
    if (!lookup.structs.size) return;

    const { exposed } = lookup;
    const report = (node: SyntaxNode, e: { type: string; fields: string[] }) =>
      ctx.report(node, { message: `A ${e.type} record is written to the HTTP response with its ${e.fields.join(', ')} field${e.fields.length > 1 ? 's' : ''}, which encoding/json includes` });

    // json.NewEncoder(w).Encode(u)
    for (const call of ctx.calls('*.Encode')) {
      let recv = unparen(call.receiver);
      // enc := json.NewEncoder(w); enc.Encode(u)
      if (recv?.type === 'identifier') recv = unparen(assignedValue(ctx, recv));
      const enc = recv?.type === 'call_expression' ? ctx.model.callByNode.get(recv.id) : undefined;
      if (enc?.callee !== 'encoding/json.NewEncoder' || !isResponseWriter(ctx, enc.args[0])) continue;
      const e = exposed(call.args[0]);
      if (e) report(call.node, e);
    }
    // c.JSON(http.StatusOK, u) in Gin, Echo
    for (const call of ctx.calls('*.JSON', '*.IndentedJSON', '*.PureJSON', '*.JSONPretty')) {
      const recv = unparen(call.receiver);
      if (recv?.type !== 'identifier' || ctx.model.reachingDefs(recv.text, recv)?.param?.role !== 'context') continue;
      const e = exposed(call.args[1]);
      if (e) report(call.node, e);
    }
    // b, _ := json.Marshal(u); w.Write(b)
    for (const call of ctx.calls('encoding/json.Marshal', 'encoding/json.MarshalIndent')) {
      const e = exposed(call.args[0]);
      if (!e) continue;
      const decl = call.node.parent?.parent;
      const name = decl?.type === 'short_var_declaration' || decl?.type === 'assignment_statement' ? decl.child('left')?.namedChildren[0]?.text : undefined;
      if (!name) continue;
      const fn = call.node.ancestor(new Set(['function_declaration', 'method_declaration', 'func_literal']));
      const written = ctx.calls('*.Write').some((w) => fn?.contains(w.node) && w.node.startIndex > call.node.startIndex && isResponseWriter(ctx, w.receiver) && unparen(w.args[0])?.text === name);
      if (written) report(call.node, e);
    }
  },
);
