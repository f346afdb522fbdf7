/** Number and rate formatting shared by every report format. */
import type { Rate } from '../metrics/metrics.ts';

/** "80%"; "–" for no data. */
export function pct(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined ? '–' : `${(x * 100).toFixed(digits)}%`;
}

/** "4 of 5 (80%, 95% CI 38–96%)": a rate with its n and Wilson interval. */
export function rateText(r: Rate): string {
  if (!r.n) return `${r.k} of 0 (no data)`;
  return `${r.k} of ${r.n} (${pct(r.rate)}, 95% CI ${Math.round(r.ci.low * 100)}–${pct(r.ci.high)})`;
}

/** "80% [38–96] n=5": the compact form for table cells. */
export function rateCell(r: Rate): string {
  if (!r.n) return 'n=0';
  return `${pct(r.rate)} [${Math.round(r.ci.low * 100)}–${Math.round(r.ci.high * 100)}] n=${r.n}`;
}

/** A number with at most `digits` decimals, without trailing zeros; "–" for none. */
export function num(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return String(Math.round(x * 10 ** digits) / 10 ** digits);
}

/** "+6.3%" / "−2%" for changes; "–" for none. */
export function signed(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined) return '–';
  const v = Math.round(x * 10 ** digits) / 10 ** digits;
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v)}%`;
}

/** p-values as papers print them: "< 0.001", else three decimals. */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** "$0.0003"; "–" without a price. */
export function usd(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : `$${x < 1 ? x.toFixed(4) : x.toFixed(2)}`;
}
