import { defineRule } from '../../rule.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';
import type { RuleContext } from '../../context.ts';
import { secretKindOfName } from '../../common/secrets.ts';
import { assignedValue, isCredentialFieldName, rawPassword } from '../../common/password-storage.ts';

/** What a receiver variable holds: a `Properties` object or a `Preferences` node, by its declaration or initialiser. */
function holderKind(ctx: RuleContext, call: CallSite): 'properties' | 'preferences' | null {
  if (/(^|\.)Properties\.\w+$/.test(call.callee)) return 'properties';
  if (/(^|\.)Preferences\.\w+$/.test(call.callee)) return 'preferences';
  const r = call.receiver;
  // Preferences.userRoot().node("app").put(...)
  if (r?.type === 'method_invocation' && /^Preferences\.(userRoot|systemRoot|userNodeForPackage|systemNodeForPackage)\(/.test(r.text)) return 'preferences';
  if (r?.type !== 'identifier' && r?.type !== 'field_access') return null;
  const id = r.type === 'field_access' ? r.child('field') : r;
  const decl = id ? ctx.nodes('local_variable_declaration', 'field_declaration').find((d) => d.child('declarator')?.child('name')?.text === id.text && d.startIndex <= call.node.startIndex) : undefined;
  const type = decl?.child('type')?.text ?? '';
  const init = r.type === 'identifier' ? assignedValue(ctx, r) : null;
  const text = `${type} ${init && init !== r ? init.text : ''}`;
  if (/\bProperties\b/.test(text)) return 'properties';
  if (/\bPreferences\b/.test(text)) return 'preferences';
  return null;
}

export default defineRule(
  {
    id: 'java/cleartext-credential-storage',
    title: 'Password saved in a properties file or preferences in clear text',
    cwe: ['CWE-522', 'CWE-312'],
    confidence: 'high',
    languages: ['java'],
    description:
      'A password saved with `Properties.store` or `java.util.prefs.Preferences` lands in a plain file (or, on Windows, the registry) that every program of the user, backups and support bundles can read. Anyone who gets the file gets the server login, and users reuse passwords elsewhere.',
    remediation:
      'Do not save the password: save the user name and ask for the password again, or exchange it at login for a revocable token. If a secret must be remembered, keep it in the operating system keychain (e.g. java-keyring) or encrypt it with a key the user controls, never in plain properties.',
    references: ['https://cwe.mitre.org/data/definitions/522.html', 'https://cwe.mitre.org/data/definitions/312.html', 'https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/Properties.html#store(java.io.Writer,java.lang.String)'],
    example: {
      bad: 'props.setProperty("password", new String(passwordField.getPassword()));\nprops.store(out, "client settings");',
      good: 'props.setProperty("user", userField.getText());\nprops.store(out, "client settings");',
    },
    tags: ['secrets', 'credentials', 'desktop'],
  },
  (ctx) => {
    // Properties objects that are written to a file somewhere in the file.
    const stored = new Set(ctx.calls('*.store', '*.storeToXML').map((c) => c.receiver?.text).filter(Boolean));
    for (const call of ctx.calls('*.setProperty', '*.put')) {
      if (call.args.length !== 2) continue;
      const kind = holderKind(ctx, call);
      if (!kind || (kind === 'properties' && !stored.has(call.receiver?.text))) continue;
      const key = ctx.value(call.args[0]);
      const value = call.args[1];
      const byKey = typeof key === 'string' && secretKindOfName(key) === 'password' && isCredentialFieldName(key);
      const raw = rawPassword(ctx, value) ?? passwordFromField(value);
      // A constant value is a default or placeholder, not the user's password.
      if (ctx.value(value) !== undefined) continue;
      if ((byKey && !hashedOrEncrypted(value)) || raw) {
        ctx.report(call.node, { message: `A password${raw ? ` ('${raw}')` : ''} is saved in ${kind === 'properties' ? 'a properties file' : 'the user preferences'} in clear text` });
      }
    }
  },
);

/** `new String(passwordField.getPassword())`, `String.valueOf(pwdField.getPassword())`. */
function passwordFromField(node: SyntaxNode | null | undefined): string | null {
  const t = node?.text ?? '';
  const m = /^(?:new\s+String|String\.valueOf)\(\s*(\w+)\.getPassword\(\)\s*\)$/.exec(t);
  return m ? `${m[1]}.getPassword()` : null;
}

function hashedOrEncrypted(node: SyntaxNode | null | undefined): boolean {
  return /encrypt|hash|cipher|encode|digest|protect|seal/i.test(node?.text ?? '');
}
