import { defineRule } from '../../rule.ts';
import { qualifyPython } from '../../../languages/python/adapter.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { removeArgumentLine, type FixSuggestion } from '../../../fix/edits.ts';

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream', 'urlopen', 'Client', 'AsyncClient', 'Session', 'merge_environment_settings', 'mount']);

/** Calls whose `verify` defaults to True, so dropping `verify=False` restores verification and nothing else. */
const VERIFY_DEFAULT_TRUE = /^(requests\.((Session|session)\(\)\.)?(get|post|put|patch|delete|head|options|request)|httpx\.(get|post|put|patch|delete|head|options|request|stream|Client|AsyncClient))$/;

/** `requests.get(url, verify=False)` → `requests.get(url)`, for literal False on calls whose default verifies. */
function verifyFix(call: CallSite, value: SyntaxNode): FixSuggestion | undefined {
  const kw = value.parent;
  if (!call.resolved || !VERIFY_DEFAULT_TRUE.test(call.callee) || value.text !== 'False' || kw?.type !== 'keyword_argument' || kw.child('name')?.text !== 'verify') return undefined;
  return { description: 'remove verify=False so the certificate is checked (the default)', edits: [removeArgumentLine(kw)] };
}

export default defineRule(
  {
    id: 'py/tls-verification-disabled',
    title: 'TLS certificate verification disabled',
    cwe: ['CWE-295'],
    confidence: 'high',
    languages: ['python'],
    description:
      'Without certificate and host-name verification, TLS no longer proves who is at the other end: anyone on the network path (public Wi-Fi, a compromised router, a malicious proxy) can present their own certificate, read the traffic, including credentials and tokens, and change responses.',
    remediation:
      'Keep the default verification (`verify=True`, `ssl.create_default_context()`). For a private CA, pass its bundle: `requests.get(url, verify="/path/to/ca.pem")` or `ctx.load_verify_locations(cafile=...)`. Silencing `InsecureRequestWarning` hides the problem rather than fixing it.',
    references: [
      'https://cwe.mitre.org/data/definitions/295.html',
      'https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification',
      'https://docs.python.org/3/library/ssl.html#security-considerations',
    ],
    example: {
      bad: 'resp = requests.get(url, verify=False)',
      good: 'resp = requests.get(url, verify="/etc/ssl/certs/internal-ca.pem")',
    },
    tags: ['tls', 'crypto'],
  },
  (ctx) => {
    for (const call of ctx.model.calls) {
      const verify = call.keywords.get('verify') ?? call.keywords.get('verify_ssl');
      const httpLib = /^(requests|httpx|aiohttp|urllib3)\./.test(call.callee) || HTTP_METHODS.has(call.name);
      if (verify && httpLib && ctx.value(verify) === false) {
        const fix = verifyFix(call, verify);
        ctx.report(verify, { message: `Certificate verification is turned off for this ${call.callee.startsWith('httpx') ? 'httpx' : 'HTTP'} request`, ...(fix ? { fix } : {}) });
      }
      const sslOpt = call.keywords.get('ssl');
      if (sslOpt && (call.name === 'TCPConnector' || /^(get|post|put|patch|delete|request|ws_connect)$/.test(call.name)) && ctx.value(sslOpt) === false) {
        ctx.report(sslOpt, { message: 'Certificate verification is turned off with ssl=False' });
      }
      const certReqs = call.keywords.get('cert_reqs');
      if (certReqs && (/CERT_NONE$/.test(certReqs.text) || ctx.value(certReqs) === 'CERT_NONE' || ctx.value(certReqs) === 'NONE')) {
        ctx.report(certReqs, { message: 'Certificates are not required (CERT_NONE), so any server certificate is accepted' });
      }
    }
    for (const call of ctx.calls('ssl._create_unverified_context', 'ssl._create_stdlib_context')) {
      ctx.report(call.node, { message: `ssl.${call.name}() creates a context that accepts any certificate` });
    }
    for (const node of ctx.nodes('assignment')) {
      const left = node.child('left');
      const right = node.child('right');
      if (left?.type !== 'attribute' || !right) continue;
      const attr = left.child('attribute')?.text;
      const q = qualifyPython(right, ctx.model);
      if (attr === 'verify' && ctx.value(right) === false) {
        ctx.report(node, { message: 'Certificate verification is turned off for every request of this session' });
      } else if (attr === 'check_hostname' && ctx.value(right) === false) {
        ctx.report(node, { message: 'Host-name checking is turned off, so a certificate for any host is accepted' });
      } else if (attr === 'verify_mode' && (q === 'ssl.CERT_NONE' || /(^|\.)CERT_NONE$/.test(right.text))) {
        ctx.report(node, { message: 'verify_mode is CERT_NONE, so any server certificate is accepted' });
      } else if (attr === '_create_default_https_context' && (q === 'ssl._create_unverified_context' || /_create_unverified_context$/.test(right.text))) {
        ctx.report(node, { message: 'Every HTTPS connection of the process is made to accept any certificate' });
      }
    }
  },
);
