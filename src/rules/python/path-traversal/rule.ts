import { defineRule } from '../../rule.ts';
import { argOf, origin } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import { guarded, namesFeeding } from './guard.ts';
import { indentOf, insertAfter, type FixSuggestion } from '../../../fix/edits.ts';

/** Functions whose first argument (or the keyword given) names a file to read, write or delete. */
const PATH_SINKS: [callee: string, keyword: string][] = [
  ['open', 'file'], ['io.open', 'file'], ['codecs.open', 'filename'], ['os.open', 'path'], ['aiofiles.open', 'file'],
  ['os.remove', 'path'], ['os.unlink', 'path'], ['os.rmdir', 'path'], ['os.removedirs', 'name'], ['os.listdir', 'path'],
  ['shutil.rmtree', 'path'], ['shutil.copy', 'src'], ['shutil.copy2', 'src'], ['shutil.copyfile', 'src'],
  ['shutil.copytree', 'src'], ['shutil.move', 'src'], ['os.rename', 'src'], ['os.replace', 'src'],
  ['flask.send_file', 'path_or_file'], ['flask.helpers.send_file', 'path_or_file'],
  ['fastapi.responses.FileResponse', 'path'], ['starlette.responses.FileResponse', 'path'],
];
/** Second path argument of copy/move/rename: the destination. */
const DEST_SINKS = new Set(['shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree', 'shutil.move', 'os.rename', 'os.replace']);
/** `send_from_directory(directory, path)` joins safely; only the directory is dangerous to take from input. */
const DIR_SINKS = ['flask.send_from_directory', 'flask.helpers.send_from_directory'];
/** pathlib methods that open, write or delete the file the receiver names. */
const PATHLIB_METHODS = ['open', 'read_text', 'read_bytes', 'write_text', 'write_bytes', 'unlink', 'rmdir', 'iterdir'];
const PATHLIB_ONLY = new Set(['read_text', 'read_bytes', 'write_text', 'write_bytes']);

const CHECK_CALLS = /(^|\.)(startswith|is_relative_to|commonpath|commonprefix|fullmatch|match|search|isalnum|isidentifier)$/;
const NORMALISERS = /\b(realpath|abspath|normpath|resolve)\s*\(/;

/** A condition that confines a path: prefix/containment checks, an allow-list, or a pattern match. */
function isPathCheck(cond: SyntaxNode, fnText: string): boolean {
  let ok = false;
  cond.walk((n) => {
    if (n.type === 'call') {
      const fn = n.child('function')?.text ?? '';
      const m = CHECK_CALLS.exec(fn);
      // A prefix check is only a confinement when the path was normalised first.
      if (m && (!/startswith|commonprefix/.test(m[2]) || NORMALISERS.test(fnText))) ok = true;
    } else if (n.type === 'comparison_operator' && /\s(not\s+)?in\s/.test(n.text)) ok = true;
    return !ok;
  });
  return ok;
}

const SIMPLE_BASE = new Set(['identifier', 'attribute', 'string']);

/**
 * `path = os.path.join(BASE, name)` then `open(path)` in the same block: a check inserted after the
 * join that rejects (ValueError) a resolved path outside the resolved base; paths inside are untouched.
 */
function pathGuardFix(ctx: RuleContext, call: CallSite, node: SyntaxNode): FixSuggestion | undefined {
  if (node.type !== 'identifier') return undefined;
  const found = ctx.model.reachingDefs(node.text, node);
  const d = found && !found.param && found.defs.length === 1 ? found.defs[0] : undefined;
  const stmt = d?.node.parent;
  if (!d || d.kind !== 'assign' || d.path || !d.value || d.node.type !== 'assignment' || d.node.child('left')?.type !== 'identifier' || stmt?.type !== 'expression_statement') return undefined;
  const join = ctx.model.callByNode.get(d.value.id);
  if (!join || join.callee !== 'os.path.join' || join.args.length !== 2 || join.keywords.size) return undefined;
  const base = join.args[0]!;
  if (!SIMPLE_BASE.has(base.type) || !['constant', 'unknown'].includes(ctx.taint(base).level) || /[\n\r]/.test(base.text)) return undefined;
  // The sink must follow in the same block, so the check runs on every path to it.
  const block = stmt.parent;
  if (!block || !block.contains(call.node) || call.node.startIndex < stmt.endIndex) return undefined;
  const os = ctx.model.reachingDefs('os', stmt);
  if (!os?.defs.length || !os.defs.every((x) => x.kind === 'import' && /^os(\.|$)/.test(x.qualified ?? ''))) return undefined;
  const indent = indentOf(stmt);
  const step = indent.includes('\t') ? '\t' : '    ';
  const guard =
    `\n${indent}if not os.path.realpath(${node.text}).startswith(os.path.realpath(${base.text}) + os.sep):` +
    `\n${indent}${step}raise ValueError("path outside the allowed directory")`;
  return { description: 'reject a joined path that resolves outside its base directory', edits: [insertAfter(stmt, guard)] };
}

function report(ctx: RuleContext, call: CallSite, node: SyntaxNode | undefined, what: string): void {
  if (!node) return;
  const t = ctx.taint(node, 'path');
  if (t.level !== 'remote' || t.sanitized) return;
  const fn = ctx.model.scopeOf(call.node).node;
  const fnText = fn.text.slice(0, call.node.startIndex - fn.startIndex);
  const names = namesFeeding(ctx, node);
  const relativeTo = (n: SyntaxNode) =>
    n.type === 'call' && /\.relative_to$/.test(n.child('function')?.text ?? '') && !n.ancestor('if_statement');
  if (guarded(ctx, call.node, names, (c) => isPathCheck(c, fnText), relativeTo)) return;
  const fix = pathGuardFix(ctx, call, node);
  ctx.report(node, { message: `${what} is built from ${origin(t)} without confining it to a base directory`, confidence: 'high', ...(fix ? { fix } : {}) });
}

export default defineRule(
  {
    id: 'py/path-traversal',
    title: 'File path built from user input',
    cwe: ['CWE-22', 'CWE-23', 'CWE-36', 'CWE-73'],
    confidence: 'high',
    languages: ['python'],
    description:
      'A file name taken from a request can contain `../` sequences or be an absolute path. Joined to a base directory with `os.path.join` or `/` and passed to `open`, `send_file`, `os.remove` or `shutil`, it lets the client read, overwrite or delete any file the process can reach, such as configuration, keys or source code. `os.path.join` even discards the base directory when the second part is absolute.',
    remediation:
      'Reduce the name to its last component with `werkzeug.utils.secure_filename` or `os.path.basename`, or resolve the joined path with `os.path.realpath` and reject it unless it stays under the base directory (`os.path.commonpath([base, full]) == base`, `Path.is_relative_to`). In Flask, serve files with `send_from_directory(directory, name)`.',
    references: [
      'https://cwe.mitre.org/data/definitions/22.html',
      'https://owasp.org/www-community/attacks/Path_Traversal',
      'https://flask.palletsprojects.com/en/latest/api/#flask.send_from_directory',
      'https://werkzeug.palletsprojects.com/en/latest/utils/#werkzeug.utils.secure_filename',
    ],
    example: {
      bad: 'name = request.args["file"]\nreturn send_file(os.path.join(UPLOAD_DIR, name))',
      good: 'name = request.args["file"]\nreturn send_from_directory(UPLOAD_DIR, name)',
    },
    tags: ['path', 'file'],
  },
  (ctx) => {
    for (const [callee, keyword] of PATH_SINKS) {
      for (const call of ctx.calls(callee)) {
        report(ctx, call, argOf(call, keyword || null, 0), 'The file path');
        if (DEST_SINKS.has(callee)) report(ctx, call, argOf(call, 'dst', 1), 'The destination path');
      }
    }
    for (const call of ctx.calls(...DIR_SINKS)) report(ctx, call, argOf(call, 'directory', 0), 'The directory served from');
    for (const call of ctx.calls(...PATHLIB_METHODS.map((m) => `*.${m}`))) {
      if (!call.receiver) continue;
      const isPathlib = /^pathlib\.(Pure)?(Posix|Windows)?Path\(\)/.test(call.callee);
      const isPathExpr = call.receiver.type === 'binary_operator' || call.receiver.type === 'parenthesized_expression';
      if (!isPathlib && !(PATHLIB_ONLY.has(call.name) && !call.resolved) && !(isPathExpr && ctx.taint(call.receiver, 'path').level === 'remote')) continue;
      if (call.callee.startsWith('os.') || call.callee.startsWith('io.') || call.callee.startsWith('codecs.')) continue;
      report(ctx, call, call.receiver, 'The file path');
    }
  },
);
