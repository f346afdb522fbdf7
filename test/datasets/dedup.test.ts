/** Normalised tokens, shingles, Jaccard and seeded MinHash. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jaccard, MinHasher, shingles } from '../../src/datasets/minhash.ts';
import { tokenHash, tokensOf } from '../../src/datasets/tokens.ts';

test('tokens drop comments and whitespace per language and keep literals whole', () => {
  assert.deepEqual(tokensOf('x = "a # b"  # note\nif x:\n\tpass', 'python'), ['x', '=', '"a # b"', 'if', 'x', ':', 'pass']);
  assert.deepEqual(tokensOf('"""doc\n# kept"""\ny=1.5', 'python'), ['"""doc\n# kept"""', 'y', '=', '1.5']);
  assert.deepEqual(tokensOf('let s = `a // b`; // gone\n/* gone\n too */ f(s)', 'javascript'), ['let', 's', '=', '`a // b`', ';', 'f', '(', 's', ')']);
  assert.deepEqual(tokensOf('a # b // c'), ['a', '#', 'b', '/', '/', 'c']);
  assert.equal(tokenHash(tokensOf('a=1 # x', 'python')), tokenHash(tokensOf('a = 1', 'python')));
  assert.notEqual(tokenHash(tokensOf('a = 1', 'python')), tokenHash(tokensOf('b = 1', 'python')));
});

test('shingles are token 5-grams; Jaccard is exact', () => {
  assert.equal(shingles(['a', 'b', 'c']).size, 1);
  assert.equal(shingles(['a', 'b', 'c', 'd', 'e', 'f', 'g']).size, 3);
  assert.equal(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd'])), 0.5);
  assert.equal(jaccard(new Set(), new Set()), 1);
});

test('MinHash signatures are 128 values, fixed by the seed', () => {
  const set = shingles('one two three four five six seven eight'.split(' '));
  const a = new MinHasher(1).signature(set);
  assert.equal(a.length, 128);
  assert.deepEqual(new MinHasher(1).signature(set), a);
  assert.notDeepEqual(new MinHasher(2).signature(set), a);
  assert.equal(new MinHasher(1).bands(a).length, 16);
});
