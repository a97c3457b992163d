// The shared kernel: what several contexts speak of (periods, months, municipalities, series, number
// formats, contact channels and their masking). It depends on no other lib of ours.
export * from './period';
export * from './months';
export * from './municipalities';
export * from './series';
export * from './format';
export * from './median';
export * from './contacts';
export * from './masking';
export * from './text';
export * from './plausibility';
