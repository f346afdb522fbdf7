/**
 * Special functions and distributions the tests need, written out so the library has no
 * dependencies. Accuracy is about 1e-14 relative in the ranges secfix uses (counts up to 10,000).
 */
import { StatsError, assertCount } from './errors.ts';

// Lanczos approximation, g = 7, 9 coefficients (the widely published set; ~15 significant digits).
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * ln Γ(x) for x > 0, by the Lanczos approximation
 *   Γ(x+1) = √(2π) (x + g + ½)^(x+½) e^−(x+g+½) A_g(x),
 * with the reflection Γ(x)Γ(1−x) = π / sin(πx) below ½.
 */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new StatsError(`logGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln C(n, k) = ln Γ(n+1) − ln Γ(k+1) − ln Γ(n−k+1); −∞ when k is outside 0..n. */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  if (k === 0 || k === n) return 0;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

// Below this n, C(n, k)·(n−k) stays under 2^53, so binomial coefficients are exact integers.
const EXACT_N = 50;

/** C(n, k) as an exact integer for n ≤ 50 (multiplicative formula). */
function exactChoose(n: number, k: number): number {
  let c = 1;
  const m = Math.min(k, n - k);
  for (let i = 0; i < m; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

/**
 * Binomial probability P(X = k), X ~ Bin(n, p):  C(n,k) p^k (1−p)^(n−k).
 * Exact integers for C(n,k) when n ≤ 50 (so p = ½ gives exact dyadic values), logs beyond.
 */
export function binomialPmf(k: number, n: number, p: number): number {
  assertCount(n, 'binomial n');
  if (!(p >= 0 && p <= 1)) throw new StatsError(`binomial p must be in [0, 1], got ${p}`);
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  if (n <= EXACT_N) return exactChoose(n, k) * p ** k * (1 - p) ** (n - k);
  return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** Binomial cumulative probability P(X ≤ k) = Σ_{i=0..k} pmf(i), capped at 1; 0 for k < 0, 1 for k ≥ n. */
export function binomialCdf(k: number, n: number, p: number): number {
  assertCount(n, 'binomial n');
  if (k < 0) return 0;
  if (k >= n) return 1;
  const top = Math.floor(k);
  let sum = 0;
  // Each term comes from logs (n > 50), so no intermediate over- or underflows even at n = 10,000.
  for (let i = 0; i <= top; i++) sum += binomialPmf(i, n, p);
  return Math.min(1, sum);
}

const MAX_ITER = 10_000;
const EPS = 1e-16;

/** Series for P(a, x): e^−x x^a / Γ(a) · Σ x^n / (a(a+1)…(a+n)); converges fast for x < a + 1. */
function gammaPSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITER; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Continued fraction for Q(a, x) (modified Lentz); converges fast for x ≥ a + 1. */
function gammaQFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a), for a > 0, x ≥ 0. */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new StatsError(`incomplete gamma needs a > 0 and x ≥ 0, got a=${a}, x=${x}`);
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaPSeries(a, x) : 1 - gammaQFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), computed directly in the upper tail for precision. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new StatsError(`incomplete gamma needs a > 0 and x ≥ 0, got a=${a}, x=${x}`);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaPSeries(a, x) : gammaQFraction(a, x);
}

/** Upper tail of the χ² distribution, P(χ²_df ≥ x) = Q(df/2, x/2): the p-value of a χ² statistic. */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new StatsError(`χ² needs df > 0, got ${df}`);
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}

/** Standard normal cdf Φ(z), through erf(t) = P(½, t²): Φ(z) = ½(1 + erf(z/√2)), tails kept in Q for precision. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === 0) return 0.5;
  const tail = 0.5 * regularizedGammaQ(0.5, (z * z) / 2); // = ½ erfc(|z|/√2) = P(Z > |z|)
  return z > 0 ? 1 - tail : tail;
}

// Acklam's rational approximation (|relative error| < 1.15e-9), refined below by one Halley step.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Standard normal quantile Φ⁻¹(p) for 0 < p < 1 (±∞ at 0 and 1): Acklam's approximation plus one Halley step on Φ. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new StatsError(`normal quantile needs p in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const lowCut = 0.02425;
  let x: number;
  if (p < lowCut) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p > 1 - lowCut) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
