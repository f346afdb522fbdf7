/** Strings built from pieces (`+`, `%`, f-strings), taken apart for fixes that turn the values into arguments or query parameters. */
import type { RuleContext } from '../../context.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';

const REQUEST_STRINGS = /^(flask\.)?request\.(args|form|values|headers|cookies)$/;

/** Whether an expression certainly evaluates to a str (so it can stand in an argument list as it is). */
export function knownString(ctx: RuleContext, node: SyntaxNode | null | undefined, depth = 3): boolean {
  if (!node || depth < 0) return false;
  switch (node.type) {
    case 'string':
    case 'concatenated_string':
      return !/^[A-Za-z]*[bB]/.test(node.text);
    case 'parenthesized_expression':
      return knownString(ctx, node.namedChildren[0], depth);
    case 'identifier': {
      const r = ctx.model.reachingDefs(node.text, node);
      if (!r) return false;
      if (r.param && !r.defs.length) return r.param.node.type === 'typed_parameter' && r.param.node.child('type')?.text === 'str';
      return r.defs.length > 0 && !r.param && r.defs.every((d) => d.kind === 'assign' && !d.path && d.node.child('left')?.type === 'identifier' && knownString(ctx, d.value, depth - 1));
    }
    case 'subscript':
      return REQUEST_STRINGS.test(node.child('value')?.text ?? '') || node.child('value')?.text === 'sys.argv' || node.child('value')?.text === 'os.environ';
    case 'call': {
      const fn = node.child('function');
      const args = node.child('arguments')?.namedChildren ?? [];
      if (fn?.type === 'identifier') return fn.text === 'str' || fn.text === 'input';
      if (fn?.type !== 'attribute') return false;
      const method = fn.child('attribute')?.text ?? '';
      const object = fn.child('object');
      // request.args.get("host", "") — a str default keeps the result a str.
      if (method === 'get' && args.length === 2 && (REQUEST_STRINGS.test(object?.text ?? '') || object?.text === 'os.environ')) return knownString(ctx, args[1], depth - 1);
      if (object?.text === 'os' && method === 'getenv') return args.length === 2 && knownString(ctx, args[1], depth - 1);
      return /^(strip|lstrip|rstrip|lower|upper|casefold|title|replace|format)$/.test(method) && knownString(ctx, object, depth - 1);
    }
    default:
      return false;
  }
}


/** A piece of a built string: literal text, or a value spliced in (with whether it is certainly a str). */
export type Piece = { text: string } | { value: SyntaxNode; str: boolean };

/** The pieces of a plain or f-string (triple quotes allowed), or nothing when it has escapes, conversions, format specs or a prefix other than f. */
function stringPieces(ctx: RuleContext, node: SyntaxNode): Piece[] | undefined {
  const start = node.children[0];
  if (node.type !== 'string' || start?.type !== 'string_start' || !/^[fF]?("""|'''|"|')$/.test(start.text)) return undefined;
  const out: Piece[] = [];
  for (const c of node.children.slice(1, -1)) {
    if (c.type === 'string_content' && !c.namedChildren.length) out.push({ text: c.text });
    else if (c.type === 'interpolation' && c.namedChildren.length === 1 && c.child('expression')) {
      const value = c.child('expression')!;
      out.push({ value, str: knownString(ctx, value) });
    } else return undefined;
  }
  return out;
}

/** Flattens a string expression built by `+`, `%` or an f-string into literal text and values. */
export function builtStringPieces(ctx: RuleContext, node: SyntaxNode): Piece[] | undefined {
  if (node.type === 'string') return stringPieces(ctx, node);
  if (node.type !== 'binary_operator') return undefined;
  const op = node.operator;
  const left = node.child('left');
  const right = node.child('right');
  if (!left || !right) return undefined;
  if (op === '+') {
    const flat = (n: SyntaxNode): Piece[] | undefined => {
      if (n.type === 'binary_operator' && n.operator === '+') {
        const l = flat(n.child('left')!);
        const r = n.child('right') && flat(n.child('right')!);
        return l && r ? [...l, ...r] : undefined;
      }
      if (n.type === 'string') return stringPieces(ctx, n);
      if (n.type === 'concatenated_string') return undefined;
      // `+` with a str on one side: every other operand must be a str too.
      return [{ value: n, str: true }];
    };
    const pieces = flat(node);
    // `a + b + " x"` could add numbers first; a literal among the first two operands rules that out.
    const operands = flatOperands(node);
    if (!pieces || !(operands[0]?.type === 'string' || operands[1]?.type === 'string')) return undefined;
    return pieces;
  }
  if (op === '%' && left.type === 'string') {
    const lit = stringPieces(ctx, left);
    if (!lit || lit.length !== 1 || !('text' in lit[0]!)) return undefined;
    const parts = lit[0].text.split('%s');
    if (parts.some((p) => p.includes('%'))) return undefined;
    const values = right.type === 'tuple' ? right.namedChildren : knownString(ctx, right) ? [right] : undefined;
    if (!values || values.length !== parts.length - 1 || values.some((v) => v.type === 'list_splat')) return undefined;
    const out: Piece[] = [{ text: parts[0]! }];
    values.forEach((v, i) => out.push({ value: v, str: knownString(ctx, v) }, { text: parts[i + 1]! }));
    return out;
  }
  return undefined;
}

function flatOperands(n: SyntaxNode): SyntaxNode[] {
  return n.type === 'binary_operator' && n.operator === '+' ? [...flatOperands(n.child('left')!), n.child('right')!] : [n];
}

