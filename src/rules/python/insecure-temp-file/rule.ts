import { defineRule } from '../../rule.ts';
import { argOf } from '../../helpers.ts';
import { isPredictableTmpPath } from './predictable.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { addImport, indentOf, insertAfter, replace, type Edit, type FixSuggestion } from '../../../fix/edits.ts';

const RACY_NAMES = ['tempfile.mktemp', 'os.tempnam', 'os.tmpnam'];
const OPENERS = ['open', 'io.open', 'codecs.open'];

const PY_IMPORTS = ['import_statement', 'import_from_statement', 'future_import_statement'];

/** The identifiers named `name` in the scope that resolves it at a node, in source order. */
function usesOf(ctx: RuleContext, name: string, at: SyntaxNode): SyntaxNode[] {
  const scope = ctx.model.reachingDefs(name, at)?.scope.node ?? ctx.model.tree.root;
  const out: SyntaxNode[] = [];
  scope.walk((x) => {
    if (x.type === 'identifier' && x.text === name) out.push(x);
  });
  return out;
}

/**
 * `path = tempfile.mktemp(...)` followed by `open(path, "w")` → `fd, path = tempfile.mkstemp(...)`
 * and `os.close(fd)`: the file is created atomically and the later open truncates it as before.
 */
function mkstempFix(ctx: RuleContext, call: CallSite): FixSuggestion | undefined {
  const fn = call.node.child('function');
  const assign = call.node.parent;
  const stmt = assign?.parent;
  const target = assign?.child('left');
  if (call.callee !== 'tempfile.mktemp' || fn?.type !== 'attribute' || fn.child('object')?.text !== 'tempfile') return undefined;
  if (assign?.type !== 'assignment' || assign.child('right') !== call.node || stmt?.type !== 'expression_statement' || target?.type !== 'identifier') return undefined;
  // mktemp(suffix, prefix, dir) has the same first parameters as mkstemp.
  if ([...call.keywords.keys()].some((k) => !['suffix', 'prefix', 'dir'].includes(k)) || call.args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return undefined;
  // The first use must open the path for writing (not "x", which would now fail on the existing file).
  const first = usesOf(ctx, target.text, call.node).find((u) => u.startIndex > stmt.endIndex);
  const opener = first?.parent?.type === 'argument_list' ? ctx.model.callByNode.get(first.parent.parent?.id ?? -1) : undefined;
  const mode = opener && argOf(opener, 'mode', 1);
  const modeValue = mode && ctx.value(mode);
  if (!opener || !OPENERS.includes(opener.callee) || opener.args[0] !== first || typeof modeValue !== 'string' || !/w/.test(modeValue) || /[xa]/.test(modeValue)) return undefined;
  // A name for the descriptor that nothing in the function uses and nothing outside it binds.
  let fnNode: SyntaxNode = call.node;
  while (fnNode.parent && fnNode.type !== 'function_definition') fnNode = fnNode.parent;
  const used = new Set<string>();
  fnNode.walk((x) => {
    if (x.type === 'identifier') used.add(x.text);
  });
  const fd = ['fd', 'tmp_fd', 'temp_fd'].find((n) => !used.has(n) && !ctx.model.reachingDefs(n, call.node));
  const osDefs = ctx.model.reachingDefs('os', call.node);
  if (!fd || (osDefs && !osDefs.defs.every((d) => d.kind === 'import' && /^os(\.|$)/.test(d.qualified ?? '')))) return undefined;
  const edits: Edit[] = [
    replace(target, `${fd}, ${target.text}`),
    replace(fn.child('attribute')!, 'mkstemp'),
    insertAfter(stmt, `\n${indentOf(stmt)}os.close(${fd})`),
  ];
  const imp = osDefs?.defs.length ? undefined : addImport(ctx.model.tree, 'import os', PY_IMPORTS);
  if (imp) edits.push(imp);
  return { description: 'create the file atomically with tempfile.mkstemp (and close its descriptor) instead of only choosing a name', edits };
}

export default defineRule(
  {
    id: 'py/insecure-temp-file',
    title: 'Temporary file with a predictable name',
    cwe: ['CWE-377'],
    confidence: 'high',
    languages: ['python'],
    description:
      '`tempfile.mktemp` only returns a name; between choosing it and opening it another local user can create a file or a symbolic link with that name. Writing to a fixed or time-based name in the shared `/tmp` directory has the same race: an attacker who plants a symlink there makes the program overwrite any file it can write, or read back data the attacker controls.',
    remediation:
      'Create temporary files atomically with `tempfile.NamedTemporaryFile`, `tempfile.mkstemp` or `tempfile.TemporaryDirectory`, or open with mode `"x"` so an existing file or link makes the call fail.',
    references: [
      'https://cwe.mitre.org/data/definitions/377.html',
      'https://docs.python.org/3/library/tempfile.html#tempfile.mktemp',
    ],
    example: {
      bad: 'path = tempfile.mktemp(suffix=".csv")\nwith open(path, "w") as f:\n    f.write(data)',
      good: 'with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:\n    f.write(data)',
    },
    tags: ['file', 'race'],
  },
  (ctx) => {
    for (const call of ctx.calls(...RACY_NAMES)) {
      const fix = mkstempFix(ctx, call);
      ctx.report(call.node, { message: `${call.callee}() returns a name that another process can claim before this one opens it`, confidence: 'high', ...(fix ? { fix } : {}) });
    }
    for (const call of ctx.calls(...OPENERS)) {
      const file = argOf(call, 'file', 0);
      const mode = ctx.value(argOf(call, 'mode', 1));
      if (typeof mode !== 'string' || !/[wa+]/.test(mode) || mode.includes('x')) continue;
      if (!isPredictableTmpPath(ctx, file)) continue;
      ctx.report(file!, { message: 'The file is written at a predictable name in the shared temporary directory, where another user can plant a symlink first', confidence: 'medium' });
    }
    for (const call of ctx.calls('*.write_text', '*.write_bytes', '*.open')) {
      if (!call.receiver || (call.resolved && !call.callee.startsWith('pathlib.'))) continue;
      if (call.name === 'open') {
        const mode = ctx.value(argOf(call, 'mode', 0));
        if (typeof mode !== 'string' || !/[wa+]/.test(mode) || mode.includes('x')) continue;
      }
      if (!isPredictableTmpPath(ctx, call.receiver)) continue;
      ctx.report(call.node, { message: 'The file is written at a predictable name in the shared temporary directory, where another user can plant a symlink first', confidence: 'medium' });
    }
    for (const call of ctx.calls('os.open')) {
      const flags = argOf(call, 'flags', 1);
      if (!flags || !/O_CREAT/.test(flags.text) || /O_EXCL/.test(flags.text)) continue;
      const file = argOf(call, 'path', 0);
      if (isPredictableTmpPath(ctx, file)) {
        ctx.report(file!, { message: 'The file is created at a predictable name in the shared temporary directory without O_EXCL', confidence: 'medium' });
      }
    }
  },
);
