export * from './topics';
export * from './topic-visibility';
export * from './events';
export * from './registry';
export * from './envelope';
export * from './webhook-signature';
export * from './cloudevents';
export * from './docs';
