export * from './plan-schema';
export * from './seed-status';
export * from './seed-check';
export * from './plan-clusters';
