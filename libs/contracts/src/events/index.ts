export * from './common';
export * from './figure-recorded';
export * from './indicator-computed';
export * from './goal-evaluated';
export * from './data-quality';
export * from './notifications';
export * from './goal-corrected';
export * from './plan-clusters';
