export * from './municipalities';
export * from './series';
export * from './period';
export * from './figure';
export * from './indicators';
export * from './goal';
export * from './format';
export * from './engine';
