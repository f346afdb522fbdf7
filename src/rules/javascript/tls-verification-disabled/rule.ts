import { defineRule } from '../../rule.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { normaliseSinkText } from '../../../scanner/fingerprint.ts';
import { combineGroupFixes, removeArgument, replace, type Edit, type FixSuggestion } from '../../../fix/edits.ts';

const FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function']);

/** A function that accepts every certificate: `() => undefined`, `() => {}`, `function () { return null; }`. */
function acceptsAll(fn: SyntaxNode | null): boolean {
  if (!fn || !FUNCTIONS.has(fn.type)) return false;
  const body = fn.child('body');
  if (!body) return false;
  if (body.type !== 'statement_block') return /^(undefined|null|void 0)$/.test(body.text.trim());
  const stmts = body.namedChildren.filter((c) => c.type !== 'comment');
  if (stmts.length === 0) return true;
  return stmts.length === 1 && stmts[0].type === 'return_statement' && /^return\s*(undefined|null|void 0)?\s*;?$/.test(stmts[0].text.trim());
}

function keyOf(pair: SyntaxNode): string | undefined {
  const k = pair.child('key');
  if (!k) return undefined;
  return k.type === 'string' ? k.text.slice(1, -1) : k.text;
}

/** Removes a node with its whole line(s) when it stands alone there (an object property, a statement), else with its separator. */
function removeLines(node: SyntaxNode, separator: boolean): Edit | undefined {
  const text = node.source.text;
  const lineStart = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  const eol = text.indexOf('\n', node.endIndex);
  const lineEnd = eol === -1 ? text.length : eol + 1;
  const rest = text.slice(node.endIndex, lineEnd);
  if (/^\s*$/.test(text.slice(lineStart, node.startIndex)) && (separator ? /^\s*,?\s*$/ : /^\s*;?\s*$/).test(rest)) {
    return { start: explanationAbove(text, lineStart), end: lineEnd, text: '' };
  }
  return separator ? removeArgument(node) : undefined;
}

const ABOUT_TLS = /\b(tls|ssl|certs?|certificates?|self[- ]signed|verif\w*|unauthori[sz]ed|insecure)\b/i;

/** Where a removed line starts, taking with it a `//` comment line right above that explains the setting. */
function explanationAbove(text: string, lineStart: number): number {
  if (lineStart === 0) return lineStart;
  const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const prev = text.slice(prevStart, lineStart - 1);
  return /^\s*\/\/.*$/.test(prev) && ABOUT_TLS.test(prev) ? prevStart : lineStart;
}

/** `rejectUnauthorized: false` / `strictSSL: false` / `x.rejectUnauthorized = false` → `true`, when the value is the literal. */
function literalTrue(value: SyntaxNode | null, key: string): FixSuggestion | undefined {
  // TypeScript wrappers keep the literal: `false as boolean`, `(false)`, `false satisfies boolean`.
  let v = value;
  while (v && (v.type === 'as_expression' || v.type === 'satisfies_expression' || v.type === 'parenthesized_expression')) v = v.namedChildren[0] ?? null;
  if (v?.type !== 'false') return undefined;
  return { description: `verify certificates (${key}: true)`, edits: [replace(v, 'true')] };
}

/** `checkServerIdentity: () => undefined` removed, so Node's own host-name check applies. */
function removePair(pair: SyntaxNode): FixSuggestion | undefined {
  const edit = pair.parent?.type === 'object' ? removeLines(pair, true) : undefined;
  return edit && { description: 'remove the checkServerIdentity override, restoring the default host-name check', edits: [edit] };
}

/** `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';` as a statement of its own: the line removed. */
function removeEnvAssignment(assign: SyntaxNode): FixSuggestion | undefined {
  const stmt = assign.parent;
  if (stmt?.type !== 'expression_statement' || !['program', 'statement_block'].includes(stmt.parent?.type ?? '')) return undefined;
  // `if (process.env.NODE_ENV !== 'production') { …only this… }`: the whole `if` goes, when its test has no side effects.
  const block = stmt.parent!;
  const ifStmt = block.parent;
  const cond = ifStmt?.type === 'if_statement' && block.field === 'consequence' && !ifStmt.child('alternative') ? ifStmt.child('condition') : null;
  const alone = block.namedChildren.every((c) => c === stmt || c.type === 'comment');
  const edit = cond && alone && /^\((?:[\w$.'"` !=&|<>[\]-]|===?|!==?)+\)$/.test(cond.text) && !/[^=!<>]=[^=]|\+\+|--/.test(cond.text) ? removeLines(ifStmt!, false) : removeLines(stmt, false);
  return edit && { description: 'stop turning off certificate verification for the whole process (line removed)', edits: [edit] };
}

export default defineRule(
  {
    id: 'js/tls-verification-disabled',
    title: 'TLS certificate verification disabled',
    cwe: ['CWE-295'],
    confidence: 'high',
    languages: ['javascript', 'typescript'],
    description:
      'With `rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED=0` or a `checkServerIdentity` that accepts everything, TLS no longer proves who is at the other end: anyone on the network path can present their own certificate, read credentials and tokens in the traffic, and alter responses.',
    remediation:
      'Keep verification on. For a private or self-signed CA, pass it explicitly (`new https.Agent({ ca: fs.readFileSync("ca.pem") })`) or set `NODE_EXTRA_CA_CERTS`; never turn verification off globally.',
    references: ['https://cwe.mitre.org/data/definitions/295.html', 'https://nodejs.org/api/tls.html#tlsconnectoptions-callback', 'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue'],
    example: {
      bad: 'const agent = new https.Agent({ rejectUnauthorized: false });',
      good: "const agent = new https.Agent({ ca: fs.readFileSync('/etc/ssl/internal-ca.pem') });",
    },
    tags: ['tls', 'crypto'],
  },
  (ctx) => {
    const reports: { node: SyntaxNode; message: string; key: string; fix?: FixSuggestion }[] = [];
    const report = (node: SyntaxNode, message: string, fix: FixSuggestion | undefined) =>
      reports.push({ node, message, key: `${ctx.model.scopeOf(node).name}\u0000${normaliseSinkText(node.text)}`, ...(fix ? { fix } : {}) });
    ctx.model.tree.root.walk((node) => {
      if (node.type === 'pair') {
        const key = keyOf(node);
        const value = node.child('value');
        if ((key === 'rejectUnauthorized' || key === 'strictSSL') && ctx.value(value) === false) {
          report(node, `Certificate verification is turned off with ${key}: false`, literalTrue(value, key));
        } else if (key === 'checkServerIdentity' && acceptsAll(value)) {
          report(node, 'checkServerIdentity accepts every certificate, so host names are not verified', removePair(node));
        }
      } else if (node.type === 'assignment_expression') {
        const left = node.child('left');
        const text = left?.text.replace(/\s+/g, '') ?? '';
        if (/^process\.env(\.NODE_TLS_REJECT_UNAUTHORIZED|\[['"`]NODE_TLS_REJECT_UNAUTHORIZED['"`]\])$/.test(text)) {
          const v = ctx.value(node.child('right'));
          if (v === '0' || v === 0 || v === false) report(node, 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate verification for every TLS connection of the process', removeEnvAssignment(node));
        } else if (left?.type === 'member_expression' && left.child('property')?.text === 'rejectUnauthorized' && ctx.value(node.child('right')) === false) {
          report(node, 'Certificate verification is turned off with rejectUnauthorized = false', literalTrue(node.child('right'), 'rejectUnauthorized'));
        }
      }
    });
    // Fixed one at a time, two identical settings in one scope would swap fingerprints.
    const fixes = combineGroupFixes(reports, (n, f) => `${f.description} (${n} occurrences in this scope)`);
    reports.forEach((r, i) => {
      const fix = fixes[i];
      ctx.report(r.node, { message: r.message, ...(fix ? { fix } : {}) });
    });
  },
);
