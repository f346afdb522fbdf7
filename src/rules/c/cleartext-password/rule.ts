import { defineRule } from '../../rule.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { RuleContext } from '../../context.ts';
import { secretKindOfName, type SecretKind } from '../../common/secrets.ts';
import { enclosingFunction, libCalls } from '../shared.ts';
import { cStringValue, unwrap } from '../../../languages/c/adapter.ts';

/** Where written data ends up. */
type Dest = 'file' | 'log' | 'peer';

const LOG_NAME = /(^|_)(log|logs|logfile|log_fp|logf|logger|audit|debug|trace)($|_)|log$/i;
/** Names of descriptors a server got from `accept()`; a client's own socket (`sockfd`) legitimately carries its login. */
const PEER_NAME = /^(client|client_fd|clientfd|cfd|conn|connfd|conn_fd|peer|peer_fd|csock|client_sock|client_socket|newsockfd|new_socket|new_fd)$/i;

/** A secret named by the value itself: `password`, `cfg->db_password`, `creds.passphrase`. */
function secretIn(node: SyntaxNode | null | undefined): { name: string; kind: SecretKind } | null {
  const n = unwrap(node);
  if (!n) return null;
  let name: string | undefined;
  if (n.type === 'identifier') name = n.text;
  else if (n.type === 'field_expression') name = n.child('field')?.text;
  if (!name) return null;
  const kind = secretKindOfName(name);
  return kind ? { name, kind } : null;
}

/** The constant string of a literal or of a macro/`const char *` bound to one. */
function constText(ctx: RuleContext, node: SyntaxNode | null | undefined): string | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  const v = ctx.value(n);
  if (typeof v === 'string') return v;
  if (n.type === 'string_literal' || n.type === 'concatenated_string') return cStringValue(n) ?? undefined;
  if (n.type === 'identifier') {
    const d = ctx.model.reachingDefs(n.text, n)?.defs[0];
    if (d?.value?.type === 'preproc_arg') return /^\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(d.value.text)?.[1];
    if (d?.value && d.value !== n) return constText(ctx, d.value);
  }
  return undefined;
}

/** The call a local variable was initialised or assigned from (`FILE *f = fopen(...)`, `fd = accept(...)`). */
function originCall(ctx: RuleContext, id: SyntaxNode): CallSite | undefined {
  const found = ctx.model.reachingDefs(id.text, id);
  for (const d of found?.defs ?? []) {
    const v = unwrap(d.value);
    if (v?.type === 'call_expression') {
      const c = ctx.model.callByNode.get(v.id);
      if (c) return c;
    }
  }
  return undefined;
}

/** Where a `FILE *` stream writes to, or null when it is unknown or the terminal. */
function streamDest(ctx: RuleContext, stream: SyntaxNode | undefined): Dest | null {
  const s = unwrap(stream);
  if (s?.type !== 'identifier') return null;
  if (s.text === 'stderr') return 'log';
  if (s.text === 'stdout') return null;
  const c = originCall(ctx, s);
  if (c && /^(std::)?(fopen|fopen64|freopen)$/.test(c.callee)) {
    const path = constText(ctx, c.args[0]);
    if (path !== undefined) return /log/i.test(path) ? 'log' : 'file';
    const pathNode = unwrap(c.args[0]);
    return LOG_NAME.test(s.text) || (pathNode?.type === 'identifier' && /log/i.test(pathNode.text)) ? 'log' : 'file';
  }
  // A stream handed in by the caller: only a log by its name.
  return LOG_NAME.test(s.text) ? 'log' : null;
}

/** Where a file descriptor writes to: a socket, a file opened here, or unknown. */
function fdDest(ctx: RuleContext, fd: SyntaxNode | undefined): Dest | null {
  const f = unwrap(fd);
  if (f?.type !== 'identifier') return null;
  const c = originCall(ctx, f);
  if (c) {
    if (/^(accept|accept4)$/.test(c.callee)) return 'peer';
    if (/^(open|open64|creat|openat)$/.test(c.callee)) {
      const path = constText(ctx, c.args[c.callee === 'openat' ? 1 : 0]);
      return path !== undefined && /log/i.test(path) ? 'log' : 'file';
    }
    return null;
  }
  return PEER_NAME.test(f.text) ? 'peer' : null;
}

/** The secret formatted or copied into a local buffer before `use`, in the same function. */
function secretInBuffer(ctx: RuleContext, buf: SyntaxNode | undefined, use: SyntaxNode): { name: string; kind: SecretKind } | null {
  const b = unwrap(buf);
  if (b?.type !== 'identifier') return null;
  const fn = enclosingFunction(use);
  for (const c of libCalls(ctx, 'sprintf', 'snprintf', 'strcpy', 'strncpy', 'strcat', 'strncat', 'strlcpy', 'strlcat', 'memcpy')) {
    if (c.node.startIndex >= use.startIndex || !fn.contains(c.node)) continue;
    const dst = unwrap(c.args[0]);
    if (dst?.type !== 'identifier' || dst.text !== b.text) continue;
    const from = /printf$/.test(c.callee) ? c.args.slice(c.callee === 'snprintf' ? 3 : 2) : c.args.slice(1, 2);
    for (const a of from) {
      const s = secretIn(a);
      if (s) return s;
    }
  }
  return null;
}

const WHERE: Record<Dest, string> = {
  file: 'written to a file in clear text',
  log: 'written to a log in clear text',
  peer: 'sent to the connected client',
};

export default defineRule(
  {
    id: 'c/cleartext-password',
    title: 'Password or secret written to a file, log or client in clear text',
    cwe: ['CWE-522', 'CWE-312', 'CWE-200', 'CWE-532'],
    confidence: 'high',
    languages: ['c', 'cpp'],
    description:
      'A password written as it is to a file can be read by anyone who gets that file: other local users when permissions are loose, backups, support bundles, a stolen device. Secrets written to a log or to stderr end up in log files, journals and log shippers, and secrets echoed to a network client are disclosed to whoever connects.',
    remediation:
      'Store only a salted, slow hash of a login password (`crypt()` with a `$6$`/`$y$` salt, libsodium `crypto_pwhash_str`, argon2) and compare against it. Keep secrets the program must reuse (Wi-Fi passphrases, API keys) in a store protected by the platform (a keyring, an encrypted blob, a file created with mode 0600 that is never logged). Log the event and a user name, never the secret, and never include configuration secrets in replies to clients.',
    references: [
      'https://cwe.mitre.org/data/definitions/522.html',
      'https://cwe.mitre.org/data/definitions/312.html',
      'https://cwe.mitre.org/data/definitions/200.html',
      'https://cwe.mitre.org/data/definitions/532.html',
      'https://wiki.sei.cmu.edu/confluence/display/c/MSC18-C.+Be+careful+while+handling+sensitive+data%2C+such+as+passwords%2C+in+program+code',
    ],
    example: {
      bad: 'FILE *f = fopen("/etc/app/users", "a");\nfprintf(f, "%s:%s\\n", name, password);',
      good: 'char *h = crypt(password, salt);\nFILE *f = fopen("/etc/app/users", "a");\nfprintf(f, "%s:%s\\n", name, h);',
    },
    tags: ['secrets', 'credentials', 'logging'],
  },
  (ctx) => {
    const report = (call: CallSite, dest: Dest, s: { name: string; kind: SecretKind }) => {
      const what = s.kind === 'password' ? `The password '${s.name}'` : `The secret '${s.name}'`;
      const cwe = dest === 'file' ? ['CWE-522', 'CWE-312'] : dest === 'log' ? ['CWE-532', 'CWE-200'] : ['CWE-200'];
      ctx.report(call.node, { message: `${what} is ${WHERE[dest]}`, cwe });
    };
    const firstSecret = (args: SyntaxNode[]) => {
      for (const a of args) {
        const s = secretIn(a);
        if (s) return s;
      }
      return null;
    };

    // fprintf(f, "%s:%s\n", user, password); fputs(password, f); fwrite(password, 1, n, f)
    for (const call of libCalls(ctx, 'fprintf', 'fputs', 'fwrite', 'syslog', 'dprintf', 'write', 'send')) {
      let dest: Dest | null = null;
      let s: { name: string; kind: SecretKind } | null = null;
      switch (call.callee.replace(/^std::/, '')) {
        case 'fprintf':
          dest = streamDest(ctx, call.args[0]);
          s = firstSecret(call.args.slice(2));
          break;
        case 'fputs':
          dest = streamDest(ctx, call.args[1]);
          s = secretIn(call.args[0]) ?? secretInBuffer(ctx, call.args[0], call.node);
          break;
        case 'fwrite':
          dest = streamDest(ctx, call.args[3]);
          s = secretIn(call.args[0]) ?? secretInBuffer(ctx, call.args[0], call.node);
          break;
        case 'syslog':
          dest = 'log';
          s = firstSecret(call.args.slice(2));
          break;
        case 'dprintf':
          dest = fdDest(ctx, call.args[0]);
          s = firstSecret(call.args.slice(2));
          break;
        case 'write':
        case 'send':
          dest = fdDest(ctx, call.args[0]);
          s = secretIn(call.args[1]) ?? secretInBuffer(ctx, call.args[1], call.node);
          break;
      }
      if (dest && s) report(call, dest, s);
    }
  },
);
