/** Effect sizes against the formulas worked to 4 decimals. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cohensH, oddsRatio, phiCoefficient, relativeRisk, riskDifference } from '../../../src/metrics/stats/effect-size.ts';
import { StatsError } from '../../../src/metrics/stats/errors.ts';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const triple = (r: { estimate: number; low: number; high: number }) => [r4(r.estimate), r4(r.low), r4(r.high)];

test('risk difference with Newcombe’s hybrid score interval (Newcombe 1998, 56/70 vs 48/80)', () => {
  // p1 = 0.8, Wilson [0.691831, 0.876954]; p2 = 0.6, Wilson [0.490453, 0.700383]
  // δ = √((0.8 − 0.691831)² + (0.700383 − 0.6)²) = √(0.011700 + 0.010077) = 0.147570 → low 0.2 − 0.147570 = 0.0524
  // ε = √((0.876954 − 0.8)² + (0.6 − 0.490453)²) = √(0.005922 + 0.012001) = 0.133875 → high 0.3339
  assert.deepEqual(triple(riskDifference({ successes: 56, n: 70 }, { successes: 48, n: 80 })), [0.2, 0.0524, 0.3339]);
});

test('risk difference at the edges', () => {
  // All successes in both: d = 0; Wilson(10, 10) = [0.7225, 1] → δ = √((1 − 0.7225)² + 0) = 0.2775, ε likewise
  assert.deepEqual(triple(riskDifference({ successes: 10, n: 10 }, { successes: 10, n: 10 })), [0, -0.2775, 0.2775]);
  // All failures in both: mirror image
  assert.deepEqual(triple(riskDifference({ successes: 0, n: 10 }, { successes: 0, n: 10 })), [0, -0.2775, 0.2775]);
  // 10/10 vs 0/10: d = 1; δ = √(0.2775² + 0.2775²) = 0.3925 → low 0.6075; ε = 0 → high 1
  assert.deepEqual(triple(riskDifference({ successes: 10, n: 10 }, { successes: 0, n: 10 })), [1, 0.6075, 1]);
  const empty = riskDifference({ successes: 0, n: 0 }, { successes: 3, n: 10 });
  assert.ok(Number.isNaN(empty.estimate));
  assert.deepEqual([empty.low, empty.high, empty.note], [-1, 1, 'a group is empty']);
});

test('relative risk and odds ratio, 10/20 vs 5/20', () => {
  // RR = 0.5/0.25 = 2; SE(ln RR) = √(1/10 − 1/20 + 1/5 − 1/20) = √0.2 = 0.447214; 1.96·SE = 0.876539
  // → 2·e^∓0.876539 = [0.8324, 4.8051]
  const rr = relativeRisk({ successes: 10, n: 20 }, { successes: 5, n: 20 });
  assert.deepEqual(triple(rr), [2, 0.8324, 4.8051]);
  assert.equal(rr.corrected, false);
  assert.equal(rr.note, undefined);
  // OR = (10·15)/(10·5) = 3; SE(ln OR) = √(1/10 + 1/10 + 1/5 + 1/15) = 0.683130; 1.96·SE = 1.338935
  // → 3·e^∓1.338935 = [0.7864, 11.4449]
  assert.deepEqual(triple(oddsRatio({ successes: 10, n: 20 }, { successes: 5, n: 20 })), [3, 0.7864, 11.4449]);
});

test('a zero cell gets the Haldane–Anscombe correction', () => {
  // 0/10 vs 5/10 → cells 0.5, 10.5, 5.5, 5.5 (n1 = n2 = 11)
  // RR = (0.5/11)/(5.5/11) = 1/11 = 0.0909; SE = √(1/0.5 − 1/11 + 1/5.5 − 1/11) = √2 = 1.414214
  // → (1/11)·e^∓2.771859 = [0.0057, 1.4535]
  const rr = relativeRisk({ successes: 0, n: 10 }, { successes: 5, n: 10 });
  assert.deepEqual(triple(rr), [0.0909, 0.0057, 1.4535]);
  assert.equal(rr.corrected, true);
  assert.match(rr.note ?? '', /Haldane–Anscombe/);
  // OR = (0.5·5.5)/(10.5·5.5) = 1/21 = 0.0476; SE = √(2 + 1/10.5 + 2/5.5) = 1.568080; 1.96·SE = 3.073437
  // → (1/21)·e^∓3.073437 = [0.0022, 1.0293]
  const or = oddsRatio({ successes: 0, n: 10 }, { successes: 5, n: 10 });
  assert.deepEqual(triple(or), [0.0476, 0.0022, 1.0293]);
  assert.equal(or.corrected, true);
  // All successes in one group also has a zero cell (its failures).
  assert.equal(oddsRatio({ successes: 10, n: 10 }, { successes: 5, n: 10 }).corrected, true);
  const none = relativeRisk({ successes: 0, n: 0 }, { successes: 1, n: 2 });
  assert.ok(Number.isNaN(none.estimate));
  assert.equal(none.note, 'a group is empty');
});

test('Cohen’s h and phi', () => {
  // h = 2·asin(√0.5) − 2·asin(0) = 2·π/4 = π/2; 2·asin(1) = π
  assert.ok(Math.abs(cohensH(0.5, 0) - Math.PI / 2) < 1e-15);
  assert.equal(cohensH(1, 0), Math.PI);
  assert.equal(cohensH(0.3, 0.3), 0);
  assert.equal(cohensH(0, 1), -Math.PI);
  // φ = (3·3 − 1·1)/√(4·4·4·4) = 8/16 = 0.5 (= Cramér's V of the same table)
  assert.equal(
    phiCoefficient([
      [3, 1],
      [1, 3],
    ]),
    0.5,
  );
  assert.equal(
    phiCoefficient([
      [0, 5],
      [5, 0],
    ]),
    -1,
  );
  assert.ok(
    Number.isNaN(
      phiCoefficient([
        [5, 0],
        [7, 0],
      ]),
    ),
  ); // a zero column margin
});

test('invalid inputs are typed errors', () => {
  assert.throws(() => riskDifference({ successes: 11, n: 10 }, { successes: 1, n: 10 }), StatsError);
  assert.throws(() => oddsRatio({ successes: -1, n: 10 }, { successes: 1, n: 10 }), StatsError);
  assert.throws(() => cohensH(1.2, 0), StatsError);
});
