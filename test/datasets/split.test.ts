/** The stratified split: sizes per stratum by the documented rule, seeded and reproducible. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Language } from '../../src/core/types.ts';
import type { Example } from '../../src/datasets/example.ts';
import { cutSizes, DEFAULT_RATIOS, parseRatios, splitExamples, stratumOf } from '../../src/datasets/split.ts';

function mk(id: string, cwe: string[], language: Language): Example {
  return { id, source: 't', kind: 'generation', language, cwe, prompt: `p ${id}`, secure: `s ${id}`, provenance: {} };
}

/** 21 examples in five strata: 10 CWE-89/python, 5 CWE-22/java, 3 CWE-78/python, 2 CWE-79/javascript, 1 without CWE in go. */
function corpus(): Example[] {
  const out: Example[] = [];
  const add = (n: number, cwe: string[], language: Language, tag: string) => {
    for (let i = 0; i < n; i++) out.push(mk(`${tag}-${String(i).padStart(2, '0')}`, cwe, language));
  };
  add(10, ['CWE-89', 'CWE-20'], 'python', 'sql');
  add(5, ['CWE-22'], 'java', 'path');
  add(3, ['CWE-78'], 'python', 'cmd');
  add(2, ['CWE-79'], 'javascript', 'xss');
  add(1, [], 'go', 'none');
  return out;
}

test('cut sizes: max(1, round(n·ratio)) for validation and test from n = 3, train keeps at least one, smaller strata all train', () => {
  const d = DEFAULT_RATIOS;
  assert.deepEqual([1, 2, 3, 4, 5, 10, 14, 15, 20].map((n) => cutSizes(n, d)), [
    { validation: 0, test: 0 },
    { validation: 0, test: 0 },
    { validation: 1, test: 1 },
    { validation: 1, test: 1 },
    { validation: 1, test: 1 }, // round(0.5) = 1
    { validation: 1, test: 1 },
    { validation: 1, test: 1 }, // round(1.4) = 1
    { validation: 2, test: 2 }, // round(1.5) = 2
    { validation: 2, test: 2 },
  ]);
  assert.deepEqual(cutSizes(3, { train: 0.8, validation: 0.2, test: 0 }), { validation: 1, test: 0 });
  // 0.2/0.4/0.4 of 4 is 2 + 2, leaving train nothing: the larger cut (test on a tie) gives one back
  assert.deepEqual(cutSizes(4, { train: 0.2, validation: 0.4, test: 0.4 }), { validation: 2, test: 1 });
  assert.deepEqual(cutSizes(3, { train: 0.2, validation: 0.4, test: 0.4 }), { validation: 1, test: 1 });
});

test('the default split of 21 examples: 15 / 3 / 3, every stratum of three or more in all splits, the same for the same seed', () => {
  const examples = corpus();
  const s = splitExamples(examples, DEFAULT_RATIOS, 7);
  assert.deepEqual([s.train.length, s.validation.length, s.test.length], [15, 3, 3]);
  const per = (list: Example[]) => {
    const m: Record<string, number> = {};
    for (const e of list) m[stratumOf(e)] = (m[stratumOf(e)] ?? 0) + 1;
    return m;
  };
  assert.deepEqual(per(s.train), { 'CWE-89/python': 8, 'CWE-22/java': 3, 'CWE-78/python': 1, 'CWE-79/javascript': 2, 'none/go': 1 });
  assert.deepEqual(per(s.validation), { 'CWE-89/python': 1, 'CWE-22/java': 1, 'CWE-78/python': 1 });
  assert.deepEqual(per(s.test), { 'CWE-89/python': 1, 'CWE-22/java': 1, 'CWE-78/python': 1 });
  // each split is sorted by id, and nothing is lost or repeated
  assert.deepEqual([...s.train, ...s.validation, ...s.test].map((e) => e.id).sort(), examples.map((e) => e.id).sort());
  for (const list of [s.train, s.validation, s.test]) assert.deepEqual(list.map((e) => e.id), list.map((e) => e.id).sort());

  // reproducible, whatever the input order; another seed picks other members
  assert.deepEqual(splitExamples([...examples].reverse(), DEFAULT_RATIOS, 7), s);
  const other = splitExamples(examples, DEFAULT_RATIOS, 8);
  assert.deepEqual([other.train.length, other.validation.length, other.test.length], [15, 3, 3]);
  assert.notDeepEqual([...other.validation, ...other.test].map((e) => e.id), [...s.validation, ...s.test].map((e) => e.id));
});

test('--split ratios are parsed and checked', () => {
  assert.deepEqual(parseRatios('0.7, 0.2, 0.1'), { train: 0.7, validation: 0.2, test: 0.1 });
  assert.throws(() => parseRatios('0.8,0.2'), /three non-negative numbers/);
  assert.throws(() => parseRatios('0.8,0.3,0.1'), /must sum to 1/);
  assert.throws(() => parseRatios('0,0.5,0.5'), /train ratio must be above 0/);
  assert.throws(() => parseRatios('1.2,-0.1,-0.1'), /non-negative/);
});
