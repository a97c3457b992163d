export * from './plan-schema';
