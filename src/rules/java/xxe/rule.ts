import { defineRule } from '../../rule.ts';
import { origin } from '../../helpers.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { Confidence } from '../../../core/types.ts';
import { indentOf, insertAfter, type FixSuggestion } from '../../../fix/edits.ts';

/** The hardening line per factory, and the checked exceptions it throws (one must already be handled). */
const HARDENING: Record<string, { line: (v: string) => string; throws: RegExp | null }> = {
  DocumentBuilderFactory: { line: (v) => `${v}.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);`, throws: /^(javax\.xml\.parsers\.)?ParserConfigurationException$|^(java\.lang\.)?(Exception|Throwable)$/ },
  SAXParserFactory: { line: (v) => `${v}.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);`, throws: /^(java\.lang\.)?(Exception|Throwable)$/ },
  XMLInputFactory: { line: (v) => `${v}.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);`, throws: null },
};

/** Whether code at `node` may throw a checked exception matching `types` (declared by the method or caught around it). */
function handles(node: SyntaxNode, types: RegExp): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'try_statement' || n.type === 'try_with_resources_statement') {
      const body = n.child('body');
      if (body?.contains(node) && n.namedChildren.some((c) => c.type === 'catch_clause' && c.descendants('catch_type').some((t) => t.text.split('|').some((x) => types.test(x.trim()))))) return true;
    }
    if (n.type === 'method_declaration' || n.type === 'constructor_declaration') {
      return n.namedChildren.some((c) => c.type === 'throws' && c.namedChildren.some((t) => types.test(t.text)));
    }
    if (n.type === 'lambda_expression' || n.type === 'class_body') return false;
  }
  return false;
}

/** `Factory f = Factory.newInstance();` → the same, followed by the line that turns DTDs or external entities off. */
function hardeningFix(create: CallSite, label: string): FixSuggestion | undefined {
  const h = HARDENING[label];
  const declarator = create.node.parent;
  const decl = declarator?.parent;
  const name = declarator?.child('name');
  if (!h || declarator?.type !== 'variable_declarator' || decl?.type !== 'local_variable_declaration' || decl.parent?.type !== 'block' || !name) return undefined;
  // The class must be in view by its simple name, as the creation spells it.
  if (!create.node.child('object')?.text || create.node.child('object')!.text !== label) return undefined;
  if (h.throws && !handles(decl, h.throws)) return undefined;
  return { description: `configure the ${label} to refuse external entities before it parses`, edits: [insertAfter(decl, `\n${indentOf(decl)}${h.line(name.text)}`)] };
}

interface Family {
  label: string;
  factories: string[];
  /** Calls that read XML (or XSLT/XSD) with this family's objects; the index of the input argument. */
  reads: { name: string; index: number }[];
}

const FAMILIES: Family[] = [
  {
    label: 'DocumentBuilderFactory',
    factories: ['javax.xml.parsers.DocumentBuilderFactory.newInstance', 'javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance', 'javax.xml.parsers.DocumentBuilderFactory.newNSInstance'],
    reads: [{ name: 'parse', index: 0 }],
  },
  {
    label: 'SAXParserFactory',
    factories: ['javax.xml.parsers.SAXParserFactory.newInstance', 'javax.xml.parsers.SAXParserFactory.newDefaultInstance', 'javax.xml.parsers.SAXParserFactory.newNSInstance'],
    reads: [{ name: 'parse', index: 0 }],
  },
  {
    label: 'XMLInputFactory',
    factories: ['javax.xml.stream.XMLInputFactory.newInstance', 'javax.xml.stream.XMLInputFactory.newFactory', 'javax.xml.stream.XMLInputFactory.newDefaultFactory'],
    reads: [{ name: 'createXMLStreamReader', index: 0 }, { name: 'createXMLEventReader', index: 0 }],
  },
  {
    label: 'TransformerFactory',
    factories: ['javax.xml.transform.TransformerFactory.newInstance', 'javax.xml.transform.TransformerFactory.newDefaultInstance'],
    reads: [{ name: 'newTransformer', index: 0 }, { name: 'transform', index: 0 }, { name: 'newTemplates', index: 0 }],
  },
  {
    label: 'SchemaFactory',
    factories: ['javax.xml.validation.SchemaFactory.newInstance', 'javax.xml.validation.SchemaFactory.newDefaultInstance'],
    reads: [{ name: 'newSchema', index: 0 }, { name: 'validate', index: 0 }],
  },
];

const SECURE_PROCESSING = /FEATURE_SECURE_PROCESSING|feature\/secure-processing/;
const ACCESS_EXTERNAL = /ACCESS_EXTERNAL_(DTD|SCHEMA|STYLESHEET)|accessExternal(DTD|Schema|Stylesheet)/;

/** Whether a configuration call turns off DTDs or external entities. */
function hardens(ctx: RuleContext, call: CallSite): boolean {
  const [key, value] = call.args;
  if (!key || !value) return false;
  const k = `${key.text} ${String(ctx.value(key) ?? '')}`;
  const v = ctx.value(value);
  const off = v === false || value.text === 'Boolean.FALSE';
  const on = v === true || value.text === 'Boolean.TRUE';
  if (/disallow-doctype-decl/.test(k)) return on;
  if (/external-general-entities|external-parameter-entities/.test(k)) return off;
  if (SECURE_PROCESSING.test(k)) return on;
  if (ACCESS_EXTERNAL.test(k)) return v === '';
  if (/SUPPORT_DTD|supportDTD|IS_SUPPORTING_EXTERNAL_ENTITIES|isSupportingExternalEntities/.test(k)) return off;
  return false;
}

/** The node whose calls count as "the same method": the method, or the class body for a field initializer. */
function regionOf(call: CallSite): SyntaxNode {
  return call.scope.node;
}

const RESOURCE = /getResourceAsStream|getResource\(|ClassPathResource/;

/** Whether the input is a resource bundled with the application (directly or through one variable). */
function isResource(ctx: RuleContext, node: SyntaxNode): boolean {
  if (RESOURCE.test(node.text)) return true;
  if (node.type !== 'identifier') return false;
  const d = ctx.model.reachingDefs(node.text, node)?.defs[0];
  return !!d?.value && RESOURCE.test(d.value.text);
}

const PARSER_MAKERS = /\.(newDocumentBuilder|newSAXParser|newTransformer|newTemplates|newSchema|newValidator|getXMLReader)\(\s*\)\s*$/;

/** Whether a returned expression hands out the factory or a parser made from it. */
function returnsParser(ctx: RuleContext, expr: SyntaxNode, factoryVar: string | undefined): boolean {
  if (PARSER_MAKERS.test(expr.text)) return true;
  if (expr.type !== 'identifier') return false;
  if (expr.text === factoryVar) return true;
  const d = ctx.model.reachingDefs(expr.text, expr)?.defs[0];
  return !!d?.value && PARSER_MAKERS.test(d.value.text);
}

export default defineRule(
  {
    id: 'java/xxe',
    title: 'XML parser processes external entities',
    cwe: ['CWE-611'],
    confidence: 'high',
    languages: ['java'],
    description:
      'The JDK XML parsers (`DocumentBuilderFactory`, `SAXParserFactory`, `XMLInputFactory`, `TransformerFactory`, `SchemaFactory`) process DOCTYPE declarations and resolve external entities by default. An XML document can then declare an entity pointing at `file:///etc/passwd` or an internal URL, which leaks files into the parsed result, makes requests on the attacker\'s behalf or exhausts memory.',
    remediation:
      'Configure each factory before use in the same method: `dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true)` for DOM and SAX, `xif.setProperty(XMLInputFactory.SUPPORT_DTD, false)` for StAX, and `setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "")` plus `ACCESS_EXTERNAL_STYLESHEET`/`ACCESS_EXTERNAL_SCHEMA` for transformers and schema factories.',
    references: [
      'https://cwe.mitre.org/data/definitions/611.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html#java',
      'https://docs.oracle.com/en/java/javase/17/security/java-api-xml-processing-jaxp-security-guide.html',
    ],
    example: {
      bad: 'DocumentBuilder db = DocumentBuilderFactory.newInstance().newDocumentBuilder();\nDocument doc = db.parse(request.getInputStream());',
      good: 'DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();\ndbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);\nDocument doc = dbf.newDocumentBuilder().parse(request.getInputStream());',
    },
    tags: ['xml', 'injection'],
  },
  (ctx) => {
    const config = ctx.calls('*.setFeature', '*.setProperty', '*.setAttribute');
    for (const family of FAMILIES) {
      for (const create of ctx.calls(...family.factories)) {
        const region = regionOf(create);
        const classLevel = !ctx.model.adapter.functionTypes.has(create.scope.node.type);
        const within = (c: CallSite) => (classLevel ? create.scope.node.contains(c.node) : c.scope === create.scope || region.contains(c.node));
        if (config.some((c) => within(c) && hardens(ctx, c))) continue;
        // How the factory's parsers are used here: on what input.
        let level: Confidence | null = null;
        let from = '';
        for (const read of family.reads) {
          for (const use of ctx.calls(`*.${read.name}`)) {
            if (!within(use)) continue;
            const input = use.args[read.index];
            if (!input || isResource(ctx, input)) continue;
            const t = ctx.taint(input);
            if (t.level === 'constant') continue;
            const l: Confidence = t.level === 'remote' || t.level === 'local' ? 'high' : 'medium';
            if (!level || l === 'high') {
              level = l;
              from = t.level === 'unknown' ? 'XML' : `XML from ${origin(t)}`;
            }
          }
        }
        if (!level && !classLevel) {
          const declarator = create.node.parent?.type === 'variable_declarator' ? create.node.parent.child('name')?.text : undefined;
          const returns = region.descendants('return_statement').some((r) => r.namedChildren.some((c) => returnsParser(ctx, c, declarator)));
          if (returns) {
            level = 'medium';
            from = 'the XML it is later given';
          }
        }
        if (!level && classLevel) {
          level = 'medium';
          from = 'the XML it is given';
        }
        if (!level) continue;
        ctx.report(create.node, {
          message: `This ${family.label} is not configured to refuse DTDs or external entities, so ${from} can read local files or reach internal URLs`,
          confidence: level,
          ...(() => {
            const fix = hardeningFix(create, family.label);
            return fix ? { fix } : {};
          })(),
        });
      }
    }
  },
);
