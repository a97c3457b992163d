// Figures in: a figure's validation, CSV and Jobindsats parsing, and the data-quality checks (ingest).
export * from './figure';
export * from './imports';
export * from './quality';
