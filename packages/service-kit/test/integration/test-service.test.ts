import { Counter, Registry } from 'prom-client';
import { createHttpApp, createLogger, listen, testing } from '../../src';
import { databaseExists } from '../support/database-exists';

// The helpers every service's acceptance and integration tests start from.

const vhostExists = async (name: string) =>
  (await new testing.RabbitAdmin().request<Array<{ name: string }>>('GET', '/vhosts')).some((vhost) => vhost.name === name);

/** A stand-in composition root: serves the shared app with one labelled counter, and shows the env it got. */
async function fakeStart(env: NodeJS.ProcessEnv) {
  const metrics = new Registry();
  const consumed = new Counter({ name: 'things_total', help: 'Things', labelNames: ['kind'], registers: [metrics] });
  consumed.inc({ kind: 'kept' }, 2);
  const logger = createLogger({ service: 'fake', level: 'silent' });
  const http = await listen(createHttpApp({ service: 'fake', logger, metrics, routes: [], readiness: [] }), Number(env.PORT));
  return { port: http.port, env, stop: () => http.close() };
}

describe('startTestService', () => {
  it('starts the service on a random port with its own database and vhost, and closes all three', async () => {
    const running = await testing.startTestService(fakeStart, { role: 'users_service', env: { LOG_LEVEL: 'warn', EXTRA: 'yes' } });
    const { env } = running.service;
    expect(env).toEqual({
      PORT: '0',
      DATABASE_URL: running.db.urlFor('users_service'),
      RABBITMQ_URL: running.vhost.url,
      LOG_LEVEL: 'warn',
      EXTRA: 'yes',
    });
    expect(running.baseUrl).toBe(`http://127.0.0.1:${running.service.port}`);

    const health = await testing.call(running.baseUrl, 'GET', '/health');
    expect(health).toMatchObject({
      status: 200,
      contentType: expect.stringMatching(/^application\/json/),
      body: { status: 'up', service: 'fake' },
    });
    expect(health.correlationId).toEqual(health.headers.get('x-correlation-id'));
    expect(await testing.metricValue(running, 'things_total', { kind: 'kept' })).toBe(2);
    expect(await testing.metricValue(running, 'things_total', { kind: 'lost' })).toBe(0);

    await running.close();
    await expect(fetch(`${running.baseUrl}/health`)).rejects.toThrow();
    expect([await databaseExists(running.db.name), await vhostExists(running.vhost.name)]).toEqual([false, false]);
  });

  it('drops the database and vhost again when the service fails to start', async () => {
    let seen: NodeJS.ProcessEnv = {};
    const failing = async (env: NodeJS.ProcessEnv): Promise<{ port: number; stop(): Promise<void> }> => {
      seen = env;
      throw new Error('bad wiring');
    };
    await expect(testing.startTestService(failing, { role: 'videos_service' })).rejects.toThrow('bad wiring');
    const database = new URL(seen.DATABASE_URL ?? '').pathname.slice(1);
    const vhost = new URL(seen.RABBITMQ_URL ?? '').pathname.slice(1);
    expect([await databaseExists(database), await vhostExists(vhost)]).toEqual([false, false]);
  });

  it('runs in a database and vhost the caller shares, and leaves them to the caller', async () => {
    const db = await testing.createTestDatabase();
    const vhost = await testing.createTestVhost();
    try {
      const first = await testing.startTestService(fakeStart, { role: 'courses_service', db, vhost });
      const second = await testing.startTestService(fakeStart, { role: 'users_service', db, vhost });
      expect([first.db, first.vhost, second.db, second.vhost]).toEqual([db, vhost, db, vhost]);
      expect(second.service.env).toMatchObject({ DATABASE_URL: db.urlFor('users_service'), RABBITMQ_URL: vhost.url });
      await first.close();
      await second.close();
      expect([await databaseExists(db.name), await vhostExists(vhost.name)]).toEqual([true, true]);
    } finally {
      await vhost.drop();
      await db.drop();
    }
  });
});

describe('createMigratedDatabase', () => {
  it("applies one service's migrations as its role, and drops the database on close", async () => {
    const migrations = [
      { name: '001-notes', up: async (knex: testing.MigratedDatabase['knex']) => knex.schema.createTable('notes', (t) => t.text('text')) },
    ];
    const database = await testing.createMigratedDatabase({ role: 'courses_service', schema: 'courses', migrations });
    const { rows } = await database.knex.raw<{ rows: Array<{ role: string; notes: string | null }> }>(
      "select current_user as role, to_regclass('courses.notes')::text as notes",
    );
    expect(rows).toEqual([{ role: 'courses_service', notes: 'notes' }]);
    await database.close();
    expect(await databaseExists(database.db.name)).toBe(false);
  });
});
