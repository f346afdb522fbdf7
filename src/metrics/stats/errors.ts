/** Typed errors of the statistics library. */
import { SecfixError } from '../../core/errors.ts';

/** Input a statistic cannot be computed from: negative or fractional counts, ragged tables, p-values outside [0, 1]. */
export class StatsError extends SecfixError {}

/** Throws a StatsError unless `x` is a non-negative integer (a count). */
export function assertCount(x: number, what: string): void {
  if (!Number.isInteger(x) || x < 0) throw new StatsError(`${what} must be a non-negative integer, got ${x}`);
}
