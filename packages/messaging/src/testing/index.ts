export * from './event-probe';
export * from './queue-reader';
export * from './envelope-of';
export * from './service-under-test';
export * from './consumed-count';
export * from './everything-published-for';
