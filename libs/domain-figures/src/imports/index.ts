export * from './danish-number';
export * from './csv-row';
export * from './jobindsats';
