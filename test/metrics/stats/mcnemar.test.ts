/** Exact McNemar against binomial tails computed by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discordantCounts, mcnemar, type Binary } from '../../../src/metrics/stats/mcnemar.ts';
import { StatsError } from '../../../src/metrics/stats/errors.ts';

test('b = 1, c = 7', () => {
  // X ~ Bin(8, ½): P(X ≤ 1) = (C(8,0) + C(8,1))/2^8 = (1 + 8)/256
  // p = 2·9/256 = 0.0703125; mid-p = 18/256 − P(X = 1) = (18 − 8)/256 = 0.0390625; χ² = 36/8 = 4.5
  assert.deepEqual(mcnemar({ b: 1, c: 7 }), { b: 1, c: 7, n: 8, pValue: 0.0703125, midP: 0.0390625, statistic: 4.5 });
  // Symmetric in b and c.
  assert.equal(mcnemar({ b: 7, c: 1 }).pValue, 0.0703125);
});

test('from [before, after] pairs; concordant pairs do not count', () => {
  const pairs: Array<[Binary, Binary]> = [
    [1, 0],
    ...Array.from({ length: 7 }, (): [Binary, Binary] => [0, 1]),
    [1, 1],
    [0, 0],
    [true, true],
  ];
  assert.deepEqual(discordantCounts(pairs), { b: 1, c: 7 });
  assert.equal(mcnemar(pairs).pValue, 0.0703125);
  assert.equal(mcnemar([[true, false]]).pValue, 1); // Bin(1, ½): 2·P(X ≤ 0) = 2·½ = 1
});

test('b = 0, c = 5: the smallest p five pairs can give', () => {
  // 2·P(X = 0) = 2/32 = 0.0625; mid-p = 2/32 − 1/32 = 0.03125
  const r = mcnemar({ b: 0, c: 5 });
  assert.equal(r.pValue, 0.0625);
  assert.equal(r.midP, 0.03125);
  assert.equal(r.statistic, 5);
});

test('balanced changes give p = 1 (capped), mid-p = 1', () => {
  // b = c = 3: 2·P(X ≤ 3), X ~ Bin(6, ½) = 2·42/64 > 1 → 1; mid-p = (84 − 20)/64 = 1
  assert.deepEqual(mcnemar({ b: 3, c: 3 }), { b: 3, c: 3, n: 6, pValue: 1, midP: 1, statistic: 0 });
});

test('no discordant pairs: p = 1 and no statistic', () => {
  assert.deepEqual(mcnemar({ b: 0, c: 0 }), { b: 0, c: 0, n: 0, pValue: 1, midP: 1 });
  assert.deepEqual(mcnemar([]), { b: 0, c: 0, n: 0, pValue: 1, midP: 1 });
  assert.deepEqual(mcnemar([[1, 1], [0, 0]]), { b: 0, c: 0, n: 0, pValue: 1, midP: 1 });
});

test('larger counts use the log path and stay consistent', () => {
  // b = 40, c = 60, n = 100: p = 2·P(X ≤ 40) ≈ 0.0569 (normal approx. with continuity:
  // z = (|40 − 50| − 0.5)/5 = 1.9 → 2·(1 − Φ(1.9)) = 0.0574)
  const r = mcnemar({ b: 40, c: 60 });
  assert.ok(Math.abs(r.pValue - 0.0568879336) < 1e-9);
  assert.ok(r.midP < r.pValue);
  assert.equal(r.statistic, 4); // (40 − 60)²/100
});

test('invalid counts are typed errors', () => {
  assert.throws(() => mcnemar({ b: -1, c: 2 }), StatsError);
  assert.throws(() => mcnemar({ b: 1.5, c: 2 }), StatsError);
});

test('equal b and c at n = 10,000 give exactly 1', () => {
  assert.deepEqual(mcnemar({ b: 5000, c: 5000 }), { b: 5000, c: 5000, n: 10000, pValue: 1, midP: 1, statistic: 0 });
  // b = 4800, c = 5200: (b − c)²/n = 16; z = 4 gives a two-sided normal p of 6.3e−5; the exact p is close to it
  const r = mcnemar({ b: 4800, c: 5200 });
  assert.equal(r.statistic, 16);
  assert.ok(r.pValue > 6e-5 && r.pValue < 7e-5);
});
