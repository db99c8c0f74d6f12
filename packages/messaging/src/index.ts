export * from './subscription';
export * from './migrations';
export * from './outbox';
export * from './event-bus';
export * as messagingTesting from './testing';
