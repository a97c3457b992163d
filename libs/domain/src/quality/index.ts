export * from './checks';
export * from './robust-statistics';
export * from './review';
