export * from './checks';
export * from './robust-statistics';
export * from './review';
export * from './printed-table';
