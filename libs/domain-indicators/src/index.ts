// Indicators: the catalogue and its formulas, derived values, benchmarks and their bases, clusters.
export * from './indicators';
export * from './derived-values';
export * from './development';
export * from './benchmarks';
export * from './benchmark-basis';
export * from './clusters';
