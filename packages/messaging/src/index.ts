export * from './subscription';
export * from './migrations';
export * from './outbox';
export * from './event-bus';
export * as messagingTesting from './testing';
export * from './topology';
export * from './dead-letters';
export { BrokerConnection } from './broker-connection';
export { publishConfirmed } from './publish-confirmed';
