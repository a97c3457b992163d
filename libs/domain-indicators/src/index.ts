// Indicators: the catalogue and its formulas, derived values, benchmarks, their bases and schedule, clusters.
export * from './indicators';
export * from './derived-values';
export * from './development';
export * from './benchmarks';
export * from './benchmark-basis';
export * from './benchmark-schedule';
export * from './clusters';
