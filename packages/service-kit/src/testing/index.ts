export * from './eventually';
export * from './test-database';
export * from './rabbit-admin';
export * from './migrated-database';
export * from './test-service';
export * from './http-call';
export * from './metric-value';
