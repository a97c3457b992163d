export * from './asyncapi';
export * from './event-schemas';
export * from './events-html';
export * from './generated-docs';
