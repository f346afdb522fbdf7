import { defineRule } from '../../rule.ts';
import { argOf, origin } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { Confidence } from '../../../core/types.ts';
import { removeArgument, replace, type FixSuggestion } from '../../../fix/edits.ts';

/** Loaders that run code while they rebuild objects: [callee, keyword of the data argument]. */
const PICKLE_LIKE: [string, string][] = [
  ...['pickle', 'cPickle', '_pickle', 'dill', 'cloudpickle', 'joblib'].flatMap((m): [string, string][] => [[`${m}.load`, 'file'], [`${m}.loads`, 'data']]),
  ['pickle.Unpickler', 'file'], ['marshal.load', 'file'], ['marshal.loads', 'bytes'], ['shelve.open', 'filename'],
  ['jsonpickle.decode', 'string'], ['jsonpickle.loads', 'string'], ['pandas.read_pickle', 'filepath_or_buffer'],
  ['sklearn.externals.joblib.load', 'filename'],
];
const YAML_SAFE_LOADERS = /(^|\.)(SafeLoader|CSafeLoader|BaseLoader|CBaseLoader)$/;
const OPENERS = new Set(['open', 'io.open', 'gzip.open', 'bz2.open', 'lzma.open']);

/** Whether a value is a file object opened on a constant path (an artefact the program ships or wrote). */
function ownFile(ctx: RuleContext, node: SyntaxNode | undefined, depth = 3): boolean {
  if (!node || depth < 0) return false;
  if (node.type === 'identifier') {
    const defs = ctx.model.reachingDefs(node.text, node)?.defs ?? [];
    return defs.length > 0 && defs.every((d) => (d.kind === 'with' || d.kind === 'assign') && ownFile(ctx, d.value ?? undefined, depth - 1));
  }
  const call = ctx.model.callByNode.get(node.id);
  if (!call) return false;
  if (OPENERS.has(call.callee) || /^pathlib\.Path\(\)\.open$/.test(call.callee)) {
    const path = call.callee.startsWith('pathlib') ? call.receiver : argOf(call, 'file', 0);
    return ctx.taint(path).level === 'constant';
  }
  // pickle.loads(Path("model.pkl").read_bytes())
  if (call.receiver && (call.name === 'read_bytes' || call.name === 'read')) return ownFile(ctx, call.receiver, depth - 1) || ctx.taint(call.receiver).level === 'constant';
  return false;
}

/** `yaml.load(s, Loader=…)`, `yaml.full_load(s)` → `yaml.safe_load(s)` (and the `_all` forms), when called through the module. */
function yamlFix(call: CallSite): FixSuggestion | undefined {
  const fn = call.node.child('function');
  const attr = fn?.type === 'attribute' ? fn.child('attribute') : null;
  if (!fn || !attr) return undefined;
  const safe = call.name.endsWith('_all') ? 'safe_load_all' : 'safe_load';
  const edits = [replace(attr, safe)];
  const loader = call.keywords.get('Loader')?.parent ?? (call.args[1]?.type !== 'keyword_argument' ? call.args[1] : undefined);
  if (loader) edits.push(removeArgument(loader));
  return { description: `use yaml.${safe}, which builds only plain data`, edits };
}

/** `torch.load(f)` → `torch.load(f, weights_only=True)`. */
function torchFix(call: CallSite): FixSuggestion | undefined {
  const args = call.node.child('arguments');
  if (!args || call.keywords.has('weights_only')) return undefined;
  const close = args.endIndex - 1;
  return { description: 'load only tensors and plain containers (weights_only=True)', edits: [{ start: close, end: close, text: `${call.args.length ? ', ' : ''}weights_only=True` }] };
}

function check(ctx: RuleContext, call: CallSite, data: SyntaxNode | undefined, what: string, fix?: FixSuggestion): void {
  if (!data) return;
  const t = ctx.taint(data, 'deserialize');
  if (t.level === 'constant' || t.sanitized) return;
  if (t.level === 'unknown' && ownFile(ctx, data)) return;
  const tainted = t.level === 'remote' || t.level === 'local' || t.level === 'parameter';
  const confidence: Confidence = t.level === 'remote' ? 'high' : 'medium';
  const from = tainted ? origin(t) : 'data whose origin is not visible here';
  ctx.report(call.node, { message: `${what} deserialises ${from}, which can run arbitrary code while the object is rebuilt`, confidence, ...(fix ? { fix } : {}) });
}

export default defineRule(
  {
    id: 'py/unsafe-deserialization',
    title: 'Deserialisation of untrusted data with a code-executing format',
    cwe: ['CWE-502'],
    confidence: 'high',
    languages: ['python'],
    description:
      'pickle, dill, marshal, shelve, jsonpickle, `torch.load`, `pandas.read_pickle`, `numpy.load(allow_pickle=True)` and `yaml.load` with a full or unsafe loader rebuild objects by calling functions named in the data. Whoever controls the bytes (a request body, a cookie, a cache or queue entry, an uploaded model file) can make the process run any command while it loads.',
    remediation:
      'Exchange data as JSON (`json.loads`) or another data-only format, parse YAML with `yaml.safe_load`, load PyTorch checkpoints with `torch.load(path, weights_only=True)` and numpy arrays with `allow_pickle=False`. If pickled data must cross a trust boundary, sign it with `hmac` and verify the signature before loading.',
    references: [
      'https://cwe.mitre.org/data/definitions/502.html',
      'https://docs.python.org/3/library/pickle.html',
      'https://pyyaml.org/wiki/PyYAMLDocumentation',
      'https://pytorch.org/docs/stable/generated/torch.load.html',
    ],
    example: {
      bad: 'session = pickle.loads(base64.b64decode(request.cookies["session"]))',
      good: 'session = json.loads(base64.b64decode(request.cookies["session"]))',
    },
    tags: ['deserialization', 'injection'],
  },
  (ctx) => {
    for (const [callee, keyword] of PICKLE_LIKE) {
      for (const call of ctx.calls(callee)) check(ctx, call, argOf(call, keyword, 0), `${callee}()`);
    }
    for (const call of ctx.calls('yaml.unsafe_load', 'yaml.unsafe_load_all', 'yaml.full_load', 'yaml.full_load_all')) {
      check(ctx, call, argOf(call, 'stream', 0), `${call.callee}()`, yamlFix(call));
    }
    for (const call of ctx.calls('yaml.load', 'yaml.load_all')) {
      const loader = argOf(call, 'Loader', 1);
      // Without a Loader, PyYAML < 6 used the unsafe FullLoader/Loader; PyYAML 6 raises a TypeError.
      if (loader && YAML_SAFE_LOADERS.test(loaderName(ctx, loader) ?? loader.text)) continue;
      check(ctx, call, argOf(call, 'stream', 0), `${call.callee}() with ${loader ? loader.text : 'the default loader'}`, yamlFix(call));
    }
    for (const call of ctx.calls('torch.load')) {
      const w = call.keywords.get('weights_only');
      if (w && ctx.value(w) === true) continue;
      check(ctx, call, argOf(call, 'f', 0), 'torch.load() without weights_only=True', torchFix(call));
    }
    for (const call of ctx.calls('numpy.load')) {
      const ap = call.keywords.get('allow_pickle');
      if (!ap || ctx.value(ap) !== true) continue;
      check(ctx, call, argOf(call, 'file', 0), 'numpy.load(allow_pickle=True)');
    }
  },
);

function loaderName(ctx: RuleContext, node: SyntaxNode): string | null {
  const q = ctx.model.callByNode.get(node.id);
  if (q) return q.callee;
  let n: SyntaxNode = node;
  // `Loader=yaml.SafeLoader`, `Loader=SafeLoader` (imported), or a local alias of either.
  if (n.type === 'identifier') {
    const d = ctx.model.reachingDefs(n.text, n)?.defs[0];
    if (d?.kind === 'import') return d.qualified ?? n.text;
    if (d?.kind === 'assign' && d.value) n = d.value;
  }
  return n.text;
}
