export * from './report-period';
export * from './report-model';
export * from './report-chart';
