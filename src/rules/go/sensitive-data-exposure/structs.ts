/**
 * Go structs of a file whose credential fields `encoding/json` writes (exported, not tagged
 * `json:"-"`), and the struct an expression holds: composite literals, declared variables and
 * parameters, results of functions declared in the file or of loaders named after the type.
 * Shared by go/sensitive-data-exposure and go/cleartext-credential-storage.
 */
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { RuleContext } from '../../context.ts';
import { isCredentialFieldName } from '../../common/password-storage.ts';
import { splitWords } from '../../common/secrets.ts';
import { unparen } from '../common.ts';

/** The struct type name a Go type expression denotes, through pointers, slices, arrays and maps' values. */
export function baseType(t: SyntaxNode | null | undefined): string | undefined {
  let n = t ?? null;
  while (n) {
    switch (n.type) {
      case 'type_identifier':
        return n.text;
      case 'pointer_type':
      case 'parenthesized_type':
        n = n.namedChildren[0] ?? null;
        break;
      case 'slice_type':
      case 'array_type':
        n = n.child('element');
        break;
      case 'map_type':
        n = n.child('value');
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** Structs of the file and their exported credential fields that `encoding/json` writes (no `json:"-"`). */
export function exposedStructs(ctx: RuleContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const spec of ctx.nodes('type_spec')) {
    const st = spec.child('type');
    const name = spec.child('name')?.text;
    if (st?.type !== 'struct_type' || !name) continue;
    const fields: string[] = [];
    for (const f of st.descendants('field_declaration')) {
      if (f.ancestor('struct_type') !== st) continue;
      const tag = f.child('tag')?.text ?? '';
      const json = /json:"([^"]*)"/.exec(tag)?.[1];
      if (json !== undefined && json.split(',')[0] === '-') continue;
      for (const n of f.childrenOf('name')) {
        if (!/^[A-Z]/.test(n.text)) continue;
        const shown = json && json.split(',')[0] ? json.split(',')[0] : n.text;
        if (isCredentialFieldName(n.text) || isCredentialFieldName(shown)) fields.push(n.text);
      }
    }
    if (fields.length) out.set(name, fields);
  }
  return out;
}

/** Result types of the functions and methods declared in the file. */
export function resultTypes(ctx: RuleContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const fn of ctx.nodes('function_declaration', 'method_declaration')) {
    const name = fn.child('name')?.text;
    const result = fn.child('result');
    if (!name || !result) continue;
    const first = result.type === 'parameter_list' ? result.namedChildren[0]?.child('type') : result;
    const t = baseType(first);
    if (t) out.set(name, t);
  }
  return out;
}


export interface StructLookup {
  structs: Map<string, string[]>;
  /** The struct of the file an expression holds. */
  structOf(node: SyntaxNode | null | undefined, depth?: number): string | undefined;
  /** The exposed struct in a value: itself or a value of a map/struct literal (`gin.H{"user": u}`). */
  exposed(node: SyntaxNode | null | undefined): { type: string; fields: string[] } | undefined;
}

/**
 * `keep` chooses which credential fields of which struct count (`(type, field) => boolean`); a
 * struct with none left is not exposed.
 */
export function structLookup(ctx: RuleContext, keep: (type: string, field: string) => boolean = () => true): StructLookup {
    const structs = new Map<string, string[]>();
    for (const [type, fields] of exposedStructs(ctx)) {
      const kept = fields.filter((f) => keep(type, f));
      if (kept.length) structs.set(type, kept);
    }
    const results = resultTypes(ctx);
    const byName = [...structs.keys()].sort((a, b) => b.length - a.length);
    /** The struct of the file an expression holds, if it is one with exposed credentials. */
    const structOf = (node: SyntaxNode | null | undefined, depth = 0): string | undefined => {
      const n = unparen(node);
      if (!n || depth > 4) return undefined;
      switch (n.type) {
        case 'unary_expression':
          return structOf(n.child('operand'), depth + 1);
        case 'composite_literal':
          return baseType(n.child('type'));
        // `var acct Account`, `var users []User`: the declared type stands for the zero value.
        case 'type_identifier':
        case 'pointer_type':
        case 'slice_type':
        case 'array_type':
          return baseType(n);
        case 'index_expression':
          return structOf(n.child('operand'), depth + 1);
        case 'call_expression': {
          const fn = n.child('function');
          const name = fn?.type === 'selector_expression' ? fn.child('field')?.text : fn?.text;
          if (!name) return undefined;
          const declared = results.get(name);
          if (declared) return declared;
          // `loadUser(id)`, `store.GetUserByID(ctx, id)`, `repo.FindAccount(...)`: a loader named after the type.
          return byName.find((s) => new RegExp(`^(get|load|find|fetch|read|lookup|query|must)?${s}(s|ByID|ById|ByEmail|ByName|ByUsername|FromDB|FromRequest)?$`, 'i').test(name) && name !== s);
        }
        case 'identifier': {
          const found = ctx.model.reachingDefs(n.text, n);
          if (!found) return undefined;
          if (found.param && !found.defs.length) return baseType(found.param.node.child('type'));
          for (const d of found.defs) {
            if (d.value) {
              const s = structOf(d.value, depth + 1);
              if (s) return s;
            } else {
              const t = baseType(d.node.child('type'));
              if (t) return t;
            }
          }
          return undefined;
        }
      }
      return undefined;
    };

    /** The exposed struct in a value: itself or a value of a map/struct literal (`gin.H{"user": u}`). */
    const exposed = (node: SyntaxNode | null | undefined): { type: string; fields: string[] } | undefined => {
      const direct = structOf(node);
      if (direct && structs.has(direct)) return { type: direct, fields: structs.get(direct)! };
      const n = unparen(node);
      if (n?.type === 'composite_literal' && !structs.has(baseType(n.child('type')) ?? '')) {
        for (const el of n.child('body')?.namedChildren ?? []) {
          const v = el.type === 'keyed_element' ? el.namedChildren[1]?.namedChildren[0] : el.namedChildren[0];
          const s = structOf(v);
          if (s && structs.has(s)) return { type: s, fields: structs.get(s)! };
        }
      }
      return undefined;
    };

    return { structs, structOf, exposed };
}

/** Whether a field name is a password or a password hash (never meant for a client or a plain file). */
export function isPasswordField(name: string): boolean {
  return splitWords(name).some((w) => /^(password|passwd|pwd|passphrase|pass)$/.test(w) || /password|passwd/.test(w));
}

/** Whether a type name is an account record: `User`, `Account`, `AdminUser`, `Customer`. */
export function isAccountType(name: string): boolean {
  return splitWords(name).some((w) => /^(user|users|account|accounts|member|customer|admin|employee|person|profile|owner)$/.test(w));
}
