import { defineRule } from '../../rule.ts';
import type { RuleContext } from '../../context.ts';
import type { CallSite } from '../../../analysis/model.ts';
import type { SyntaxNode } from '../../../languages/syntax.ts';

/** Calls that store data in a file: the indexes of their destination arguments. */
const STATIC_SINKS: [string, number][] = [
  ['java.nio.file.Files.copy', 1],
  ['java.nio.file.Files.write', 0],
  ['java.nio.file.Files.newOutputStream', 0],
  ['java.nio.file.Files.createFile', 0],
  ['java.io.FileOutputStream', 0],
  ['org.apache.commons.io.FileUtils.copyInputStreamToFile', 1],
  ['org.apache.commons.io.FileUtils.writeByteArrayToFile', 0],
  ['org.apache.commons.io.FileUtils.copyToFile', 1],
  ['org.springframework.util.FileCopyUtils.copy', 1],
];
/** Methods of the upload itself: `MultipartFile.transferTo(dest)`, `Part.write(fileName)`. */
const UPLOAD_METHODS = new Set(['transferTo', 'write']);
const CLIENT_NAME = new Set(['getOriginalFilename', 'getSubmittedFileName']);

/** Words in a condition that show the upload's type is checked (extension, content type, allow-lists). */
const TYPE_CHECK = /endsWith|ContentType|contentType|MediaType|mediaType|[eE]xtension|\bext\b|\bEXT\w*|[sS]uffix|[aA]llowed|ALLOWED|[wW]hite[lL]ist|WHITELIST|[aA]llow[lL]ist|ALLOWLIST|PERMITTED|[pP]ermitted|probeContentType|[mM]ime|MIME|\.matches\(|Tika|detect\(/;
/** Helper calls that validate the upload before it is stored (`validateFile(file)`, `isAllowedType(name)`). */
const VALIDATOR = /^(validate|check|verify|ensure|assert|require|reject)\w*|^is\w*(Allowed|Valid|Supported|Permitted|Image|Pdf|Safe)\w*$/;

/** The `getOriginalFilename()`/`getSubmittedFileName()` call that `node` (following local variables) is derived from. */
function clientName(ctx: RuleContext, node: SyntaxNode | undefined, depth = 5): SyntaxNode | undefined {
  if (!node || depth < 0) return undefined;
  let found: SyntaxNode | undefined;
  node.walk((n) => {
    if (found) return false;
    if (n.type === 'method_invocation' && CLIENT_NAME.has(n.child('name')?.text ?? '')) {
      found = n;
      return false;
    }
    if (n.type === 'identifier' && n.field !== 'name') {
      for (const d of ctx.model.reachingDefs(n.text, n)?.defs ?? []) {
        if (d.value && !d.value.contains(n)) found ??= clientName(ctx, d.value, depth - 1);
      }
    }
    return undefined;
  });
  return found;
}

/** Whether an upload-method receiver is really a stream (`InputStream in = part.getInputStream()`). */
function streamish(ctx: RuleContext, recv: SyntaxNode): boolean {
  if (/getInputStream|getReader|Stream\b/.test(recv.text)) return true;
  if (recv.type !== 'identifier') return false;
  return (ctx.model.reachingDefs(recv.text, recv)?.defs ?? []).some((d) => /getInputStream|getReader|InputStream|Reader\b/.test(d.value?.text ?? ''));
}

/** Whether the method checks the type of the upload before `call`: in a condition, or by calling a validator. */
function checksType(ctx: RuleContext, call: CallSite): boolean {
  const fn = call.node.ancestor(new Set(['method_declaration', 'lambda_expression', 'constructor_declaration'])) ?? ctx.model.scopeOf(call.node).node;
  let found = false;
  fn.walk((n) => {
    if (found || n.startIndex >= call.node.startIndex) return false;
    switch (n.type) {
      case 'if_statement':
      case 'ternary_expression':
      case 'while_statement':
        if (TYPE_CHECK.test(n.child('condition')?.text ?? '')) found = true;
        break;
      case 'switch_expression':
      case 'switch_statement':
        if (TYPE_CHECK.test(n.child('condition')?.text ?? '')) found = true;
        break;
      case 'method_invocation': {
        const name = n.child('name')?.text ?? '';
        if (VALIDATOR.test(name) && n.child('arguments')?.namedChildren.length) found = true;
        // Assert.isTrue(ALLOWED.contains(ext)), Preconditions.checkArgument(name.endsWith(".pdf"))
        if (/^(isTrue|checkArgument|checkState|state)$/.test(name) && TYPE_CHECK.test(n.child('arguments')?.text ?? '')) found = true;
        break;
      }
    }
    return found ? false : undefined;
  });
  return found;
}

export default defineRule(
  {
    id: 'java/unrestricted-upload',
    title: 'Upload stored under the client file name without a type check',
    cwe: ['CWE-434'],
    confidence: 'medium',
    languages: ['java'],
    description:
      'A Spring `MultipartFile` or Servlet `Part` saved under the name the client sent (`getOriginalFilename()`, `getSubmittedFileName()`) with no check of its extension or content type lets an attacker store `.jsp`, `.html`, `.svg` or executable files on the server. Served back from the application\'s origin an HTML or SVG upload runs script for other users, and in a directory the container executes (a JSP folder of the web app) it runs code on the server. Stripping directories from the name prevents path traversal, not this.',
    remediation:
      'Check the extension against an allow-list (`Set.of("pdf", "docx").contains(ext.toLowerCase())`) and verify the content type (e.g. with Apache Tika or `Files.probeContentType`) before storing, store the file under a server-generated name (`UUID.randomUUID() + "." + ext`) outside the web root, and serve it with `Content-Disposition: attachment`.',
    references: [
      'https://cwe.mitre.org/data/definitions/434.html',
      'https://owasp.org/www-community/vulnerabilities/Unrestricted_File_Upload',
      'https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html',
    ],
    example: {
      bad: 'Path target = uploads.resolve(Paths.get(file.getOriginalFilename()).getFileName());\nfile.transferTo(target);',
      good: 'String ext = FilenameUtils.getExtension(file.getOriginalFilename()).toLowerCase();\nif (!ALLOWED.contains(ext)) throw new ResponseStatusException(HttpStatus.BAD_REQUEST);\nfile.transferTo(uploads.resolve(UUID.randomUUID() + "." + ext));',
    },
    tags: ['upload', 'file'],
  },
  (ctx) => {
    const candidates: [CallSite, SyntaxNode | undefined][] = [];
    for (const [callee, i] of STATIC_SINKS) for (const call of ctx.calls(callee)) candidates.push([call, call.args[i]]);
    for (const call of ctx.model.calls) {
      if (!call.receiver || !UPLOAD_METHODS.has(call.name) || call.args.length !== 1) continue;
      // The receiver is the upload (request data), not an arbitrary writer.
      // A service method that receives the MultipartFile/Part as a parameter counts too.
      const recv = ctx.taint(call.receiver);
      if (recv.level !== 'remote' && recv.level !== 'parameter') continue;
      if (call.name === 'write' && !/part|file|upload|attachment|document|resume|image|avatar/i.test(call.receiver.text)) continue;
      // `in.transferTo(out)` copies a stream; the file it writes is the sink, checked where it is opened.
      if (streamish(ctx, call.receiver)) continue;
      candidates.push([call, call.args[0]]);
    }
    const seen = new Set<number>();
    for (const [call, dest] of candidates.sort((a, b) => a[0].node.startIndex - b[0].node.startIndex)) {
      if (seen.has(call.node.id)) continue;
      seen.add(call.node.id);
      const name = clientName(ctx, dest);
      if (!name || checksType(ctx, call)) continue;
      ctx.report(call.node, { message: `The upload is stored under the client's file name (${name.text}) without checking its extension or content type`, confidence: 'medium' });
    }
  },
);
