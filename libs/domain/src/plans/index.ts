export * from './plan-schema';
export * from './seed-status';
