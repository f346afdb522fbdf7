/** Special functions against closed forms computed by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  binomialCdf,
  binomialPmf,
  chiSquareSurvival,
  logChoose,
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedGammaP,
  regularizedGammaQ,
} from '../../../src/metrics/stats/distributions.ts';
import { StatsError } from '../../../src/metrics/stats/errors.ts';

const close = (actual: number, expected: number, tol = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);

test('logGamma matches factorials and Γ(½) = √π', () => {
  close(logGamma(1), 0);
  close(logGamma(2), 0);
  close(logGamma(10), Math.log(362880)); // 9! = 362880
  close(logGamma(0.5), Math.log(Math.sqrt(Math.PI))); // 0.5723649429247001
  close(logGamma(0.25), Math.log(Math.PI / Math.sin(Math.PI / 4)) - logGamma(0.75)); // reflection
  close(logChoose(10, 3), Math.log(120));
  assert.equal(logChoose(5, 6), -Infinity);
  assert.throws(() => logGamma(0), StatsError);
});

test('incomplete gamma: P(1, x) = 1 − e^−x; χ² on 2 df is e^−x/2; on 1 df it is erfc(√(x/2))', () => {
  close(regularizedGammaP(1, 0.5), 1 - Math.exp(-0.5));
  close(regularizedGammaP(1, 5), 1 - Math.exp(-5)); // continued-fraction branch (x ≥ a + 1)
  close(regularizedGammaQ(1, 30), Math.exp(-30), 1e-10);
  assert.equal(regularizedGammaP(3, 0), 0);
  assert.equal(regularizedGammaQ(3, 0), 1);
  close(chiSquareSurvival(4.5, 2), Math.exp(-2.25)); // 0.10539922456186433
  close(chiSquareSurvival(20, 2), Math.exp(-10));
  // χ²₁ ≥ 2 ⇔ |Z| ≥ √2: 2·(1 − Φ(√2)) = erfc(1) = 0.157299207050285…
  close(chiSquareSurvival(2, 1), 0.15729920705028513);
  // χ² on 4 df: Q(2, x/2) = e^−x/2 (1 + x/2); at x = 6: 4·e^−3
  close(chiSquareSurvival(6, 4), 4 * Math.exp(-3));
  assert.equal(chiSquareSurvival(0, 3), 1);
});

test('normal cdf and quantile', () => {
  assert.equal(normalCdf(0), 0.5);
  close(normalCdf(1.959963984540054), 0.975);
  close(normalCdf(-1.959963984540054), 0.025);
  close(normalCdf(1) + normalCdf(-1), 1);
  // far tail kept to relative precision, not rounded to 0: Φ(−10) = 7.6198530241605e-24
  assert.ok(Math.abs(normalCdf(-10) / 7.6198530241605e-24 - 1) < 1e-9);
  close(normalQuantile(0.975), 1.959963984540054);
  close(normalQuantile(0.5), 0);
  close(normalQuantile(0.001), -normalQuantile(0.999), 1e-9);
  close(normalCdf(normalQuantile(1e-10)), 1e-10, 1e-9);
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  assert.throws(() => normalQuantile(1.5), StatsError);
});

test('binomial pmf and cdf, exact for small n', () => {
  assert.equal(binomialPmf(3, 10, 0.5), 120 / 1024); // C(10,3)/2^10 = 0.1171875
  assert.equal(binomialCdf(2, 4, 0.5), 11 / 16); // (1 + 4 + 6)/16
  assert.equal(binomialCdf(1, 8, 0.5), 9 / 256);
  close(binomialPmf(2, 5, 0.3), 10 * 0.09 * 0.343); // C(5,2)·0.3²·0.7³ = 0.3087
  assert.equal(binomialPmf(0, 5, 0), 1);
  assert.equal(binomialPmf(5, 5, 1), 1);
  assert.equal(binomialPmf(6, 5, 0.5), 0);
  assert.equal(binomialCdf(-1, 5, 0.5), 0);
  assert.equal(binomialCdf(5, 5, 0.5), 1);
  assert.equal(binomialCdf(0, 0, 0.5), 1); // n = 0: X = 0 surely
  assert.throws(() => binomialPmf(1, 5, 1.2), StatsError);
  assert.throws(() => binomialCdf(1, -5, 0.5), StatsError);
});

test('binomial stays stable at n = 10,000', () => {
  // Stirling: P(X = n/2) ≈ √(2/(πn))·(1 − 1/(4n)) = 0.0079788456·0.999975 = 0.00797864614
  close(binomialPmf(5000, 10000, 0.5), 0.00797864614, 1e-9);
  // By symmetry P(X ≤ 5000) = ½ + P(X = 5000)/2 and P(X ≤ 4999) = ½ − P(X = 5000)/2
  const mode = binomialPmf(5000, 10000, 0.5);
  close(binomialCdf(5000, 10000, 0.5), 0.5 + mode / 2, 1e-11);
  close(binomialCdf(4999, 10000, 0.5), 0.5 - mode / 2, 1e-11);
  // All the mass is there: P(X ≤ n − 1) = 1 − 0.3^10000 ≈ 1
  close(binomialCdf(9999, 10000, 0.3), 1, 1e-10);
  assert.ok(Number.isFinite(binomialPmf(3000, 10000, 0.3)) && binomialPmf(3000, 10000, 0.3) > 0);
});
