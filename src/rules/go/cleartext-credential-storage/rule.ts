import { defineRule } from '../../rule.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { RuleContext } from '../../context.ts';
import { secretKindOfName, splitWords, type SecretKind } from '../../common/secrets.ts';
import { assignedValue, isCredentialFieldName } from '../../common/password-storage.ts';
import { isPasswordField, structLookup } from '../sensitive-data-exposure/structs.ts';
import { unparen } from '../common.ts';

type Secret = { name: string; kind: SecretKind | 'record' };

/** Calls a secret passes through unchanged in content: conversions, formatting, concatenation helpers. */
const PASS_THROUGH = /^(string|\[\]byte|fmt\.Sprintf|fmt\.Sprint|fmt\.Sprintln|strings\.Join|strings\.TrimSpace|strings\.Join)$/;

/** The password or secret an expression contains: a name, a field (`creds.Password`), or one of them built into a string. */
function secretIn(ctx: RuleContext, node: SyntaxNode | null | undefined, depth = 0): Secret | null {
  const n = unparen(node);
  if (!n || depth > 4) return null;
  switch (n.type) {
    case 'identifier': {
      const kind = secretKindOfName(n.text);
      if (kind) return { name: n.text, kind };
      // data := []byte(user + ":" + pass)
      const v = assignedValue(ctx, n);
      return v && v !== n ? secretIn(ctx, v, depth + 1) : null;
    }
    case 'selector_expression': {
      const f = n.child('field')?.text ?? '';
      const kind = secretKindOfName(f);
      return kind ? { name: f, kind } : null;
    }
    case 'binary_expression':
      return secretIn(ctx, n.child('left'), depth + 1) ?? secretIn(ctx, n.child('right'), depth + 1);
    case 'call_expression': {
      const fn = n.child('function')?.text ?? '';
      if (!PASS_THROUGH.test(fn)) return null;
      for (const a of n.child('arguments')?.namedChildren ?? []) {
        const s = secretIn(ctx, a, depth + 1);
        if (s) return s;
      }
      return null;
    }
    case 'type_conversion_expression':
      return secretIn(ctx, n.child('operand'), depth + 1);
  }
  return null;
}

/** Whether an expression is a file opened for writing here: `os.Create(p)`, `os.OpenFile(p, …)`. */
function isFile(ctx: RuleContext, node: SyntaxNode | null | undefined): boolean {
  const n = unparen(node);
  if (n?.type !== 'identifier') return false;
  const v = unparen(assignedValue(ctx, n));
  const c = v?.type === 'call_expression' ? ctx.model.callByNode.get(v.id) : undefined;
  return !!c && /^os\.(Create|OpenFile)$/.test(c.callee);
}

export default defineRule(
  {
    id: 'go/cleartext-credential-storage',
    title: 'Password or secret written to a file or log in clear text',
    cwe: ['CWE-522', 'CWE-312', 'CWE-532'],
    confidence: 'high',
    languages: ['go'],
    description:
      'A password or token written as it is to a file can be read by anything that reads the file: other programs of the user, backups, dotfile repositories, a stolen laptop. Written to a log, it ends up in log files, journals and log shippers. Either way the credential is disclosed to people who were never meant to have it.',
    remediation:
      'Keep reusable credentials in the operating system keyring (github.com/zalando/go-keyring) or store a revocable token obtained at login instead of the password; if a file is unavoidable, encrypt it and create it with mode 0600. Never log passwords or tokens: log the event and the user name.',
    references: [
      'https://cwe.mitre.org/data/definitions/522.html',
      'https://cwe.mitre.org/data/definitions/312.html',
      'https://cwe.mitre.org/data/definitions/532.html',
      'https://pkg.go.dev/github.com/zalando/go-keyring',
    ],
    example: {
      bad: 'data, _ := json.Marshal(Credentials{User: user, Password: password})\nos.WriteFile(path, data, 0o600)',
      good: 'if err := keyring.Set("ourtool", user, password); err != nil {\n\treturn err\n}',
    },
    tags: ['secrets', 'credentials', 'logging'],
  },
  (ctx) => {
    // Passwords and keys, not access tokens a CLI caches by design.
    const lookup = structLookup(ctx, (_type, field) => isPasswordField(field) || splitWords(field).some((w) => /^(secret|private|privatekey|apikey|secretkey|clientsecret|key)$/.test(w)));

    /** A secret in data written out: directly, or a record/map marshalled from one. */
    const secretData = (node: SyntaxNode | null | undefined): Secret | null => {
      const direct = secretIn(ctx, node);
      if (direct) return direct;
      const n = unparen(node);
      const v = n?.type === 'identifier' ? unparen(assignedValue(ctx, n)) : n;
      const c = v?.type === 'call_expression' ? ctx.model.callByNode.get(v.id) : undefined;
      if (c && /^encoding\/json\.Marshal(Indent)?$/.test(c.callee)) return encoded(c.args[0]);
      return null;
    };
    /** A struct with exposed credential fields, or a map literal with a password key. */
    const encoded = (node: SyntaxNode | null | undefined): Secret | null => {
      const e = lookup.exposed(node);
      if (e) return { name: `${e.type}.${e.fields[0]}`, kind: 'record' };
      const n = unparen(node);
      const lit = n?.type === 'identifier' ? unparen(assignedValue(ctx, n)) : n;
      if (lit?.type === 'composite_literal' && lit.child('type')?.type === 'map_type') {
        for (const el of lit.child('body')?.namedChildren ?? []) {
          if (el.type !== 'keyed_element') continue;
          const key = ctx.value(el.namedChildren[0]?.namedChildren[0]);
          const value = secretIn(ctx, el.namedChildren[1]?.namedChildren[0]);
          if (typeof key === 'string' && isCredentialFieldName(key) && value) return value;
        }
      }
      return null;
    };
    const report = (node: SyntaxNode, s: Secret, where: 'file' | 'log') => {
      // Caching an access or session token in a private file is the ordinary design of a CLI; passwords and keys are not.
      if (where === 'file' && s.kind === 'secret' && !splitWords(s.name).some((w) => /^(secret|private|privatekey|apikey|secretkey|clientsecret|key)$/.test(w))) return;
      const what = s.kind === 'record' ? `A ${s.name.split('.')[0]} record with its ${s.name.split('.')[1]} field` : s.kind === 'password' ? `The password '${s.name}'` : `The secret '${s.name}'`;
      ctx.report(node, { message: `${what} is written to ${where === 'file' ? 'a file' : 'the log'} in clear text`, cwe: where === 'file' ? ['CWE-522', 'CWE-312'] : ['CWE-532', 'CWE-312'] });
    };

    // os.WriteFile(path, []byte(password), 0600); os.WriteFile(path, data, 0600) with data := json.Marshal(creds)
    for (const call of ctx.calls('os.WriteFile', 'io/ioutil.WriteFile')) {
      const s = secretData(call.args[1]);
      if (s) report(call.node, s, 'file');
    }
    // fmt.Fprintf(f, "%s:%s\n", user, pass) on a file created here
    for (const call of ctx.calls('fmt.Fprintf', 'fmt.Fprintln', 'fmt.Fprint', 'io.WriteString')) {
      if (!isFile(ctx, call.args[0])) continue;
      for (const a of call.args.slice(1)) {
        const s = secretIn(ctx, a);
        if (s) {
          report(call.node, s, 'file');
          break;
        }
      }
    }
    // f.WriteString(password), f.Write(data)
    for (const call of ctx.calls('*.WriteString', '*.Write')) {
      if (!isFile(ctx, call.receiver)) continue;
      const s = secretData(call.args[0]);
      if (s) report(call.node, s, 'file');
    }
    // json.NewEncoder(f).Encode(creds)
    for (const call of ctx.calls('*.Encode')) {
      let recv = unparen(call.receiver);
      if (recv?.type === 'identifier') recv = unparen(assignedValue(ctx, recv));
      const enc = recv?.type === 'call_expression' ? ctx.model.callByNode.get(recv.id) : undefined;
      if (!enc || !/^encoding\/(json|gob|xml)\.NewEncoder$|^gopkg\.in\/yaml\.v\d\.NewEncoder$/.test(enc.callee) || !isFile(ctx, enc.args[0])) continue;
      const s = encoded(call.args[0]);
      if (s) report(call.node, s, 'file');
    }
    // log.Printf("login %s:%s", user, password)
    for (const call of ctx.calls('log.Printf', 'log.Println', 'log.Print', 'log.Fatalf', 'log.Fatal', 'log.Fatalln', 'log.Panicf', 'log.Logger.Printf', 'log.Logger.Println', 'log.Logger.Print')) {
      for (const a of call.args) {
        const s = secretIn(ctx, a);
        if (s) {
          report(call.node, s, 'log');
          break;
        }
      }
    }
  },
);
