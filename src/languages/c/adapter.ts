/**
 * The C and C++ semantic layer.
 *
 * Scopes for functions, methods (named `Class.method`, with enclosing namespaces) and lambdas;
 * definitions for declarations with initialisers, assignments, compound assignments (`+=`),
 * writes through subscripts and pointers (`buf[i] = c`, `*p = c`: an `augment` of the buffer),
 * range-for variables, catch parameters, macros (`#define NAME value`) and `#include`s (imports,
 * informational). Library calls that write into a buffer argument define that buffer: `fgets`,
 * `gets`, `read`, `recv`, `fread`, `getline`, `scanf`-family outputs (input sources), `strcpy`,
 * `memcpy`, `strncpy` (the buffer takes the source's value), `strcat` (an `augment`), `sprintf`
 * and `snprintf` (the buffer holds the formatted string), `sscanf` (outputs take the input's
 * taint), `std::cin >> x`, `std::getline(std::cin, s)`, `s.append(x)` and `oss << x` on string
 * streams.
 *
 * Sources: `argv`/`envp` of `main`, `getenv` (CGI variables such as QUERY_STRING are remote),
 * `optarg`, standard input and files read through the calls above, and request objects of
 * cpp-httplib, Crow and Drogon handlers. `recv`, `recvfrom` and `SSL_read` are remote; `read` is
 * remote when its descriptor comes from `accept`/`socket`, has a socket-like name
 * (`client_fd`, `sock`, `conn`), or the function itself calls `accept`/`socket`/`connect`/`listen`,
 * and local otherwise.
 *
 * Numeric conversions (`atoi`, `strtol`, `std::stoi`…) sanitize every string sink kind, but a
 * taint query without a sink kind still sees through them, so size and index rules know that an
 * integer came from input. Arithmetic keeps the taint of its operands (pointer arithmetic
 * points into the same data; an input-derived number stays input-derived); comparisons are
 * scalars. `printf`-style formatting is string building in which only `%s`/`%c` arguments
 * contribute parts.
 */
import type { CallSite, Def, Expr, FileModel, LanguageAdapter, Param, Scope, SinkKind, SourceHit } from '../../analysis/model.ts';
import type { SyntaxNode } from '../syntax.ts';
import { combineLogical, invert, restrictivePattern } from '../guards.ts';

const FUNCTION_TYPES = new Set(['function_definition', 'lambda_expression']);
const BLOCK_TYPES = new Set([
  'translation_unit', 'compound_statement', 'case_statement', 'declaration_list', 'if_statement', 'else_clause',
  'for_statement', 'for_range_loop', 'while_statement', 'do_statement', 'preproc_if', 'preproc_ifdef', 'preproc_else',
  'preproc_elif', 'linkage_specification', 'try_statement', 'catch_clause',
]);

/** Every string sink kind: numeric conversions make a value safe for all of them (but not for size checks). */
const ALL_KINDS: readonly SinkKind[] = [
  'command', 'sql', 'nosql', 'code', 'path', 'html', 'url', 'redirect', 'log', 'ldap', 'xpath', 'header', 'regex', 'deserialize',
];

const NUMERIC = new Set([
  'atoi', 'atol', 'atoll', 'atof', 'strtol', 'strtoll', 'strtoul', 'strtoull', 'strtod', 'strtof', 'strtold', 'strtoimax',
  'strtoumax', 'stoi', 'stol', 'stoll', 'stoul', 'stoull', 'stof', 'stod', 'stold', 'strtonum',
]);

/** Calls whose result is a number that says nothing an attacker shapes (lengths, comparisons, counts). */
const SCALAR_CALLS = new Set([
  'strlen', 'strnlen', 'wcslen', 'strcmp', 'strncmp', 'strcasecmp', 'strncasecmp', 'memcmp', 'wcscmp', 'strcoll',
  'isdigit', 'isalpha', 'isalnum', 'isspace', 'isupper', 'islower', 'isxdigit', 'isprint', 'ispunct', 'iscntrl',
  'toupper', 'tolower', 'printf', 'fprintf', 'sprintf', 'snprintf', 'vsprintf', 'vsnprintf', 'vprintf', 'vfprintf',
  'dprintf', 'asprintf', 'vasprintf', 'swprintf', 'puts', 'fputs', 'fwrite', 'write', 'send', 'sendto', 'read', 'recv',
  'recvfrom', 'fread', 'pread', 'scanf', 'fscanf', 'sscanf', 'getline', 'getdelim', 'strspn', 'strcspn', 'time',
  'SSL_read', 'close', 'fclose', 'free', 'access', 'stat', 'lstat', 'fstat', 'memset', 'bzero',
]);

/** Calls whose result is (part of) one of their string arguments. */
const PURE = new Set([
  'strdup', 'strndup', 'strchr', 'strrchr', 'strstr', 'strcasestr', 'strpbrk', 'strtok', 'strtok_r', 'strsep', 'realpath',
  'std::string', 'std::string_view', 'std::wstring', 'std::filesystem::path', 'std::move', 'std::forward', 'g_strdup',
  'dirname', 'canonicalize_file_name', 'std::filesystem::absolute', 'std::filesystem::canonical',
  'std::filesystem::weakly_canonical', 'fs::path', 'std::quoted',
]);
const STRING_METHODS = new Set([
  'c_str', 'data', 'substr', 'str', 'string', 'append', 'insert', 'replace', 'front', 'back', 'at', 'u8string',
  'generic_string', 'native', 'filename', 'stem', 'extension', 'parent_path', 'lexically_normal', 'view', 'trim',
]);

/** printf-style calls: where the format argument sits. The first listed writes into args[0]. */
const FORMAT_INDEX: Record<string, number> = {
  printf: 0, vprintf: 0, wprintf: 0, fprintf: 1, vfprintf: 1, fwprintf: 1, dprintf: 1, vdprintf: 1, syslog: 1, vsyslog: 1,
  sprintf: 1, vsprintf: 1, snprintf: 2, vsnprintf: 2, swprintf: 2, asprintf: 1, vasprintf: 1, g_strdup_printf: 0,
  err: 1, errx: 1, warn: 0, warnx: 0, 'std::format': 0, fmt_format: 0, 'fmt::format': 0, 'absl::StrFormat': 0,
};
/** Calls that write their formatted string into the buffer given as the first argument. */
const FORMAT_WRITERS = new Set(['sprintf', 'vsprintf', 'snprintf', 'vsnprintf', 'swprintf', 'asprintf', 'vasprintf']);
/** Calls that return the formatted string. */
const FORMAT_RETURNERS = new Set(['g_strdup_printf', 'std::format', 'fmt::format', 'absl::StrFormat']);

/** Copies: the first argument takes the value of the second. */
const COPIES = new Set(['strcpy', 'strncpy', 'stpcpy', 'stpncpy', 'strlcpy', 'wcscpy', 'wcsncpy', 'memcpy', 'memmove', 'wmemcpy', 'wmemmove', 'CopyMemory', 'bcopy']);
/** HTML escaping functions that return the escaped text (library or project helpers by their usual names). */
const HTML_ESCAPERS = /^(g_markup_escape_text|g_markup_printf_escaped|htmlspecialchars|html_?entities|(html|xml|markup)_?(escape|encode|quote|sanitize)\w*|escape_?(html|xml|markup|entities)\w*|url_?encode|curl_easy_escape|g_uri_escape_string)$/i;
/** SQL escaping functions that write into an output buffer: the index of that buffer. */
const SQL_ESCAPE_WRITERS = new Map<string, number>([
  ['mysql_real_escape_string', 1], ['mysql_real_escape_string_quote', 1], ['mysql_escape_string', 0], ['PQescapeStringConn', 1], ['PQescapeString', 0],
]);
const APPENDS = new Set(['strcat', 'strncat', 'strlcat', 'wcscat', 'wcsncat']);

const MAIN_NAMES = new Set(['main', 'wmain', '_tmain', 'WinMain']);
const SOCKET_CALLS = new Set(['accept', 'accept4', 'socket', 'connect', 'listen']);
const CGI_VARS = /^(QUERY_STRING|REQUEST_URI|PATH_INFO|PATH_TRANSLATED|CONTENT_LENGTH|CONTENT_TYPE|HTTP_[A-Z0-9_]+|REMOTE_USER|DOCUMENT_URI|SCRIPT_FILENAME)$/;

/** Request types of C++ web frameworks (cpp-httplib, Crow, Drogon, Pistache, cpprestsdk, Boost.Beast). */
const REQUEST_TYPES = /\b(httplib::Request|crow::request|HttpRequestPtr|HttpRequest|Pistache::Rest::Request|Rest::Request|http_request|http::request)\b/;
const REQUEST_MEMBERS = new Set([
  'body', 'params', 'path', 'matches', 'url_params', 'url', 'raw_url', 'headers', 'target', 'query', 'files', 'remote_addr',
  'get_param_value', 'get_header_value', 'get_file_value', 'getParameter', 'getParameters', 'getBody', 'getHeader',
  'getCookie', 'getJsonObject', 'getPath', 'getQuery', 'body_string', 'query_string', 'get', 'getOptionalParameter',
  'relative_uri', 'request_uri', 'extract_string', 'extract_json', 'resource', 'splat', 'param', 'header',
]);

export interface FormatSpec {
  conv: string;
  /** Field width: a number, `'*'` (taken from an argument) or null. */
  width: number | '*' | null;
  precision: number | '*' | null;
  /** Offset of the argument consumed by this conversion, counting from the first argument after the format. */
  arg: number;
  /** The conversion text, e.g. `%-10s`. */
  text: string;
}

/** The conversions of a printf/scanf format string in order; `%%` is skipped. */
export function parseFormat(fmt: string, scanf = false): FormatSpec[] {
  const out: FormatSpec[] = [];
  const re = scanf
    ? /%(\*)?(\d+)?(hh|h|ll|l|L|j|z|t|m)?(\[\^?\]?[^\]]*\]|[a-zA-Z%])/g
    : /%([-+ #0']*)(\*|\d+)?(?:\.(\*|\d+))?(hh|h|ll|l|L|j|z|t|q|I64|I32)?([a-zA-Z%])/g;
  let arg = 0;
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    if (scanf) {
      const conv = m[4];
      if (conv === '%') continue;
      const suppressed = m[1] === '*';
      out.push({ conv: conv.startsWith('[') ? '[' : conv, width: m[2] ? Number(m[2]) : null, precision: null, arg: suppressed ? -1 : arg, text: m[0] });
      if (!suppressed) arg++;
      continue;
    }
    const conv = m[5];
    if (conv === '%') continue;
    const width = m[2] === '*' ? '*' : m[2] ? Number(m[2]) : null;
    const precision = m[3] === '*' ? '*' : m[3] !== undefined ? Number(m[3]) : null;
    if (width === '*') arg++;
    if (precision === '*') arg++;
    out.push({ conv, width, precision, arg, text: m[0] });
    arg++;
  }
  return out;
}

function decodeEscapes(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]+|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (_, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'a': return '\x07';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'v': return '\v';
      case 'e': return '\x1b';
      case '\n': return '';
      case 'x': return String.fromCharCode(parseInt(e.slice(1), 16) & 0xffff);
      case 'u':
      case 'U': return String.fromCodePoint(parseInt(e.slice(1), 16));
      default:
        return /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : e;
    }
  });
}

/** The value of a C/C++ string literal (with escapes decoded), a raw string, or a concatenation of them. */
export function cStringValue(node: SyntaxNode): string | null {
  switch (node.type) {
    case 'string_literal': {
      let out = '';
      for (const c of node.children) {
        if (c.type === 'string_content') out += c.text;
        else if (c.type === 'escape_sequence') out += decodeEscapes(c.text);
      }
      return out;
    }
    case 'raw_string_literal':
      return node.children.find((c) => c.type === 'raw_string_content')?.text ?? '';
    case 'concatenated_string': {
      let out = '';
      for (const c of node.children) {
        const v = cStringValue(c);
        if (v === null) return null;
        out += v;
      }
      return out;
    }
    case 'char_literal': {
      let out = '';
      for (const c of node.children) out += c.type === 'escape_sequence' ? decodeEscapes(c.text) : c.text;
      return out;
    }
    default:
      return null;
  }
}

function numberValue(text: string): number | undefined {
  const t = text.replace(/'/g, '').replace(/([uUlLfF]|ll|LL|ull|ULL)+$/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[bB][01]+$/.test(t)) return parseInt(t.slice(2), 2);
  if (/^0[0-7]+$/.test(t)) return parseInt(t.slice(1), 8);
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** A value or expression with casts, parentheses, `&` and `*` removed. */
export function unwrap(node: SyntaxNode | null | undefined): SyntaxNode | null {
  let n = node ?? null;
  for (;;) {
    if (!n) return null;
    if (n.type === 'parenthesized_expression' || n.type === 'condition_clause') n = n.namedChildren[n.namedChildren.length - 1] ?? null;
    else if (n.type === 'cast_expression') n = n.child('value');
    else if (n.type === 'pointer_expression') n = n.child('argument');
    else return n;
  }
}

/** The variable a buffer argument writes to: `buf`, `&x`, `(char *)buf`, `buf + n` / `&buf[n]` (partial), or null. */
export function bufferTarget(node: SyntaxNode | null | undefined): { name: SyntaxNode; partial: boolean } | null {
  let n = node ?? null;
  let partial = false;
  for (;;) {
    if (!n) return null;
    switch (n.type) {
      case 'identifier':
        return { name: n, partial };
      case 'parenthesized_expression':
        n = n.namedChildren[0] ?? null;
        break;
      case 'cast_expression':
        n = n.child('value');
        break;
      case 'pointer_expression':
        if (n.operator === '*') partial = true;
        n = n.child('argument');
        break;
      case 'subscript_expression':
        partial = true;
        n = n.child('argument');
        break;
      case 'binary_expression':
        if (n.operator !== '+' && n.operator !== '-') return null;
        partial = true;
        n = n.child('left');
        break;
      default:
        return null;
    }
  }
}

/** The identifier a declarator declares (through pointers, arrays, references and init). */
export function declaratorName(node: SyntaxNode | null | undefined): SyntaxNode | null {
  let n = node ?? null;
  while (n) {
    if (n.type === 'identifier' || n.type === 'field_identifier') return n;
    if (n.type === 'reference_declarator') n = n.namedChildren[n.namedChildren.length - 1] ?? null;
    else if (n.type === 'parenthesized_declarator') n = n.namedChildren[0] ?? null;
    else n = n.child('declarator');
  }
  return null;
}

/** What a declaration says about a variable: its base type, pointer-ness and array size. */
export interface CDecl {
  name: string;
  /** The declarator (or parameter declaration) node. */
  node: SyntaxNode;
  /** Base type text without qualifiers, `struct`, template arguments or spaces: `char`, `std::string`, `user`. */
  type: string;
  /** The full type text as written, with template arguments. */
  typeText: string;
  pointer: boolean;
  /** The size expression of an array declarator (`char buf[64]` → `64`), or null; `[]` gives the declarator. */
  arraySize: SyntaxNode | null;
  array: boolean;
  param: boolean;
  /** Declared `static` or at file scope. */
  isStatic: boolean;
  scope: Scope;
}

interface Index {
  decls: Map<Scope, Map<string, CDecl[]>>;
  /** Array fields of structs and classes: `struct.field` and `field` (when unique) → size expression. */
  fields: Map<string, SyntaxNode | null>;
  usingStd: boolean;
}

const INDEX = new WeakMap<FileModel, Index>();

function indexOf(model: FileModel): Index {
  let i = INDEX.get(model);
  if (!i) {
    i = { decls: new Map(), fields: new Map(), usingStd: false };
    INDEX.set(model, i);
  }
  return i;
}

function baseType(typeNode: SyntaxNode | null): { type: string; text: string } {
  if (!typeNode) return { type: '', text: '' };
  const text = typeNode.text.replace(/\s+/g, ' ').trim();
  const type = text
    .replace(/<.*>/, '')
    .replace(/\b(struct|class|union|enum|const|volatile|typename)\b/g, '')
    .replace(/^::/, '')
    .replace(/\s+/g, '');
  return { type, text };
}

/** The declaration of a variable visible at a use: nearest preceding one in the innermost enclosing scope. */
export function declarationOf(model: FileModel, id: SyntaxNode | null | undefined): CDecl | null {
  if (!id || id.type !== 'identifier') return null;
  const index = indexOf(model);
  for (let scope: Scope | null = model.scopeOf(id); scope; scope = scope.parent) {
    const list: CDecl[] | undefined = index.decls.get(scope)?.get(id.text);
    if (!list) continue;
    for (let i = list.length - 1; i >= 0; i--) {
      const d: CDecl = list[i];
      if (d.node.startIndex > id.startIndex) continue;
      if (d.param || model.blockOf(d.node).contains(id)) return d;
    }
  }
  return null;
}

/** The size expression of an array field (`struct user { char name[32]; }` → `32`), by struct type and field name. */
export function fieldArraySize(model: FileModel, structType: string | null, field: string): SyntaxNode | null | undefined {
  const index = indexOf(model);
  if (structType && index.fields.has(`${structType}.${field}`)) return index.fields.get(`${structType}.${field}`);
  const key = `.${field}`;
  return index.fields.has(key) ? index.fields.get(key) : undefined;
}

/** Whether the file says `using namespace std;`. */
export function usesStd(model: FileModel): boolean {
  return indexOf(model).usingStd;
}

/** A call's function name without `std::` or a leading `::`, for C library functions reached through either. */
export function plainName(call: CallSite): string {
  return call.receiver ? call.name : call.callee.replace(/^(std::|::)/, '');
}

/** Whether a call is the C library function `name` (plain, `::name` or `std::name`), not a method. */
export function isLibCall(call: CallSite, ...names: string[]): boolean {
  if (call.receiver) return false;
  const plain = call.callee.replace(/^(std::|::)/, '');
  return names.includes(plain);
}

class CAdapter implements LanguageAdapter {
  readonly languages = ['c', 'cpp'] as const;
  readonly blockTypes = BLOCK_TYPES;
  readonly functionTypes = FUNCTION_TYPES;
  readonly commentTypes = new Set(['comment']);

  collect(model: FileModel): void {
    const index = indexOf(model);
    const callNodes: SyntaxNode[] = [];
    const defer: (() => void)[] = [];
    const declare = (scope: Scope, d: Omit<CDecl, 'scope'>) => {
      let byName = index.decls.get(scope);
      if (!byName) index.decls.set(scope, (byName = new Map()));
      const list = byName.get(d.name);
      const full = { ...d, scope };
      if (list) list.push(full);
      else byName.set(d.name, [full]);
    };
    const declareFrom = (scope: Scope, declNode: SyntaxNode, declarator: SyntaxNode, param: boolean) => {
      const name = declaratorName(declarator);
      if (!name || name.type !== 'identifier') return;
      const { type, text } = baseType(declNode.child('type'));
      let pointer = false;
      let array = false;
      let arraySize: SyntaxNode | null = null;
      for (let n: SyntaxNode | null = declarator; n && n !== name; n = n.type === 'reference_declarator' ? (n.namedChildren[n.namedChildren.length - 1] ?? null) : n.child('declarator') ?? n.child('value')) {
        if (n.type === 'pointer_declarator') pointer = true;
        if (n.type === 'array_declarator') {
          // `char *argv[]` is an array of pointers; `char buf[64]` an array of bytes.
          if (!array) arraySize = n.child('size');
          array = true;
        }
      }
      const isStatic = scope === model.module || declNode.namedChildren.some((c) => c.type === 'storage_class_specifier' && c.text === 'static');
      declare(scope, { name: name.text, node: declarator, type, typeText: text, pointer: pointer || (param && array), arraySize, array: array && !param, param, isStatic });
    };

    const visit = (node: SyntaxNode, scope: Scope, prefix: string[]): void => {
      switch (node.type) {
        case 'function_definition': {
          const { name, qualified } = this.functionName(node, prefix);
          if (name) model.addDef(scope, { name, kind: 'function', node, value: null });
          const inner = model.newScope(node, scope, qualified);
          this.params(node, inner, declareFrom);
          for (const c of node.children) visit(c, c.field === 'body' ? inner : scope, prefix);
          return;
        }
        case 'lambda_expression': {
          const inner = model.newScope(node, scope, this.lambdaName(node, scope));
          this.params(node, inner, declareFrom);
          for (const c of node.children) visit(c, c.field === 'body' || c.field === 'declarator' ? inner : scope, prefix);
          return;
        }
        case 'namespace_definition': {
          const n = node.child('name')?.text;
          for (const c of node.children) visit(c, scope, n ? [...prefix, n] : prefix);
          return;
        }
        case 'class_specifier':
        case 'struct_specifier':
        case 'union_specifier': {
          const n = node.child('name')?.text ?? (node.parent?.type === 'type_definition' ? node.parent.child('declarator')?.text : undefined);
          const body = node.child('body');
          if (n && node.type === 'class_specifier') model.addDef(scope, { name: n, kind: 'class', node, value: null });
          if (body) {
            for (const f of body.namedChildren) {
              if (f.type !== 'field_declaration') continue;
              for (const d of f.childrenOf('declarator')) {
                if (d.type !== 'array_declarator') continue;
                const fname = declaratorName(d)?.text;
                if (!fname) continue;
                const size = d.child('size');
                if (n) index.fields.set(`${n}.${fname}`, size);
                // An unqualified lookup only when every struct agrees on the field's size.
                const key = `.${fname}`;
                if (!index.fields.has(key)) index.fields.set(key, size);
                else if (index.fields.get(key)?.text !== size?.text) index.fields.set(key, null);
              }
            }
          }
          for (const c of node.children) visit(c, scope, n ? [...prefix, n] : prefix);
          return;
        }
        case 'preproc_include': {
          const path = node.child('path');
          const header = path ? (cStringValue(path) ?? path.text.replace(/^<|>$/g, '')) : '';
          if (header) model.addDef(scope, { name: `#include ${header}`, kind: 'import', node, value: null, qualified: header });
          return;
        }
        case 'preproc_def': {
          const n = node.child('name');
          if (n) model.addDef(model.module, { name: n.text, kind: 'assign', node, value: node.child('value') });
          return;
        }
        case 'using_declaration':
          if (/^using\s+namespace\s+std\s*;/.test(node.text)) index.usingStd = true;
          break;
        case 'declaration': {
          for (const d of node.childrenOf('declarator')) {
            if (d.type === 'function_declarator') {
              // `std::string s2(x);` inside a function: a constructor call that the grammar reads as a declaration.
              if (scope !== model.module && node.child('type') && d.child('declarator')?.type === 'identifier') {
                const params = d.child('parameters');
                const args = params?.namedChildren ?? [];
                if (args.length && args.every((p) => p.type === 'parameter_declaration' && !p.child('declarator') && p.child('type')?.type === 'type_identifier')) {
                  const name = d.child('declarator')!;
                  model.addDef(scope, { name: name.text, kind: 'assign', node: d, value: params });
                  declareFrom(scope, node, name, false);
                }
              }
              continue;
            }
            declareFrom(scope, node, d, false);
            if (d.type === 'init_declarator') {
              const name = declaratorName(d);
              const value = d.child('value');
              if (name && value) model.addDef(scope, { name: name.text, kind: 'assign', node: d, value });
            } else {
              // An uninitialised declaration: a fresh variable that hides outer ones.
              const name = declaratorName(d);
              if (name) model.addDef(scope, { name: name.text, kind: 'assign', node: d, value: null });
            }
          }
          break;
        }
        case 'assignment_expression': {
          const left = node.child('left');
          const right = node.child('right');
          if (!left || !right) break;
          if (left.type === 'identifier') {
            model.addDef(scope, { name: left.text, kind: node.operator === '=' ? 'assign' : 'augment', node, value: right });
          } else if (left.type === 'subscript_expression' || (left.type === 'pointer_expression' && left.operator === '*')) {
            const t = bufferTarget(left);
            if (t) model.addDef(scope, { name: t.name.text, kind: 'augment', node, value: right });
          }
          break;
        }
        case 'update_expression': {
          const t = bufferTarget(node.child('argument'));
          if (t && !t.partial) model.addDef(scope, { name: t.name.text, kind: 'augment', node, value: node });
          break;
        }
        case 'for_range_loop': {
          const name = declaratorName(node.child('declarator'));
          if (name) {
            model.addDef(scope, { name: name.text, kind: 'for', node, value: node.child('right') });
            declareFrom(scope, node, node.child('declarator')!, false);
          }
          break;
        }
        case 'catch_clause': {
          for (const p of node.child('parameters')?.namedChildren ?? []) {
            const name = declaratorName(p.child('declarator'));
            if (name) model.addDef(scope, { name: name.text, kind: 'except', node, value: null });
          }
          break;
        }
        case 'binary_expression':
          if ((node.operator === '>>' || node.operator === '<<') && node.parent?.type !== 'binary_expression') {
            defer.push(() => this.streamDefs(node, scope, model));
          }
          break;
        case 'call_expression':
          callNodes.push(node);
          break;
        case 'new_expression':
          callNodes.push(node);
          break;
      }
      for (const c of node.children) visit(c, scope, prefix);
    };
    visit(model.tree.root, model.module, []);
    for (const n of callNodes) model.addCall(this.callSite(n, model));
    for (const call of model.calls) this.writeDefs(call, model);
    for (const f of defer) f();
  }

  private functionName(node: SyntaxNode, prefix: string[]): { name: string | null; qualified: string } {
    let d = node.child('declarator');
    while (d && d.type !== 'function_declarator') d = d.type === 'reference_declarator' ? (d.namedChildren[d.namedChildren.length - 1] ?? null) : d.child('declarator');
    const id = d?.child('declarator');
    if (!id) return { name: null, qualified: [...prefix, '<function>'].join('.') };
    // `Server::run` and `ns::Server::~Server` become dotted names.
    const parts = id.text.replace(/<[^<>]*>/g, '').replace(/\s+/g, '').split('::').filter(Boolean);
    const name = parts[parts.length - 1] ?? id.text;
    return { name: id.type === 'identifier' ? name : null, qualified: [...prefix, ...parts].join('.') };
  }

  private lambdaName(node: SyntaxNode, scope: Scope): string {
    const prefix = scope.parent ? `${scope.name}.` : '';
    const parent = node.parent;
    if (parent?.type === 'init_declarator') return `${prefix}${declaratorName(parent)?.text ?? '<lambda>'}`;
    if (parent?.type === 'assignment_expression') return `${prefix}${parent.child('left')?.text ?? '<lambda>'}`;
    if (parent?.type === 'argument_list') {
      const call = parent.parent;
      const fn = call?.child('function');
      const callee = fn?.type === 'call_expression' ? (fn.child('function')?.text ?? '<call>') : (fn?.text.replace(/\s+/g, '').replace(/->/g, '.') ?? '<call>');
      const args = fn?.type === 'call_expression' ? (fn.child('arguments')?.namedChildren ?? []) : parent.namedChildren;
      const route = args.find((a) => a.type === 'string_literal');
      return `${prefix}${callee}${route && route !== node ? `(${route.text})` : ''}`;
    }
    return `${prefix}<lambda>`;
  }

  private params(fn: SyntaxNode, scope: Scope, declareFrom: (scope: Scope, declNode: SyntaxNode, declarator: SyntaxNode, param: boolean) => void): void {
    let d = fn.child('declarator');
    while (d && d.type !== 'function_declarator' && d.type !== 'abstract_function_declarator') {
      d = d.type === 'reference_declarator' ? (d.namedChildren[d.namedChildren.length - 1] ?? null) : d.child('declarator');
    }
    const list = d?.child('parameters')?.namedChildren ?? [];
    const fnName = fn.type === 'function_definition' ? (d?.child('declarator')?.text ?? '') : '';
    const isMain = MAIN_NAMES.has(fnName);
    const crowRoute = fn.type === 'lambda_expression' && this.isCrowRoute(fn);
    const named = list.filter((p) => p.type === 'parameter_declaration' || p.type === 'optional_parameter_declaration');
    named.forEach((p, i) => {
      const declarator = p.child('declarator');
      const nameNode = declaratorName(declarator);
      if (!nameNode || !declarator) return;
      const name = nameNode.text;
      const param: Param = { name, node: p };
      const typeText = p.child('type')?.text ?? '';
      if (isMain && i === 1) param.source = { kind: 'local', label: 'argv' };
      else if (isMain && i === 2 && named.length === 3) param.source = { kind: 'local', label: 'envp' };
      else if (REQUEST_TYPES.test(typeText)) param.role = 'request';
      else if (/\b(httplib::Response|crow::response|Http::ResponseWriter|ResponseWriter)\b/.test(typeText)) param.role = 'response';
      else if (crowRoute && !/\b(crow::request|crow::response)\b/.test(typeText)) param.source = { kind: 'remote', label: `route parameter '${name}'` };
      scope.params.set(name, param);
      declareFrom(scope, p, declarator, true);
    });
    if (named.some((p) => p.type === 'parameter_declaration' && REQUEST_TYPES.test(p.child('type')?.text ?? ''))) scope.handler = true;
    if (crowRoute) scope.handler = true;
  }

  /** A lambda passed to `CROW_ROUTE(app, "/path/<string>")(…)`: its parameters are route segments. */
  private isCrowRoute(fn: SyntaxNode): boolean {
    const call = fn.parent?.type === 'argument_list' ? fn.parent.parent : null;
    const callee = call?.child('function');
    if (callee?.type === 'call_expression') return /^CROW_(ROUTE|BP_ROUTE|WEBSOCKET_ROUTE)$/.test(callee.child('function')?.text ?? '');
    // `CROW_ROUTE(app, "/x").methods(...)([](…){…})`
    return callee?.type === 'call_expression' || (callee?.text.startsWith('CROW_ROUTE') ?? false);
  }

  /** `std::cin >> a >> b`, `iss >> x` and `oss << a << b`: definitions of the variables read or written. */
  private streamDefs(node: SyntaxNode, scope: Scope, model: FileModel): void {
    const chain: SyntaxNode[] = [];
    let left: SyntaxNode | null = node;
    while (left?.type === 'binary_expression' && left.operator === node.operator) {
      const r = left.child('right');
      if (r) chain.unshift(r);
      left = left.child('left');
    }
    const stream = unwrap(left);
    if (!stream) return;
    if (node.operator === '>>') {
      if (!this.isInputStream(stream, model)) return;
      for (const r of chain) {
        const t = bufferTarget(r);
        if (t) model.addDef(scope, { name: t.name.text, kind: t.partial ? 'augment' : 'assign', node, value: stream });
      }
      return;
    }
    if (stream.type !== 'identifier') return;
    const decl = declarationOf(model, stream);
    if (decl && /stringstream$/.test(decl.type)) model.addDef(scope, { name: stream.text, kind: 'augment', node, value: node });
  }

  /** `std::cin`, `cin` (under `using namespace std`), or a variable declared as an input stream. */
  private isInputStream(node: SyntaxNode, model: FileModel): boolean {
    if (this.isCin(node, model)) return true;
    if (node.type !== 'identifier') return false;
    const decl = declarationOf(model, node);
    return !!decl && /(^|::)(istream|ifstream|fstream|istringstream|stringstream|wistream|wifstream|wistringstream)$/.test(decl.type);
  }

  /** A variable declared as a file or generic input stream (not a string stream, whose contents are tracked). */
  private isFileStream(node: SyntaxNode, model: FileModel): boolean {
    const decl = declarationOf(model, node);
    return !!decl && !decl.pointer && /(^|::)(istream|ifstream|fstream|wistream|wifstream)$/.test(decl.type);
  }

  private isCin(node: SyntaxNode, model: FileModel): boolean {
    const t = node.text.replace(/\s+/g, '');
    if (t === 'std::cin' || t === 'std::wcin' || t === '::std::cin') return true;
    return (t === 'cin' || t === 'wcin') && node.type === 'identifier' && !model.reachingDefs(t, node) && !declarationOf(model, node);
  }

  /** Definitions of the buffers that library calls write into. */
  private writeDefs(call: CallSite, model: FileModel): void {
    if (call.isNew) return;
    const scope = call.scope;
    const argList = call.node.child('arguments');
    const def = (target: SyntaxNode | undefined, value: SyntaxNode | null, kind: Def['kind'] = 'assign') => {
      const t = bufferTarget(target);
      if (!t || !value) return;
      model.addDef(scope, { name: t.name.text, kind: t.partial ? 'augment' : kind, node: call.node, value });
    };
    if (call.receiver) {
      // std::string building: s.append(x), s.insert(0, x), s.assign(x); s.push_back(c).
      if (call.receiver.type === 'identifier' && argList) {
        if (call.name === 'append' || call.name === 'insert' || call.name === 'push_back' || call.name === 'emplace_back') def(call.receiver, argList, 'augment');
        else if (call.name === 'assign') def(call.receiver, argList, 'assign');
      }
      return;
    }
    const name = plainName(call);
    const args = call.args;
    if (FORMAT_WRITERS.has(name)) {
      def(args[0], argList);
      return;
    }
    if (COPIES.has(name)) {
      if (name === 'bcopy') def(args[1], args[0] ?? null);
      else def(args[0], args[1] ?? null);
      return;
    }
    if (APPENDS.has(name)) {
      def(args[0], args[1] ?? null, 'augment');
      return;
    }
    if (name === 'realpath') {
      def(args[1], args[0] ?? null);
      return;
    }
    // SQL escaping into an output buffer: the buffer holds the (escaped) call result.
    const escaped = SQL_ESCAPE_WRITERS.get(name);
    if (escaped !== undefined) {
      def(args[escaped], call.node);
      return;
    }
    if (name === 'sscanf' || name === 'swscanf') {
      for (const a of args.slice(2)) def(a, args[0] ?? null);
      return;
    }
    if (name === 'scanf' || name === 'wscanf') {
      for (const a of args.slice(1)) def(a, argList);
      return;
    }
    if (name === 'fscanf' || name === 'fwscanf') {
      for (const a of args.slice(2)) def(a, argList);
      return;
    }
    const out = this.inputBuffer(call, model);
    if (out !== undefined) def(args[out], argList);
  }

  /** For a call that reads input into a buffer argument, the index of that argument. */
  private inputBuffer(call: CallSite, model: FileModel): number | undefined {
    const name = plainName(call);
    switch (name) {
      case 'fgets':
      case 'fgetws':
      case 'gets':
      case 'gets_s':
      case 'fread':
        return 0;
      case 'read':
      case 'pread':
      case 'recv':
      case 'recvfrom':
      case 'SSL_read':
      case 'BIO_read':
        return 1;
      case 'getline':
      case 'getdelim':
        // C: getline(&line, &cap, stream); C++: std::getline(stream, str[, delim]).
        if (call.args[0]?.type === 'pointer_expression') return 0;
        return call.args.length >= 2 && (call.callee.startsWith('std::') || this.isInputStream(unwrap(call.args[0]) ?? call.args[0], model) || call.args.length === 2) ? 1 : undefined;
      default:
        return undefined;
    }
  }

  /** Whether a `read` descriptor refers to a socket. */
  private isSocket(fd: SyntaxNode | undefined, call: CallSite, model: FileModel): boolean {
    const n = unwrap(fd);
    if (!n) return false;
    if (/sock|client|conn|peer|remote/i.test(n.text)) return true;
    if (n.type === 'identifier') {
      const found = model.reachingDefs(n.text, n);
      for (const d of found?.defs ?? []) {
        const v = unwrap(d.value);
        if (v?.type === 'call_expression' && SOCKET_CALLS.has(v.child('function')?.text ?? '')) return true;
      }
    }
    const fn = call.scope.node;
    return model.calls.some((c) => c.scope === call.scope && fn.contains(c.node) && !c.receiver && SOCKET_CALLS.has(plainName(c)));
  }

  private qualifiedText(node: SyntaxNode): string {
    return node.text.replace(/<[^<>]*(<[^<>]*>[^<>]*)*>/g, '').replace(/\s+/g, '').replace(/^::/, '');
  }

  /** The type-qualified name of a receiver: its declared class (`std::string`), or the constructor call it came from. */
  private receiverType(node: SyntaxNode | null, model: FileModel): string | null {
    const n = unwrap(node);
    if (!n || n.type !== 'identifier') return null;
    const decl = declarationOf(model, n);
    if (!decl) return null;
    if (decl.type === 'auto' || decl.type === '') {
      const found = model.reachingDefs(n.text, n);
      const v = found?.defs.find((d) => d.value)?.value;
      const inner = unwrap(v);
      if (inner?.type === 'call_expression') {
        const fn = inner.child('function');
        return fn ? `${this.qualifiedText(fn).replace(/->/g, '.')}()` : null;
      }
      if (inner?.type === 'new_expression') return inner.child('type') ? this.qualifiedText(inner.child('type')!) : null;
      return null;
    }
    return /^(char|int|long|short|unsigned|signed|float|double|void|bool|size_t|ssize_t|uint\d+_t|int\d+_t|wchar_t|FILE)$/.test(decl.type) ? null : decl.type;
  }

  private callSite(node: SyntaxNode, model: FileModel): CallSite {
    const scope = model.scopeOf(node);
    if (node.type === 'new_expression') {
      const type = node.child('type');
      const args = node.child('arguments')?.namedChildren ?? [];
      const t = type ? this.qualifiedText(type) : '';
      return { node, callee: t, resolved: true, name: t.split('::').pop() ?? t, receiver: null, args, keywords: new Map(), isNew: true, scope };
    }
    let fn = node.child('function');
    while (fn?.type === 'parenthesized_expression') fn = fn.namedChildren[0] ?? null;
    const args = (node.child('arguments')?.namedChildren ?? []).filter((a) => a.type !== 'comment');
    let callee = fn?.text.replace(/\s+/g, '') ?? '';
    let name = callee;
    let receiver: SyntaxNode | null = null;
    let resolved = false;
    if (fn?.type === 'identifier') {
      const local = model.reachingDefs(fn.text, fn);
      resolved = !local || local.defs.every((d) => d.kind === 'function');
    } else if (fn?.type === 'qualified_identifier' || fn?.type === 'template_function') {
      callee = this.qualifiedText(fn);
      name = callee.split('::').pop() ?? callee;
      resolved = true;
    } else if (fn?.type === 'field_expression') {
      receiver = fn.child('argument');
      name = fn.child('field')?.text.replace(/<.*$/, '') ?? '';
      const type = this.receiverType(receiver, model);
      if (type) {
        callee = `${type}.${name}`;
        resolved = true;
      } else callee = `${(receiver?.text ?? '').replace(/\s+/g, '').replace(/->/g, '.')}.${name}`;
    }
    return { node, callee, resolved, name, receiver, args, keywords: new Map(), isNew: false, scope };
  }

  classify(node: SyntaxNode, model: FileModel): Expr {
    switch (node.type) {
      case 'string_literal':
      case 'raw_string_literal':
      case 'char_literal':
        return { kind: 'literal', value: cStringValue(node) ?? '' };
      case 'concatenated_string': {
        const v = cStringValue(node);
        if (v !== null) return { kind: 'literal', value: v };
        // `"%" PRIu64 "\n"`: format macros between literals are constants of unknown text.
        const parts = node.namedChildren.filter((c) => c.type !== 'identifier' || !/^[A-Z][A-Z0-9_]*$/.test(c.text));
        return { kind: 'build', parts, exact: false };
      }
      case 'number_literal': {
        const n = numberValue(node.text);
        return n === undefined ? { kind: 'scalar' } : { kind: 'literal', value: n };
      }
      case 'true':
        return { kind: 'literal', value: true };
      case 'false':
        return { kind: 'literal', value: false };
      case 'null':
      case 'nullptr':
        return { kind: 'literal', value: null };
      case 'preproc_arg': {
        const t = node.text.trim().replace(/^\((.*)\)$/, '$1').trim();
        if (/^-?(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$/.test(t)) return { kind: 'literal', value: numberValue(t.replace(/^-/, ''))! * (t.startsWith('-') ? -1 : 1) };
        const s = /^"((?:[^"\\]|\\.)*)"$/.exec(t);
        if (s) return { kind: 'literal', value: decodeEscapes(s[1]) };
        return { kind: 'opaque' };
      }
      case 'identifier':
      case 'type_identifier':
        return { kind: 'name', name: node.text };
      case 'qualified_identifier':
        // `std::string::npos`, `Config::kName`: constants of a namespace or class.
        return /(^|::)npos$/.test(node.text) ? { kind: 'scalar' } : { kind: 'opaque' };
      case 'field_expression': {
        const object = node.child('argument');
        const field = node.child('field');
        return object && field ? { kind: 'member', object, property: field.text } : { kind: 'opaque' };
      }
      case 'subscript_expression': {
        const object = node.child('argument');
        const index = node.child('index') ?? node.child('indices')?.namedChildren[0] ?? null;
        return object ? { kind: 'index', object, index } : { kind: 'opaque' };
      }
      case 'call_expression': {
        const call = model.callByNode.get(node.id);
        if (!call) return { kind: 'opaque' };
        return this.classifyCall(call, model);
      }
      case 'new_expression':
        return { kind: 'opaque' };
      case 'argument_list':
        return this.classifyArguments(node, model);
      case 'parameter_list':
        // `std::string s(x)` read as a declaration: the parameter types are the constructor's arguments.
        return { kind: 'flow', parts: node.namedChildren.map((p) => p.child('type') ?? p) };
      case 'initializer_list':
      case 'parenthesized_expression':
      case 'condition_clause':
        return { kind: 'flow', parts: node.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'declaration') };
      case 'cast_expression': {
        const v = node.child('value');
        return v ? { kind: 'flow', parts: [v] } : { kind: 'opaque' };
      }
      case 'pointer_expression': {
        const a = node.child('argument');
        return a ? { kind: 'flow', parts: [a] } : { kind: 'opaque' };
      }
      case 'conditional_expression': {
        const parts = [node.child('consequence'), node.child('alternative')].filter((x): x is SyntaxNode => !!x);
        return { kind: 'flow', parts };
      }
      case 'comma_expression': {
        const right = node.child('right');
        return right ? { kind: 'flow', parts: [right] } : { kind: 'opaque' };
      }
      case 'binary_expression':
        return this.classifyBinary(node, model);
      case 'sizeof_expression':
      case 'alignof_expression':
      case 'unary_expression':
      case 'update_expression':
        return node.type === 'unary_expression' && (node.operator === '-' || node.operator === '+' || node.operator === '~')
          ? { kind: 'flow', parts: node.child('argument') ? [node.child('argument')!] : [] }
          : { kind: 'scalar' };
      default:
        return { kind: 'opaque' };
    }
  }

  private classifyBinary(node: SyntaxNode, model: FileModel): Expr {
    const left = node.child('left');
    const right = node.child('right');
    if (!left || !right) return { kind: 'opaque' };
    switch (node.operator) {
      case '+':
        if (model.language === 'cpp' && (this.isStringy(left, model) || this.isStringy(right, model))) return { kind: 'build', parts: [left, right], exact: true };
        return { kind: 'flow', parts: [left, right] };
      case '-':
      case '*':
      case '/':
      case '%':
      case '&':
      case '|':
      case '^':
        return { kind: 'flow', parts: [left, right] };
      case '<<': {
        // oss << "a" << x builds a string; a shift of numbers keeps their origin.
        const chain: SyntaxNode[] = [];
        let l: SyntaxNode | null = node;
        while (l?.type === 'binary_expression' && l.operator === '<<') {
          chain.unshift(l.child('right')!);
          l = l.child('left');
        }
        const head = unwrap(l);
        const decl = head?.type === 'identifier' ? declarationOf(model, head) : null;
        if (decl && /stringstream$/.test(decl.type)) return { kind: 'build', parts: chain, exact: false };
        return { kind: 'flow', parts: [left, right] };
      }
      case '>>':
        return this.isInputStream(unwrap(left) ?? left, model) ? { kind: 'flow', parts: [left] } : { kind: 'flow', parts: [left, right] };
      default:
        return { kind: 'scalar' };
    }
  }

  /** Whether a C++ `+` operand is a string: a literal, a std::string, or a concatenation of those. */
  private isStringy(node: SyntaxNode, model: FileModel, depth = 0): boolean {
    const n = node.type === 'parenthesized_expression' ? (node.namedChildren[0] ?? node) : node;
    if (depth > 6) return false;
    if (n.type === 'string_literal' || n.type === 'raw_string_literal' || n.type === 'concatenated_string') return true;
    if (n.type === 'binary_expression' && n.operator === '+') {
      const l = n.child('left');
      const r = n.child('right');
      return (!!l && this.isStringy(l, model, depth + 1)) || (!!r && this.isStringy(r, model, depth + 1));
    }
    if (n.type === 'call_expression') {
      const call = model.callByNode.get(n.id);
      return !!call && (/^std::(string|to_string|wstring|format)$/.test(call.callee) || /^(std::string|std::filesystem::path)\./.test(call.callee) || ['substr', 'str', 'string'].includes(call.name));
    }
    if (n.type === 'identifier') {
      const decl = declarationOf(model, n);
      return !!decl && /^(std::)?(string|wstring|string_view|u8string)$/.test(decl.type) && !decl.pointer;
    }
    return false;
  }

  private classifyCall(call: CallSite, model: FileModel): Expr {
    const name = call.receiver ? '' : plainName(call);
    if (!call.receiver) {
      if (/^(static_cast|const_cast|reinterpret_cast|dynamic_cast)$/.test(call.name)) return call.args[0] ? { kind: 'flow', parts: [call.args[0]] } : { kind: 'opaque' };
      if (FORMAT_RETURNERS.has(call.callee) || FORMAT_RETURNERS.has(name)) {
        const argList = call.node.child('arguments');
        return argList ? this.formatBuild(call, argList, model) : { kind: 'opaque' };
      }
      if (SCALAR_CALLS.has(name) || name === 'sizeof') return { kind: 'scalar' };
      if (name === 'fgets' || name === 'fgetws' || name === 'gets') {
        const argList = call.node.child('arguments');
        return argList ? { kind: 'flow', parts: [argList] } : { kind: 'opaque' };
      }
      if (name === 'to_string' || name === 'to_wstring') return call.args[0] ? { kind: 'flow', parts: [call.args[0]] } : { kind: 'opaque' };
    } else {
      if (call.name === 'size' || call.name === 'length' || call.name === 'empty' || call.name === 'compare' || call.name === 'find' || call.name === 'rfind' || call.name === 'count' || call.name === 'find_first_not_of' || call.name === 'find_first_of') {
        return { kind: 'scalar' };
      }
    }
    return { kind: 'call', call };
  }

  /** The value an argument list stands for when a definition points at it (what the call wrote into a buffer). */
  private classifyArguments(node: SyntaxNode, model: FileModel): Expr {
    const parent = node.parent;
    const parts = node.namedChildren.filter((c) => c.type !== 'comment');
    if (parent?.type !== 'call_expression') return { kind: 'flow', parts };
    const call = model.callByNode.get(parent.id);
    if (!call) return { kind: 'flow', parts };
    const name = call.receiver ? call.name : plainName(call);
    if (!call.receiver && FORMAT_WRITERS.has(name)) return this.formatBuild(call, node, model);
    if (!call.receiver && (name === 'getline' || name === 'getdelim') && call.args[0]?.type !== 'pointer_expression' && call.args[0]) {
      // std::getline(iss, token): what the stream holds.
      return { kind: 'flow', parts: [call.args[0]] };
    }
    return { kind: 'flow', parts };
  }

  /** printf-style formatting: the constant text and the `%s`/`%c` arguments (numbers cannot shape a string). */
  private formatBuild(call: CallSite, argList: SyntaxNode, model: FileModel): Expr {
    const name = call.receiver ? call.name : plainName(call);
    const fi = FORMAT_INDEX[name] ?? FORMAT_INDEX[call.callee] ?? 0;
    const args = argList.namedChildren.filter((c) => c.type !== 'comment');
    const fmtNode = args[fi];
    if (!fmtNode) return { kind: 'opaque' };
    const fmt = this.constantString(fmtNode, model);
    const rest = args.slice(fi + 1);
    if (fmt === null) return { kind: 'build', parts: [fmtNode, ...rest], exact: false };
    if (/format$|StrFormat$/.test(call.callee)) {
      // std::format / fmt::format: `{}` placeholders take any argument.
      return { kind: 'build', parts: [fmt.replace(/\{[^{}]*\}/g, ''), ...rest], exact: false };
    }
    if (name.startsWith('v')) return { kind: 'build', parts: [fmt, ...rest], exact: false };
    const parts: (string | SyntaxNode)[] = [];
    let exact = true;
    let last = 0;
    const re = /%([-+ #0']*)(\*|\d+)?(?:\.(\*|\d+))?(hh|h|ll|l|L|j|z|t|q)?([a-zA-Z%])/g;
    let arg = 0;
    for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
      parts.push(fmt.slice(last, m.index));
      last = m.index + m[0].length;
      if (m[5] === '%') {
        parts.push('%');
        continue;
      }
      if (m[2] === '*') arg++;
      if (m[3] === '*') arg++;
      const a = rest[arg++];
      if ((m[5] === 's' || m[5] === 'c' || m[5] === 'S' || m[5] === 'C') && a) {
        if (m[3] !== undefined) exact = false;
        parts.push(a);
      } else exact = false;
    }
    parts.push(fmt.slice(last));
    return { kind: 'build', parts, exact };
  }

  /** The constant string value of a node (literals and variables or macros bound to one), or null. */
  private constantString(node: SyntaxNode, model: FileModel, depth = 0): string | null {
    const v = cStringValue(node);
    if (v !== null) return v;
    if (node.type === 'identifier' && depth < 4) {
      const found = model.reachingDefs(node.text, node);
      if (!found || found.param || found.defs.length !== 1) return null;
      const value = found.defs[0].value;
      if (!value) return null;
      if (value.type === 'preproc_arg') {
        const e = this.classify(value, model);
        return e.kind === 'literal' && typeof e.value === 'string' ? e.value : null;
      }
      return this.constantString(value, model, depth + 1);
    }
    return null;
  }

  /** The role of a name if it is a request/response parameter that nothing reassigned. */
  private roleOf(node: SyntaxNode | null, model: FileModel): Param['role'] | undefined {
    const n = unwrap(node);
    if (n?.type !== 'identifier') return undefined;
    const found = model.reachingDefs(n.text, n);
    return found && !found.defs.length ? found.param?.role : undefined;
  }

  sourceOf(node: SyntaxNode, model: FileModel): SourceHit | null {
    switch (node.type) {
      case 'identifier':
        if (node.text === 'optarg' && !model.reachingDefs('optarg', node)) return { kind: 'local', label: 'optarg' };
        if ((node.text === 'cin' || node.text === 'wcin') && this.isCin(node, model)) return { kind: 'local', label: 'std::cin' };
        if (node.text === 'environ' && !model.reachingDefs('environ', node) && !declarationOf(model, node)) return { kind: 'local', label: 'environ' };
        if (this.isFileStream(node, model)) return { kind: 'local', label: `input stream '${node.text}'` };
        return null;
      case 'qualified_identifier':
        return this.isCin(node, model) ? { kind: 'local', label: 'std::cin' } : null;
      case 'field_expression': {
        const obj = node.child('argument');
        const field = node.child('field')?.text ?? '';
        if (this.roleOf(obj, model) === 'request' && REQUEST_MEMBERS.has(field)) return { kind: 'remote', label: `${unwrap(obj)!.text}.${field}` };
        return null;
      }
      case 'call_expression': {
        const call = model.callByNode.get(node.id);
        if (!call) return null;
        if (call.receiver) {
          if (this.roleOf(call.receiver, model) === 'request' && REQUEST_MEMBERS.has(call.name)) return { kind: 'remote', label: `${unwrap(call.receiver)!.text}.${call.name}()` };
          // req.url_params.get("q") (Crow), req->getParameter("q") already matched above.
          const inner = unwrap(call.receiver);
          if (inner?.type === 'field_expression' && this.roleOf(inner.child('argument'), model) === 'request') {
            return { kind: 'remote', label: `${inner.text}.${call.name}()` };
          }
          return null;
        }
        if (isLibCall(call, 'getenv', 'secure_getenv', '_wgetenv', 'g_getenv')) {
          const arg = call.args[0];
          const v = arg ? cStringValue(arg) : null;
          if (v !== null && CGI_VARS.test(v)) return { kind: 'remote', label: `CGI variable ${v}` };
          return { kind: 'local', label: v !== null ? `getenv("${v}")` : 'getenv()' };
        }
        if (isLibCall(call, 'getpass', 'readline')) return { kind: 'local', label: `${plainName(call)}()` };
        return null;
      }
      case 'argument_list': {
        const parent = node.parent;
        const call = parent?.type === 'call_expression' ? model.callByNode.get(parent.id) : undefined;
        if (!call || call.receiver) return null;
        const name = plainName(call);
        switch (name) {
          case 'recv':
          case 'recvfrom':
          case 'SSL_read':
          case 'BIO_read':
            return { kind: 'remote', label: `${name}()` };
          case 'read':
          case 'pread':
            return this.isSocket(call.args[0], call, model) ? { kind: 'remote', label: 'read() from a socket' } : { kind: 'local', label: 'read()' };
          case 'fgets':
          case 'fgetws':
          case 'fread':
          case 'getdelim': {
            const stream = call.args[name === 'fread' ? 3 : name === 'getdelim' ? 3 : 2];
            return { kind: 'local', label: stream?.text === 'stdin' ? `${name}() from stdin` : `${name}()` };
          }
          case 'gets':
          case 'gets_s':
            return { kind: 'local', label: 'gets()' };
          case 'scanf':
          case 'wscanf':
            return { kind: 'local', label: 'scanf()' };
          case 'fscanf':
          case 'fwscanf':
            return { kind: 'local', label: 'fscanf()' };
          case 'getline': {
            if (call.args[0]?.type === 'pointer_expression') return { kind: 'local', label: 'getline()' };
            const stream = unwrap(call.args[0]);
            if (stream && this.isCin(stream, model)) return { kind: 'local', label: 'std::cin' };
            if (stream?.type === 'identifier' && this.isFileStream(stream, model)) return { kind: 'local', label: `input stream '${stream.text}'` };
            return null;
          }
          default:
            return null;
        }
      }
      default:
        return null;
    }
  }

  sanitizes(call: CallSite): readonly (SinkKind | '*')[] | null {
    if (!call.receiver) {
      const name = plainName(call);
      if (NUMERIC.has(name)) return ALL_KINDS;
      if (name === 'basename' || name === 'g_path_get_basename' || name === 'PathFindFileNameA') return ['path'];
      if (SQL_ESCAPE_WRITERS.has(name) || name === 'PQescapeLiteral' || name === 'PQescapeIdentifier') return ['sql'];
      if (HTML_ESCAPERS.test(name)) return ['html'];
    } else if (call.name === 'filename' && /path/.test(call.callee)) return ['path'];
    return null;
  }

  propagates(call: CallSite): boolean {
    if (call.receiver) return STRING_METHODS.has(call.name);
    return PURE.has(call.callee) || PURE.has(plainName(call));
  }

  conditional(node: SyntaxNode): { condition: SyntaxNode; consequence: SyntaxNode | null; alternative: SyntaxNode | null } | null {
    if (node.type === 'if_statement') {
      const condition = node.child('condition');
      const alt = node.child('alternative');
      return condition ? { condition, consequence: node.child('consequence'), alternative: alt?.type === 'else_clause' ? (alt.namedChildren[0] ?? null) : alt } : null;
    }
    if (node.type === 'conditional_expression') {
      const condition = node.child('condition');
      return condition ? { condition, consequence: node.child('consequence'), alternative: node.child('alternative') } : null;
    }
    return null;
  }

  validation(condition: SyntaxNode, subject: string, model: FileModel, sink?: SinkKind): 'validates' | 'rejects' | null {
    const c = condition;
    switch (c.type) {
      case 'parenthesized_expression':
      case 'condition_clause': {
        const inner = c.namedChildren[c.namedChildren.length - 1];
        return inner ? this.validation(inner, subject, model, sink) : null;
      }
      case 'unary_expression': {
        const arg = c.child('argument');
        if (c.operator !== '!' || !arg) return null;
        // !strcmp(x, "lit") is equality.
        const call = arg.type === 'call_expression' ? model.callByNode.get(arg.id) : undefined;
        if (call && this.isStrcmpWith(call, subject, model)) return 'validates';
        return invert(this.validation(arg, subject, model, sink));
      }
      case 'binary_expression': {
        const left = c.child('left');
        const right = c.child('right');
        if (!left || !right) return null;
        const op = c.operator ?? '';
        if (op === '&&' || op === '||') {
          const parts = [this.validation(left, subject, model, sink), this.validation(right, subject, model, sink)];
          return combineLogical(op === '&&' ? 'and' : 'or', parts);
        }
        const eq = op === '==';
        const ne = op === '!=';
        if (!eq && !ne) return null;
        // strcmp(x, "lit") == 0
        const cmp = left.type === 'call_expression' ? model.callByNode.get(left.id) : undefined;
        if (cmp && this.isStrcmpWith(cmp, subject, model) && right.text === '0') return eq ? 'validates' : 'rejects';
        // C++: name == "lit" on a std::string.
        if (model.language === 'cpp') {
          const other = left.text === subject ? right : right.text === subject ? left : null;
          if (other && (other.type === 'string_literal' || other.type === 'raw_string_literal')) return eq ? 'validates' : 'rejects';
        }
        // s.find_first_not_of("abc…") == std::string::npos, strspn(s, "abc…") == strlen(s)
        const restricted = this.restrictedCharsetCheck(left, right, subject, model);
        if (restricted) return eq ? 'validates' : 'rejects';
        // Path checks: s.find("..") != npos / strstr(s, "..") != NULL reject traversal sequences.
        if (sink === 'path' && this.findsDotDot(left, subject, model) && (right.type === 'null' || /npos$/.test(right.text))) return ne ? 'rejects' : 'validates';
        return null;
      }
      case 'call_expression': {
        const call = model.callByNode.get(c.id);
        if (!call) return null;
        if (sink === 'path' && this.findsDotDot(c, subject, model)) return 'rejects';
        if ((call.callee === 'std::regex_match' || (call.name === 'regex_match' && !call.receiver)) && call.args[0]?.text === subject) {
          const pattern = this.regexPattern(call.args[1], model);
          return pattern !== null && restrictivePattern(pattern, true) ? 'validates' : null;
        }
        if ((call.callee === 'std::all_of' || call.name === 'all_of') && call.args[0]?.text.replace(/\s+/g, '') === `${subject}.begin()`) {
          const pred = call.args[2]?.text ?? '';
          const allowed = pred.replace(/\b(std::)?(isalnum|isdigit|isalpha|isxdigit|islower|isupper)\b|\bstatic_cast<unsigned char>|unsigned char|\bchar\b|\bauto\b|\bint\b|\breturn\b|'[-_.]'|==|\|\||[\s(){}\[\];:&c]/g, '');
          return /\b(isalnum|isdigit|isalpha|isxdigit)\b/.test(pred) && !allowed.trim() ? 'validates' : null;
        }
        // A validator named for what it checks: is_valid_filename(x), validate_hostname(x).
        return null;
      }
      default:
        return null;
    }
  }

  private isStrcmpWith(call: CallSite, subject: string, model: FileModel): boolean {
    if (!isLibCall(call, 'strcmp', 'strcasecmp', 'wcscmp', '_stricmp', 'stricmp')) return false;
    const [a, b] = call.args;
    if (!a || !b) return false;
    const other = a.text === subject ? b : b.text === subject ? a : null;
    return !!other && this.constantString(other, model) !== null;
  }

  private restrictedCharsetCheck(left: SyntaxNode, right: SyntaxNode, subject: string, model: FileModel): boolean {
    const call = left.type === 'call_expression' ? model.callByNode.get(left.id) : undefined;
    if (!call) return false;
    const safeSet = (n: SyntaxNode | undefined) => {
      const v = n ? this.constantString(n, model) : null;
      return v !== null && v.length > 0 && /^[A-Za-z0-9_.\-]+$/.test(v) && !v.includes('..');
    };
    if (call.receiver?.text === subject && call.name === 'find_first_not_of' && /npos$/.test(right.text)) return safeSet(call.args[0]);
    if (isLibCall(call, 'strspn') && call.args[0]?.text === subject && safeSet(call.args[1])) {
      const r = right.type === 'call_expression' ? model.callByNode.get(right.id) : undefined;
      return !!r && isLibCall(r, 'strlen') && r.args[0]?.text === subject;
    }
    return false;
  }

  private findsDotDot(node: SyntaxNode, subject: string, model: FileModel): boolean {
    const call = node.type === 'call_expression' ? model.callByNode.get(node.id) : undefined;
    if (!call) return false;
    if (isLibCall(call, 'strstr') && call.args[0]?.text === subject) return this.constantString(call.args[1] ?? call.node, model) === '..';
    if (call.receiver?.text === subject && call.name === 'find') return call.args[0] ? this.constantString(call.args[0], model) === '..' : false;
    return false;
  }

  private regexPattern(node: SyntaxNode | undefined, model: FileModel): string | null {
    const n = unwrap(node);
    if (!n) return null;
    if (n.type === 'call_expression') {
      const call = model.callByNode.get(n.id);
      if (call && /(^|::)regex$/.test(call.callee) && call.args[0]) return this.constantString(call.args[0], model);
      return null;
    }
    if (n.type === 'identifier') {
      const decl = declarationOf(model, n);
      const found = model.reachingDefs(n.text, n);
      const v = found?.defs[0]?.value;
      if (decl && /(^|::)regex$/.test(decl.type) && v) {
        if (v.type === 'argument_list' || v.type === 'initializer_list') return v.namedChildren[0] ? this.constantString(v.namedChildren[0], model) : null;
        return this.regexPattern(v, model);
      }
    }
    return null;
  }

  exits(node: SyntaxNode): boolean {
    const stmts = node.type === 'compound_statement' ? node.namedChildren.filter((s) => s.type !== 'comment') : [node];
    const last = stmts[stmts.length - 1];
    if (!last) return false;
    if (['return_statement', 'throw_statement', 'continue_statement', 'break_statement', 'goto_statement'].includes(last.type)) return true;
    if (last.type === 'expression_statement' && last.namedChildren[0]?.type === 'throw_expression') return true;
    const expr = last.type === 'expression_statement' ? last.namedChildren[0] : null;
    if (expr?.type !== 'call_expression') return false;
    const fn = expr.child('function')?.text.replace(/\s+/g, '').replace(/^(std::|::)/, '') ?? '';
    return /^(exit|_exit|_Exit|abort|quick_exit|err|errx|verr|verrx|pthread_exit|longjmp|siglongjmp|usage|die|fatal)$/.test(fn);
  }
}

export const cAdapter = new CAdapter();
