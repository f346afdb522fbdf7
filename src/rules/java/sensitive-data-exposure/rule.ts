import { defineRule } from '../../rule.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { RuleContext } from '../../context.ts';
import { splitWords } from '../../common/secrets.ts';
import { isCredentialFieldName } from '../../common/password-storage.ts';

const ACCOUNT_WORDS = /^(user|users|account|accounts|member|members|customer|customers|admin|admins|employee|employees|person|people|owner|profile|profiles|appuser)$/;
const MAPPINGS = /^(GetMapping|PostMapping|PutMapping|PatchMapping|DeleteMapping|RequestMapping)$/;
const LOOKUP = /^(find\w*|get\w*|load\w*|fetch\w*|read\w*|query\w*)$/;
/** Optional/stream unwrapping after a lookup. */
const UNWRAP = /^(orElseThrow|orElse|get|orElseGet|join|block|toList|stream|collect|filter)$/;

const isAccountName = (name: string | undefined): boolean => {
  const w = splitWords(name ?? '');
  return w.some((x) => ACCOUNT_WORDS.test(x));
};

function annotationNames(node: SyntaxNode | null | undefined): string[] {
  const mods = node?.namedChildren.find((c) => c.type === 'modifiers');
  return (mods?.namedChildren ?? []).filter((a) => a.type === 'annotation' || a.type === 'marker_annotation').map((a) => a.child('name')?.text.split('.').pop() ?? '');
}

/** Classes of the file that declare a credential field without `@JsonIgnore`/`@JsonProperty(access = WRITE_ONLY)`. */
function entityExposure(ctx: RuleContext): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const cls of ctx.nodes('class_declaration', 'record_declaration')) {
    const name = cls.child('name')?.text;
    if (!name) continue;
    let exposed = false;
    let hasCredential = false;
    for (const f of cls.child('body')?.namedChildren ?? []) {
      if (f.type !== 'field_declaration') continue;
      const fname = f.child('declarator')?.child('name')?.text ?? '';
      if (!isCredentialFieldName(fname)) continue;
      hasCredential = true;
      const mods = f.namedChildren.find((c) => c.type === 'modifiers')?.text ?? '';
      if (!/@JsonIgnore\b|WRITE_ONLY|\btransient\b|@JsonBackReference/.test(mods)) exposed = true;
    }
    const classIgnores = /@JsonIgnoreProperties\([^)]*pass/i.test(cls.namedChildren.find((c) => c.type === 'modifiers')?.text ?? '');
    if (hasCredential) out.set(name, exposed && !classIgnores);
  }
  return out;
}

export default defineRule(
  {
    id: 'java/sensitive-data-exposure',
    title: 'User entity or environment returned whole from a REST controller',
    cwe: ['CWE-200', 'CWE-497'],
    confidence: 'medium',
    languages: ['java'],
    description:
      'Jackson serialises every property of an object a REST controller returns. A user or account entity loaded from a repository carries its password hash, tokens and internal flags, so returning it sends them to any caller of the endpoint. `System.getenv()` holds database URLs, API keys and signing secrets.',
    remediation:
      'Return a DTO or record with the public fields only (`new MeResponse(user.getId(), user.getDisplayName())`), or mark credential fields `@JsonIgnore` / `@JsonProperty(access = Access.WRITE_ONLY)` on the entity. Never return the environment.',
    references: ['https://cwe.mitre.org/data/definitions/200.html', 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/', 'https://fasterxml.github.io/jackson-annotations/javadoc/2.9/com/fasterxml/jackson/annotation/JsonIgnore.html'],
    example: {
      bad: '@GetMapping("/api/me")\npublic User me(Principal p) {\n    return users.findByUsername(p.getName()).orElseThrow();\n}',
      good: '@GetMapping("/api/me")\npublic MeResponse me(Principal p) {\n    User u = users.findByUsername(p.getName()).orElseThrow();\n    return new MeResponse(u.getId(), u.getDisplayName());\n}',
    },
    tags: ['exposure', 'spring', 'web'],
  },
  (ctx) => {
    const entities = entityExposure(ctx);
    const declared = new Set(ctx.nodes('class_declaration', 'record_declaration').map((c) => c.child('name')?.text ?? ''));

    for (const method of ctx.nodes('method_declaration')) {
      const cls = method.ancestor('class_declaration');
      const classAnn = annotationNames(cls);
      const methodAnn = annotationNames(method);
      if (!methodAnn.some((a) => MAPPINGS.test(a))) continue;
      if (!classAnn.includes('RestController') && !(classAnn.includes('Controller') && (methodAnn.includes('ResponseBody') || classAnn.includes('ResponseBody')))) continue;
      const returnType = method.child('type')?.text ?? '';
      // A declared DTO/view type: the entity cannot be what is returned.
      if (/(Dto|DTO|Response|View|Summary|Resource|Model|Projection|Info)\b/.test(returnType)) continue;

      // Field types of the controller: `private final UserRepository users;`
      const fieldTypes = new Map<string, string>();
      for (const f of cls?.child('body')?.namedChildren ?? []) {
        if (f.type !== 'field_declaration') continue;
        const n = f.child('declarator')?.child('name')?.text;
        if (n) fieldTypes.set(n, f.child('type')?.text ?? '');
      }

      /** The account entity a lookup expression yields: `users.findByUsername(n).orElseThrow()`. */
      const lookup = (expr: SyntaxNode | null | undefined, depth = 0): string | undefined => {
        let n = expr ?? null;
        while (n?.type === 'parenthesized_expression' || n?.type === 'cast_expression') n = n.namedChildren[n.namedChildren.length - 1] ?? null;
        if (!n || depth > 4) return undefined;
        if (n.type === 'identifier') {
          const d = ctx.model.reachingDefs(n.text, n)?.defs[0];
          return d?.kind === 'assign' && d.value ? lookup(d.value, depth + 1) : undefined;
        }
        if (n.type === 'object_creation_expression') {
          // new ResponseEntity<>(user, HttpStatus.OK)
          if (/^ResponseEntity\b/.test(n.child('type')?.text ?? '')) return lookup(n.child('arguments')?.namedChildren[0], depth + 1);
          return undefined;
        }
        if (n.type !== 'method_invocation') return undefined;
        const name = n.child('name')?.text ?? '';
        const obj = n.child('object');
        const args = n.child('arguments')?.namedChildren ?? [];
        // ResponseEntity.ok(user), ResponseEntity.ok().body(user), ResponseEntity.status(200).body(user)
        if (obj?.text === 'ResponseEntity' && name === 'ok' && args.length === 1) return lookup(args[0], depth + 1);
        if (name === 'body' && /^ResponseEntity\./.test(obj?.text ?? '') && args.length === 1) return lookup(args[0], depth + 1);
        if (UNWRAP.test(name) && obj?.type === 'method_invocation') return lookup(obj, depth);
        if (!LOOKUP.test(name) || !obj) return undefined;
        const recvName = obj.type === 'field_access' ? obj.child('field')?.text : obj.text;
        const recvType = fieldTypes.get(recvName ?? '') ?? '';
        if (!/(Repository|Repo|Dao|DAO|Store)\b/.test(recvType) && !/(repository|repo|dao)$/i.test(recvName ?? '') && !/^(users|accounts|members|customers)$/.test(recvName ?? '')) return undefined;
        const entity = /^(\w+?)(Repository|Repo|Dao|DAO|Store)\b/.exec(recvType)?.[1];
        if (entity && entities.has(entity)) return entities.get(entity) ? entity : undefined;
        // An entity declared here without any credential field exposes none.
        if (entity && declared.has(entity)) return undefined;
        if (isAccountName(entity) || isAccountName(recvName) || isAccountName(returnType)) return entity ?? returnType ?? recvName;
        return undefined;
      };

      for (const ret of method.descendants('return_statement')) {
        if (ret.ancestor(new Set(['method_declaration', 'lambda_expression'])) !== method) continue;
        const v = ret.namedChildren[0];
        if (!v) continue;
        if (/^(System\.getenv\(\)|new\s*HashMap<[^>]*>\(System\.getenv\(\)\)|System\.getProperties\(\))$/.test(v.text.replace(/\s+/g, ' '))) {
          ctx.report(ret, { message: 'The whole process environment, with every secret in it, is returned in the HTTP response', confidence: 'high', cwe: ['CWE-200', 'CWE-497'] });
          continue;
        }
        const entity = lookup(v);
        if (entity) ctx.report(ret, { message: `The ${entity} entity is returned whole from a REST endpoint, so Jackson serialises its password hash and other credentials`, cwe: ['CWE-200'] });
      }
    }
  },
);
