/** The typed error of the chart builders. */
import { SecfixError } from '../../core/errors.ts';

/** Chart input that cannot be drawn honestly: a rate outside [0, 1], an interval that does not hold its rate, a cell outside the grid. */
export class ChartError extends SecfixError {}
