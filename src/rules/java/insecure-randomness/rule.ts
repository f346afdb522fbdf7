import { defineRule } from '../../rule.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { isSecurityValueName } from '../../common/secrets.ts';
import { addImport, replace, type Edit, type FixSuggestion } from '../../../fix/edits.ts';

/**
 * `new Random()` (inline, or the single value of the variable or field the call goes through) →
 * `new SecureRandom()`, a subclass with the same methods; a declared `Random` type stays valid.
 * Seeded generators are left alone: their repeatability may be the point.
 */
function secureRandomFix(ctx: RuleContext, call: CallSite): FixSuggestion | undefined {
  let r = call.receiver;
  if (r?.type === 'identifier' || (r?.type === 'field_access' && r.child('object')?.type === 'this')) {
    const name = r.type === 'identifier' ? r.text : (r.child('field')?.text ?? '');
    const found = ctx.model.reachingDefs(name, r);
    if (!found || found.param || found.defs.length !== 1 || (found.scope.defs.get(name) ?? []).length !== 1) return undefined;
    r = found.defs[0].value;
  }
  if (r?.type !== 'object_creation_expression') return undefined;
  const type = r.child('type');
  const args = r.child('arguments');
  if (!type || !/^(java\.util\.)?Random$/.test(type.text) || !args || args.namedChildren.length || r.child('body')) return undefined;
  const text = ctx.model.tree.root.source.text;
  const edits: Edit[] = [replace(type, type.text === 'Random' ? 'SecureRandom' : 'java.security.SecureRandom')];
  if (type.text === 'Random' && !/^\s*import\s+java\.security\.\*\s*;/m.test(text)) {
    const imp = addImport(ctx.model.tree, 'import java.security.SecureRandom;', ['import_declaration'], ['package_declaration']);
    if (imp) edits.push(imp);
  }
  return { description: 'draw the value from java.security.SecureRandom', edits };
}

const RANDOM_METHODS = /^(nextInt|nextLong|nextDouble|nextFloat|nextBytes|nextBoolean|nextGaussian|ints|longs|doubles)$/;
const RANDOM_STRING_UTILS = /^org\.apache\.commons\.lang3?\.RandomStringUtils\.(random|randomAlphanumeric|randomAlphabetic|randomNumeric|randomAscii|randomGraph|randomPrint)$/;
/** Targets whose names say the value is not a secret (timing, sampling, UI). */
const HARMLESS = /(delay|jitter|backoff|sleep|timeout|retry|retries|colou?r|shuffle|sample|sampling|port|latency|wait|percent|chance|probability|dice|roll|index|idx|offset|position|pos|x|y|width|height|speed|weight|score|temperature)$/i;
const PASS_THROUGH = new Set([
  'method_invocation', 'argument_list', 'binary_expression', 'cast_expression', 'parenthesized_expression', 'ternary_expression',
  'array_access', 'array_initializer', 'array_creation_expression', 'object_creation_expression',
]);

function methodOf(node: SyntaxNode): SyntaxNode | null {
  return node.ancestor(new Set(['method_declaration', 'lambda_expression', 'constructor_declaration']));
}

/** The name a random value is stored under or returned as: a variable, a field, or the method that returns it. */
function target(node: SyntaxNode): { name: string; via: 'assign' | 'return' | 'none' } {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'binary_expression' && /^(<|>|<=|>=|==|!=|&&|\|\|)$/.test(p.operator ?? '')) break;
    if (PASS_THROUGH.has(p.type)) continue;
    if (p.type === 'variable_declarator' && child.field === 'value') return { name: p.child('name')?.text ?? '', via: 'assign' };
    if (p.type === 'assignment_expression' && child.field === 'right') {
      const left = p.child('left');
      const name = left?.type === 'field_access' ? left.child('field')?.text : left?.type === 'array_access' ? left.child('array')?.text : left?.text;
      return { name: name ?? '', via: 'assign' };
    }
    if (p.type === 'return_statement') {
      const m = methodOf(p);
      return { name: m?.type === 'method_declaration' ? (m.child('name')?.text ?? '') : '', via: 'return' };
    }
    break;
  }
  return { name: '', via: 'none' };
}

/** Why a weak random value is security-relevant: the name it ends up under, or the method producing it. */
function securityUse(node: SyntaxNode): string | undefined {
  const t = target(node);
  if (t.name && isSecurityValueName(t.name)) return t.name;
  if (t.name && HARMLESS.test(t.name) && !/^(idx|index|pos|position|offset)$/i.test(t.name)) return undefined;
  const m = methodOf(node);
  const mname = m?.type === 'method_declaration' ? m.child('name')?.text : undefined;
  return mname && isSecurityValueName(mname) ? mname : undefined;
}

/** Whether a `java.util.Random`-typed receiver is really a SecureRandom. */
function isSecure(ctx: RuleContext, call: CallSite): boolean {
  let r = call.receiver;
  if (r?.type === 'identifier' || (r?.type === 'field_access' && r.child('object')?.type === 'this')) {
    const name = r.type === 'identifier' ? r.text : (r.child('field')?.text ?? '');
    const d = ctx.model.reachingDefs(name, r)?.defs[0];
    r = d?.value ?? null;
  }
  return !!r && /SecureRandom/.test(r.text);
}

export default defineRule(
  {
    id: 'java/insecure-randomness',
    title: 'Predictable random numbers used for a security value',
    cwe: ['CWE-338', 'CWE-330'],
    confidence: 'high',
    languages: ['java'],
    description:
      '`java.util.Random`, `Math.random()`, `ThreadLocalRandom` and Commons Lang `RandomStringUtils` use a linear congruential generator: after observing a few outputs, an attacker can compute the seed and predict every other value. Tokens, session ids, one-time codes, reset links and generated passwords made with them can be guessed.',
    remediation:
      'Use `java.security.SecureRandom` for every security value: `byte[] b = new byte[32]; new SecureRandom().nextBytes(b)` encoded with `Base64.getUrlEncoder()`, or `RandomStringUtils.secure()` in Commons Lang 3.16+. `UUID.randomUUID()` is also backed by `SecureRandom`.',
    references: [
      'https://cwe.mitre.org/data/definitions/338.html',
      'https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/security/SecureRandom.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-id-entropy',
    ],
    example: {
      bad: 'String resetToken = Long.toHexString(new Random().nextLong());',
      good: 'byte[] bytes = new byte[32];\nnew SecureRandom().nextBytes(bytes);\nString resetToken = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);',
    },
    tags: ['crypto', 'randomness'],
  },
  (ctx) => {
    const check = (call: CallSite, what: string, fixOf?: () => FixSuggestion | undefined) => {
      const use = securityUse(call.node);
      if (!use) return;
      const fix = fixOf?.();
      ctx.report(call.node, { message: `${what} is predictable but is used for the security value '${use}'`, ...(fix ? { fix } : {}) });
    };
    for (const call of ctx.calls('java.util.Random.*')) {
      if (!RANDOM_METHODS.test(call.name) || isSecure(ctx, call)) continue;
      check(call, `java.util.Random.${call.name}`, () => secureRandomFix(ctx, call));
    }
    for (const call of ctx.calls('java.lang.Math.random')) check(call, 'Math.random()');
    for (const call of ctx.calls('java.util.concurrent.ThreadLocalRandom.*')) {
      if (RANDOM_METHODS.test(call.name)) check(call, `ThreadLocalRandom.${call.name}`);
    }
    for (const call of ctx.model.calls) {
      if (!RANDOM_STRING_UTILS.test(call.callee)) continue;
      if (call.args.some((a) => /SecureRandom/.test(a.text))) continue;
      check(call, `RandomStringUtils.${call.name}`);
    }
  },
);
