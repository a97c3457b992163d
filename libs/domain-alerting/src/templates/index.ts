export * from './view';
export * from './email';
export * from './chat';
