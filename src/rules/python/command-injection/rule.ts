import { defineRule } from '../../rule.ts';
import { argOf, confidenceOf, origin } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { CallSite } from '../../../analysis/model.ts';
import { builtStringPieces } from './string-pieces.ts';
import { addImport, removeArgumentLine, replace, type Edit, type FixSuggestion } from '../../../fix/edits.ts';

const SHELL_SINKS = [
  'os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'commands.getoutput',
  'commands.getstatusoutput', 'asyncio.create_subprocess_shell', 'os.popen2', 'os.popen3', 'os.popen4',
];
const SUBPROCESS = ['subprocess.run', 'subprocess.call', 'subprocess.Popen', 'subprocess.check_call', 'subprocess.check_output'];
const EXEC_SINKS = ['os.execl', 'os.execlp', 'os.execv', 'os.execvp', 'os.execve', 'os.spawnl', 'os.spawnlp', 'os.spawnv', 'os.spawnvp', 'asyncio.create_subprocess_exec'];

const PY_IMPORTS = ['import_statement', 'import_from_statement', 'future_import_statement'];
/** Characters a shell passes through unchanged inside a word: no quoting, globbing, expansion or operators. */
const PLAIN_WORD = /^[A-Za-z0-9_.,:\/@%+=-]+$/;


/**
 * The argument list that runs the same program with the same arguments as a shell command line,
 * when the line is plain words and whole-word values (`"ping -c 1 " + host`, `f"ping -c 1 {host}"`,
 * `f"grep '{term}' log.txt"`); nothing when the shell would do more than split on spaces.
 */
function argvOf(ctx: RuleContext, cmd: SyntaxNode): string | undefined {
  const pieces = builtStringPieces(ctx, cmd);
  if (!pieces) return undefined;
  type Item = string | { value: SyntaxNode; str: boolean };
  const words: Item[][] = [[]];
  for (const p of pieces) {
    if ('value' in p) {
      if (p.value.text.includes('\n')) return undefined;
      words.at(-1)!.push(p);
      continue;
    }
    for (const ch of p.text) {
      // A line break ends a command for the shell.
      if (ch === '\n' || ch === '\r') return undefined;
      if (/\s/.test(ch)) {
        if (words.at(-1)!.length) words.push([]);
      } else words.at(-1)!.push(ch);
    }
  }
  if (!words.at(-1)!.length) words.pop();
  const out: string[] = [];
  for (const [i, w] of words.entries()) {
    const chars = w.filter((x): x is string => typeof x === 'string').join('');
    const values = w.filter((x): x is { value: SyntaxNode; str: boolean } => typeof x !== 'string');
    if (!values.length) {
      // The program: a plain word that is not a variable assignment (`FOO=1 cmd`).
      if (!PLAIN_WORD.test(chars) || (i === 0 && chars.includes('='))) return undefined;
      out.push(JSON.stringify(chars));
      continue;
    }
    if (i === 0 || values.length !== 1) return undefined;
    const v = values[0]!;
    const at = w.indexOf(v);
    const before = w.slice(0, at).join('');
    const after = w.slice(at + 1).join('');
    // `'{term}'` / `"{term}"`: the quotes only kept the shell from splitting the value.
    const quoted = before.length === 1 && before === after && (before === "'" || before === '"');
    if (!quoted && (before.length || after.length)) return undefined;
    out.push(v.str ? v.value.text : `str(${v.value.text})`);
  }
  return out.length ? `[${out.join(', ')}]` : undefined;
}

/** Whether a module name refers to the imported module where it is used (not a local of the same name). */
function moduleAvailable(ctx: RuleContext, name: string, at: SyntaxNode): { ok: boolean; imported: boolean } {
  const defs = ctx.model.reachingDefs(name, at)?.defs;
  if (!defs?.length) return { ok: !ctx.model.reachingDefs(name, at)?.param, imported: false };
  return { ok: defs.every((d) => d.kind === 'import' && d.qualified === name), imported: true };
}

/** `subprocess.run("ping -c 1 " + host, shell=True)` → `subprocess.run(["ping", "-c", "1", host])`. */
function subprocessFix(ctx: RuleContext, call: CallSite, cmd: SyntaxNode): FixSuggestion | undefined {
  const shell = call.keywords.get('shell');
  // `executable=` names the shell when shell=True, and keyword-passed args are a rarer shape.
  if (shell?.type !== 'true' || call.args[0] !== cmd || call.keywords.has('executable')) return undefined;
  const argv = argvOf(ctx, cmd);
  if (!argv) return undefined;
  return { description: 'run the program with an argument list instead of a shell command line', edits: [replace(cmd, argv), removeArgumentLine(shell.parent!)] };
}

/** `os.system(f"ping -c 1 {host}")` as a statement → `subprocess.run(["ping", "-c", "1", host], check=False)`. */
function systemFix(ctx: RuleContext, call: CallSite, cmd: SyntaxNode): FixSuggestion | undefined {
  // The exit status os.system returns is encoded differently; only a discarded result is safe to change.
  if (call.callee !== 'os.system' || call.node.parent?.type !== 'expression_statement' || call.args.length !== 1 || call.args[0] !== cmd) return undefined;
  const sub = moduleAvailable(ctx, 'subprocess', call.node);
  if (!sub.ok) return undefined;
  const argv = argvOf(ctx, cmd);
  if (!argv) return undefined;
  const edits: Edit[] = [replace(call.node, `subprocess.run(${argv}, check=False)`)];
  const imp = sub.imported ? undefined : addImport(ctx.model.tree, 'import subprocess', PY_IMPORTS);
  if (imp) edits.push(imp);
  return { description: 'run the program with subprocess and an argument list instead of a shell', edits };
}

/** Reports a shell command string that is not a constant. */
function checkShellCommand(ctx: RuleContext, node: SyntaxNode | undefined, what: string, fix?: FixSuggestion): void {
  if (!node) return;
  const t = ctx.taint(node, 'command');
  const tainted = t.level === 'remote' || t.level === 'local' || t.level === 'parameter';
  if (tainted) {
    ctx.report(node, { message: `${what} is built from ${origin(t)} and run by a shell`, confidence: confidenceOf(t), ...(fix ? { fix } : {}) });
  } else if (t.built) {
    ctx.report(node, { message: `${what} is assembled from non-constant parts and run by a shell`, confidence: 'medium', ...(fix ? { fix } : {}) });
  }
}

export default defineRule(
  {
    id: 'py/command-injection',
    title: 'OS command built from untrusted data',
    cwe: ['CWE-78'],
    confidence: 'high',
    languages: ['python'],
    description:
      'A shell interprets metacharacters such as `;`, `|`, `$()` and backticks. When a command line passed to `os.system`, `os.popen` or `subprocess` with `shell=True` contains data from a request, the command line or a caller, that data can append commands of its own and run them with the privileges of the application.',
    remediation:
      'Pass the program and its arguments as a list with `shell=False` (the default), e.g. `subprocess.run(["ping", "-c", "1", host])`, and validate arguments against an allow-list. If a shell is unavoidable, quote each value with `shlex.quote`.',
    references: ['https://cwe.mitre.org/data/definitions/78.html', 'https://docs.python.org/3/library/subprocess.html#security-considerations'],
    example: {
      bad: 'host = request.args["host"]\nos.system("ping -c 1 " + host)',
      good: 'host = request.args["host"]\nsubprocess.run(["ping", "-c", "1", host], check=True)',
    },
    tags: ['injection'],
  },
  (ctx) => {
    for (const call of ctx.calls(...SHELL_SINKS)) {
      const cmd = argOf(call, 'cmd', 0);
      checkShellCommand(ctx, cmd, 'The command', cmd && systemFix(ctx, call, cmd));
    }
    for (const call of ctx.calls(...SUBPROCESS)) {
      const cmd = argOf(call, 'args', 0);
      const shell = call.keywords.get('shell');
      if (shell && ctx.value(shell) !== false && ctx.value(shell) !== null && ctx.value(shell) !== 0) {
        checkShellCommand(ctx, cmd, 'The command', cmd && subprocessFix(ctx, call, cmd));
        continue;
      }
      // Without a shell, only the program itself is dangerous to take from input.
      const program = cmd?.type === 'list' ? cmd.namedChildren[0] : cmd?.type === 'string' ? undefined : cmd;
      if (program) {
        const t = ctx.taint(program, 'command');
        if (t.level === 'remote' || (t.level === 'local' && cmd?.type === 'list')) {
          ctx.report(program, { message: `The program to run comes from ${origin(t)}`, confidence: confidenceOf(t) });
        }
      }
    }
    for (const call of ctx.calls(...EXEC_SINKS)) {
      const program = call.args[call.callee.startsWith('os.spawn') ? 1 : 0];
      const t = ctx.taint(program, 'command');
      if (t.level === 'remote') ctx.report(program ?? call.node, { message: `The program to run comes from ${origin(t)}`, confidence: 'high' });
    }
  },
);
