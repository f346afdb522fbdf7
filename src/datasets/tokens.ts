/**
 * Normalised tokens, the unit of duplicate detection. For code: comments and whitespace are
 * dropped (`#` comments in Python; `//` and `/* *\/` in the C-family languages); identifiers,
 * keywords, numbers and string literals are kept verbatim, so a renamed variable is not an exact
 * duplicate (the near-duplicate check catches it); every other character is a token of its own.
 * For prose (prompts) nothing is treated as a comment.
 */
import { createHash } from 'node:crypto';
import type { Language } from '../core/types.ts';

const IDENT_START = /[A-Za-z_$]/;
const IDENT = /[\w$]/;
const DIGIT = /[0-9]/;

/** The tokens of a text; `language` undefined means prose (no comment syntax). */
export function tokensOf(text: string, language?: Language): string[] {
  const hashComments = language === 'python';
  const slashComments = language !== undefined && language !== 'python';
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      i++;
    } else if ((hashComments && c === '#') || (slashComments && c === '/' && text[i + 1] === '/')) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
    } else if (slashComments && c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      const start = i;
      const triple = language === 'python' && text.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      i += close.length;
      while (i < n && !text.startsWith(close, i)) {
        if (text[i] === '\\') i++;
        else if (!triple && c !== '`' && text[i] === '\n') break;
        i++;
      }
      i = Math.min(n, i + (text.startsWith(close, i) ? close.length : 0));
      out.push(text.slice(start, i));
    } else if (IDENT_START.test(c) || DIGIT.test(c)) {
      const start = i;
      while (i < n && (IDENT.test(text[i]!) || (DIGIT.test(c) && text[i] === '.'))) i++;
      out.push(text.slice(start, i));
    } else {
      out.push(c);
      i++;
    }
  }
  return out;
}

/** sha256 of a token sequence (tokens joined by U+0001), hex. */
export function tokenHash(tokens: readonly string[]): string {
  return createHash('sha256').update(tokens.join('\u0001')).digest('hex');
}
