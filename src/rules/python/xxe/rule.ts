import { defineRule } from '../../rule.ts';
import { argOf, origin } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { Confidence } from '../../../core/types.ts';
import { insertAfter, removeArgumentLine, replace, type Edit, type FixSuggestion } from '../../../fix/edits.ts';

const PARSE_FUNCTIONS = ['parse', 'fromstring', 'XML', 'fromstringlist', 'XMLID', 'iterparse'].map((f) => `lxml.etree.${f}`);
const EXTERNAL_FEATURES = /(feature_external_ges|feature_external_pes|external-general-entities|external-parameter-entities)$/;

/**
 * How an lxml parser configuration exposes external entities: `high` when it asks for entity
 * resolution or network access explicitly, `medium` when it loads DTDs without turning resolution
 * off. lxml's own defaults are not reported: since lxml 5 the default parser resolves only internal
 * entities and never fetches from the network.
 */
function dangerOf(ctx: RuleContext, call: CallSite): { level: Confidence; why: string } | null {
  const kw = (k: string) => {
    const n = call.keywords.get(k);
    return n ? ctx.value(n) : undefined;
  };
  const resolve = kw('resolve_entities');
  if (resolve === true) return { level: 'high', why: 'resolve_entities=True' };
  if (kw('no_network') === false) return { level: 'high', why: 'no_network=False' };
  if (resolve === false || resolve === 'internal') return null;
  for (const k of ['load_dtd', 'dtd_validation', 'attribute_defaults']) {
    if (kw(k) === true) return { level: 'medium', why: `${k}=True` };
  }
  return null;
}

/**
 * Parser options without external entities: `resolve_entities=True` → `False`, `no_network=False`
 * dropped (the default blocks the network), and `resolve_entities=False` added beside `load_dtd=True`
 * and its kin. Only literal option values are rewritten.
 */
function hardenFix(call: CallSite): FixSuggestion | undefined {
  const edits: Edit[] = [];
  const resolve = call.keywords.get('resolve_entities');
  if (resolve) {
    if (resolve.type === 'true') edits.push(replace(resolve, 'False'));
    else if (resolve.type !== 'false' && resolve.text !== '"internal"' && resolve.text !== "'internal'") return undefined;
  }
  const network = call.keywords.get('no_network');
  if (network) {
    if (network.type === 'false' && network.parent) edits.push(removeArgumentLine(network.parent));
    else if (network.type !== 'true') return undefined;
  }
  if (!resolve && ['load_dtd', 'dtd_validation', 'attribute_defaults'].some((k) => call.keywords.get(k)?.type === 'true')) {
    const last = call.node.child('arguments')?.namedChildren.filter((a) => a.type !== 'comment' && a !== network?.parent).at(-1);
    if (!last || last.type === 'dictionary_splat') return undefined;
    edits.push(insertAfter(last, ', resolve_entities=False'));
  }
  return edits.length ? { description: 'configure the parser not to resolve external entities or fetch from the network', edits } : undefined;
}

function definesParser(ctx: RuleContext, node: SyntaxNode | undefined, ctor: CallSite): boolean {
  if (!node) return false;
  if (node === ctor.node) return true;
  if (node.type !== 'identifier') return false;
  return (ctx.model.reachingDefs(node.text, node)?.defs ?? []).some((d) => d.value === ctor.node);
}

function reportParse(ctx: RuleContext, call: CallSite, input: SyntaxNode | undefined, why: string, level: Confidence, fix?: FixSuggestion): boolean {
  const t = ctx.taint(input);
  if (!input || t.level === 'constant') return false;
  const from = t.level === 'unknown' ? 'data' : origin(t);
  const confidence: Confidence = t.level === 'remote' || t.level === 'local' || t.level === 'parameter' ? level : 'medium';
  ctx.report(call.node, { message: `XML from ${from} is parsed by an lxml parser configured with ${why}, which expands external entities`, confidence, ...(fix ? { fix } : {}) });
  return true;
}

export default defineRule(
  {
    id: 'py/xxe',
    title: 'XML parser resolves external entities',
    cwe: ['CWE-611'],
    confidence: 'high',
    languages: ['python'],
    description:
      'An XML document can declare external entities that point at local files (`file:///etc/passwd`) or internal URLs. A parser that resolves them, such as an lxml `XMLParser(resolve_entities=True)` or a SAX parser with `feature_external_ges` enabled, copies the file into the parsed document or makes requests on the attacker\'s behalf, which leaks data and enables server-side request forgery.',
    remediation:
      'Parse untrusted XML with `defusedxml` (`defusedxml.lxml`, `defusedxml.ElementTree`), or configure lxml with `resolve_entities=False, no_network=True, load_dtd=False` and leave the SAX external-entity features off.',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://lxml.de/api/lxml.etree.XMLParser-class.html',
      'https://docs.python.org/3/library/xml.html#xml-vulnerabilities',
      'https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html',
    ],
    example: {
      bad: 'parser = etree.XMLParser(resolve_entities=True)\ndoc = etree.fromstring(request.data, parser)',
      good: 'parser = etree.XMLParser(resolve_entities=False, no_network=True)\ndoc = etree.fromstring(request.data, parser)',
    },
    tags: ['xml', 'injection'],
  },
  (ctx) => {
    const parses = ctx.calls(...PARSE_FUNCTIONS);
    for (const ctor of ctx.calls('lxml.etree.XMLParser', 'lxml.etree.XMLPullParser')) {
      const danger = dangerOf(ctx, ctor);
      if (!danger) continue;
      let used = false;
      const fix = hardenFix(ctor);
      for (const p of parses) {
        if (!definesParser(ctx, argOf(p, 'parser', 1), ctor)) continue;
        used = true;
        reportParse(ctx, p, argOf(p, p.name === 'parse' || p.name === 'iterparse' ? 'source' : 'text', 0), danger.why, danger.level, fix);
      }
      if (!used) {
        ctx.report(ctor.node, { message: `This lxml parser is configured with ${danger.why}, which expands external entities in the XML it parses`, confidence: 'medium', ...(fix ? { fix } : {}) });
      }
    }
    // iterparse takes the parser options directly.
    for (const p of parses) {
      if (p.name !== 'iterparse') continue;
      const danger = dangerOf(ctx, p);
      if (danger) reportParse(ctx, p, argOf(p, 'source', 0), danger.why, danger.level, hardenFix(p));
    }
    for (const call of ctx.calls('*.setFeature')) {
      const feature = argOf(call, 'name', 0);
      const on = ctx.value(argOf(call, 'state', 1));
      if (!feature || !(on === true || on === 1)) continue;
      const name = typeof ctx.value(feature) === 'string' ? String(ctx.value(feature)) : feature.text;
      if (!EXTERNAL_FEATURES.test(name)) continue;
      // Both features are off by default; switching them off again is the whole fix.
      const state = argOf(call, 'state', 1);
      const fix: FixSuggestion | undefined = state?.type === 'true' || state?.text === '1' ? { description: 'turn external entity resolution off', edits: [replace(state, state.type === 'true' ? 'False' : '0')] } : undefined;
      ctx.report(call.node, { message: 'The SAX parser is told to resolve external entities, so parsed XML can read local files or fetch URLs', confidence: 'high', ...(fix ? { fix } : {}) });
    }
  },
);
