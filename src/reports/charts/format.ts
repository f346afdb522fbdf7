/** Number formats and orderings shared by the chart builders. */

/** A share as a whole percentage: 0.456 → "46%". */
export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** A signed percentage change with one decimal: -12.34 → "−12.3%", 5 → "+5.0%". */
export function signedPct(x: number): string {
  const r = Math.round(x * 10) / 10;
  if (r === 0) return '0.0%';
  return `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(1)}%`;
}

/** A number with at most two decimals and no trailing zeros: 12.5 → "12.5", 3 → "3". */
export function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** The distinct values in order of first appearance, so the caller decides the chart's order. */
export function firstSeen<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
