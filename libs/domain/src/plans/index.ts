export * from './plan-schema';
export * from './seed-status';
export * from './plan-clusters';
