export * from './test-env';
export * from './kafka-probe';
export * from './http';
export * from './mail-and-webhooks';
export * from './fixtures';
export * from './service-process';
export * from './events';
export * from './jobindsats-fake';
