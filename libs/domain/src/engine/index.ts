export * from './rules';
export * from './months';
export * from './trend';
export * from './hysteresis';
export * from './evaluate';
export * from './explain';
export * from './transitions';
export * from './describe-rule';
