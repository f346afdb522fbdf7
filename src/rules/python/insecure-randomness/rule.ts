import { defineRule } from '../../rule.ts';
import { securityContextName } from '../../common/secrets.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { addImport, replace, type Edit, type FixSuggestion } from '../../../fix/edits.ts';

const FUNCS = ['random', 'randint', 'choice', 'choices', 'getrandbits', 'randrange', 'sample', 'shuffle', 'uniform', 'randbytes'];

const PY_IMPORTS = ['import_statement', 'import_from_statement', 'future_import_statement'];
/** Functions with the same contract in `secrets` (same arguments, same result distribution). */
const SAME_CONTRACT: Record<string, string> = { choice: 'secrets.choice', getrandbits: 'secrets.randbits', randbytes: 'secrets.token_bytes' };
/** Methods that `secrets.SystemRandom()` (the OS CSPRNG behind the same Random API) offers unchanged. */
const SYSTEM_RANDOM = new Set(['choices', 'sample', 'shuffle', 'uniform']);
/** Parents under which a `x + y` may replace a call without parentheses. */
const LOOSE_PARENTS = new Set(['argument_list', 'assignment', 'return_statement', 'expression_statement', 'keyword_argument', 'parenthesized_expression', 'interpolation', 'list', 'tuple', 'pair']);

const intLiteral = (n: SyntaxNode | undefined): bigint | undefined => (n?.type === 'integer' && /^\d[\d_]*$/.test(n.text) ? BigInt(n.text.replace(/_/g, '')) : undefined);

/** The positional arguments of a call, or nothing when it has keywords, unpacking or comments among them. */
function positional(call: CallSite): SyntaxNode[] | undefined {
  if (call.keywords.size || call.args.some((a) => a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat' || a.type === 'comment')) return undefined;
  return call.args;
}

/** `randint(a, b)` / `randrange(a, b)` with integer literals → `secrets.randbelow(n) + a`, the same uniform range. */
function boundedFix(call: CallSite, args: SyntaxNode[]): string | undefined {
  if (args.length !== call.args.length) return undefined;
  if (call.name === 'randrange' && args.length === 1) return `secrets.randbelow(${args[0]!.text})`;
  if (args.length !== 2) return undefined;
  const lo = intLiteral(args[0]);
  const hi = intLiteral(args[1]);
  if (lo === undefined || hi === undefined) return undefined;
  const n = call.name === 'randint' ? hi - lo + 1n : hi - lo;
  if (n <= 0n) return undefined;
  if (lo === 0n) return `secrets.randbelow(${n})`;
  const sum = `secrets.randbelow(${n}) + ${lo}`;
  return LOOSE_PARENTS.has(call.node.parent?.type ?? '') ? sum : `(${sum})`;
}

/** Module-level `random.*` calls rewritten to `secrets`; instances (`random.Random(seed)`) and `random.random()` are left alone. */
function secretsFix(ctx: RuleContext, call: CallSite): FixSuggestion | undefined {
  if (!call.resolved || call.callee !== `random.${call.name}`) return undefined;
  const fn = call.node.child('function');
  if (!fn) return undefined;
  const args = positional(call) ?? [];
  // `secrets` must be the module wherever the call is.
  const defs = ctx.model.reachingDefs('secrets', call.node)?.defs;
  if (defs && !defs.every((d) => d.kind === 'import' && d.qualified === 'secrets')) return undefined;
  let edit: Edit | undefined;
  if (SAME_CONTRACT[call.name] && args.length === 1 && call.args.length === 1) edit = replace(fn, SAME_CONTRACT[call.name]!);
  // Any arguments: the method is the same one, bound to the OS generator.
  else if (SYSTEM_RANDOM.has(call.name)) edit = replace(fn, `secrets.SystemRandom().${call.name}`);
  else if (call.name === 'randint' || call.name === 'randrange') {
    const text = boundedFix(call, args);
    if (text) edit = replace(call.node, text);
  }
  if (!edit) return undefined;
  const edits = [edit];
  const imp = defs?.length ? undefined : addImport(ctx.model.tree, 'import secrets', PY_IMPORTS);
  if (imp) edits.push(imp);
  return { description: `draw the value from the secrets module (the OS CSPRNG) instead of random.${call.name}`, edits };
}

export default defineRule(
  {
    id: 'py/insecure-randomness',
    title: 'Predictable random numbers used for a security value',
    cwe: ['CWE-338', 'CWE-330'],
    confidence: 'high',
    languages: ['python'],
    description:
      'The `random` module is a Mersenne Twister: after observing 624 outputs an attacker can reconstruct its state and predict every past and future value, and the seed is often guessable. Tokens, passwords, one-time codes, session ids, salts and nonces drawn from it can be predicted and forged.',
    remediation:
      'Use the `secrets` module (`secrets.token_urlsafe(32)`, `secrets.choice(alphabet)`, `secrets.randbelow(10**6)`) or `os.urandom`; `random.SystemRandom()` is also backed by the operating system\'s CSPRNG.',
    references: ['https://cwe.mitre.org/data/definitions/338.html', 'https://docs.python.org/3/library/secrets.html', 'https://docs.python.org/3/library/random.html'],
    example: {
      bad: "token = ''.join(random.choices(string.ascii_letters + string.digits, k=32))",
      good: 'token = secrets.token_urlsafe(32)',
    },
    tags: ['crypto', 'randomness'],
  },
  (ctx) => {
    const patterns = FUNCS.flatMap((f) => [`random.${f}`, `random.Random().${f}`]);
    for (const call of ctx.calls(...patterns)) {
      const name = securityContextName(call.node);
      if (!name) continue;
      const fix = secretsFix(ctx, call);
      ctx.report(call.node, { message: `random.${call.name}() is predictable but is used for the security value '${name}'`, ...(fix ? { fix } : {}) });
    }
  },
);
