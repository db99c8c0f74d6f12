import { createTestDatabase, type TestDatabase } from './test-database';
import { createTestVhost, type TestVhost } from './rabbit-admin';

export interface TestService<S> {
  service: S;
  baseUrl: string;
  db: TestDatabase;
  vhost: TestVhost;
  /** Stops the service, then drops its vhost and database unless the caller gave them. */
  close(): Promise<void>;
}

export interface TestServiceOptions {
  /** The database role the service connects as, e.g. 'videos_service'. */
  role: string;
  /** The service's own settings for the test, over the ones every service gets. */
  env?: NodeJS.ProcessEnv;
  /** A database the caller created and drops: several services, or replicas of one, on one platform. */
  db?: TestDatabase;
  /** A vhost the caller created and drops, shared the same way. */
  vhost?: TestVhost;
}

/**
 * A service's real composition root on a random port, with a database and a vhost of its own (or the ones
 * the caller shares): what an acceptance test starts in beforeAll and closes in afterAll. TEST_LOG_LEVEL
 * shows its logs.
 */
export async function startTestService<S extends { port: number; stop(): Promise<void> }>(
  start: (env: NodeJS.ProcessEnv) => Promise<S>,
  options: TestServiceOptions,
): Promise<TestService<S>> {
  const db = options.db ?? (await createTestDatabase());
  const vhost = options.vhost ?? (await createTestVhost());
  const dropOwn = async () => {
    if (!options.vhost) await vhost.drop();
    if (!options.db) await db.drop();
  };
  let service: S;
  try {
    service = await start({
      PORT: '0',
      DATABASE_URL: db.urlFor(options.role),
      RABBITMQ_URL: vhost.url,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...options.env,
    });
  } catch (error) {
    await dropOwn();
    throw error;
  }
  return {
    service,
    baseUrl: `http://127.0.0.1:${service.port}`,
    db,
    vhost,
    close: async () => {
      await service.stop();
      await dropOwn();
    },
  };
}
