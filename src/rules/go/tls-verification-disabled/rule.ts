import { defineRule } from '../../rule.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { qualifyGo } from '../../../languages/go/adapter.ts';
import { replace, type FixSuggestion } from '../../../fix/edits.ts';

/** The keyed elements of a composite literal by key name. */
function fields(lit: SyntaxNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const e of lit.child('body')?.namedChildren ?? []) {
    if (e.type !== 'keyed_element') continue;
    const [k, v] = e.namedChildren;
    if (k && v) out.set(k.text, v.namedChildren[0] ?? v);
  }
  return out;
}

/** `InsecureSkipVerify: true` / `= true` → `false`, only when the value is the literal itself (a named constant may be shared). */
function falseFix(value: SyntaxNode | null | undefined): FixSuggestion | undefined {
  if (value?.type !== 'true') return undefined;
  return { description: 'verify the server certificate (InsecureSkipVerify: false)', edits: [replace(value, 'false')] };
}

export default defineRule(
  {
    id: 'go/tls-verification-disabled',
    title: 'TLS certificate verification disabled',
    cwe: ['CWE-295'],
    confidence: 'high',
    languages: ['go'],
    description:
      '`tls.Config{InsecureSkipVerify: true}` makes a client accept any certificate for any host name, so anyone on the network path (public Wi-Fi, a compromised router, a malicious proxy) can impersonate the server, read the traffic, including credentials and tokens, and change the responses.',
    remediation:
      'Leave `InsecureSkipVerify` false. For an internal CA, add its certificate to `RootCAs` (`x509.NewCertPool()` + `AppendCertsFromPEM`); to pin a certificate, verify it in `VerifyPeerCertificate` or `VerifyConnection` instead of switching checks off.',
    references: ['https://cwe.mitre.org/data/definitions/295.html', 'https://pkg.go.dev/crypto/tls#Config'],
    example: {
      bad: 'client := &http.Client{Transport: &http.Transport{\n    TLSClientConfig: &tls.Config{InsecureSkipVerify: true},\n}}',
      good: 'pool := x509.NewCertPool()\npool.AppendCertsFromPEM(caPEM)\nclient := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}',
    },
    tags: ['tls', 'crypto'],
  },
  (ctx) => {
    ctx.model.tree.root.walk((n) => {
      if (n.type === 'composite_literal' && qualifyGo(n, ctx.model) === 'crypto/tls.Config') {
        const f = fields(n);
        const v = f.get('InsecureSkipVerify');
        // A custom verifier replaces the default checks (certificate pinning).
        if (v && ctx.value(v) === true && !f.has('VerifyPeerCertificate') && !f.has('VerifyConnection')) {
          const fix = falseFix(v);
          ctx.report(v.parent?.parent ?? v, { message: 'InsecureSkipVerify: true turns off certificate and host name verification', ...(fix ? { fix } : {}) });
        }
      }
      if (n.type === 'assignment_statement') {
        const left = n.child('left')?.namedChildren[0];
        const right = n.child('right')?.namedChildren[0];
        if (left?.type === 'selector_expression' && left.child('field')?.text === 'InsecureSkipVerify' && ctx.value(right) === true) {
          const fix = falseFix(right);
          ctx.report(n, { message: 'InsecureSkipVerify = true turns off certificate and host name verification', ...(fix ? { fix } : {}) });
        }
      }
    });
  },
);
