export * from './run-seed-check';
export * from './seed-check-report';
export * from './seed-fixtures';
export * from './pipeline-settled';
