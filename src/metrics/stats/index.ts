/** The statistics library: distributions, intervals, tests, effect sizes, adjustment and small-n warnings. */
export * from './errors.ts';
export * from './distributions.ts';
export * from './bootstrap.ts';
export * from './mcnemar.ts';
export * from './cochran-q.ts';
export * from './chi-square.ts';
export * from './effect-size.ts';
export * from './holm.ts';
export * from './small-n.ts';
