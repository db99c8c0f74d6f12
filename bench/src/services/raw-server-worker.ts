import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { POOL_MAX, rawInsertApp } from '../scenarios/raw-http-insert';

/**
 * B1c's server: the raw baseline of B1a (express, one pg insert) in a process of its own, as B5's services
 * run, so that its CPU can be read apart from the bench's. It answers the port it listens on and runs until
 * the bench disconnects.
 */
process.once('message', (databaseUrl: string) => {
  const pool = new Pool({ connectionString: databaseUrl, max: POOL_MAX });
  rawInsertApp(pool).then(
    (app) => {
      const server = app.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
    },
    (error: unknown) => process.send?.({ error: String(error) }, () => process.exit(1)),
  );
});
process.once('disconnect', () => process.exit(0));
