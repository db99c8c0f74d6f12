export * from './event-probe';
export * from './queue-reader';
