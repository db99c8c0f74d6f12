export * from './event-probe';
