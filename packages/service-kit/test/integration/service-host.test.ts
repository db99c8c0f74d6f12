import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { defineRoute, startServiceHost, testing, type Migration, type ServiceComponent } from '../../src';

// Every service's main.ts stands on this: the order things start and stop in, and what a failure releases.
const notes: Migration = { name: '001-notes', up: (knex) => knex.schema.createTable('notes', (table) => table.text('text')) };
const broken: Migration = { name: '002-broken', up: (knex) => knex.raw('select * from no_such_table') };

const routes = [
  defineRoute({
    method: 'get',
    path: '/notes',
    summary: 'Count the notes',
    tag: 'notes',
    responses: { 200: { description: 'The count' } },
    handle: async () => ({ status: 200, body: { notes: 0 } }),
  }),
];

let db: testing.TestDatabase;
const config = () => ({
  PORT: 0,
  DATABASE_URL: db.urlFor('videos_service'),
  DATABASE_POOL_MAX: 2,
  LOG_LEVEL: 'silent' as const,
  SHUTDOWN_TIMEOUT_MS: 1_000,
});

beforeAll(async () => {
  db = await testing.createTestDatabase();
});

afterAll(() => db.drop());

/** A component that writes down what happens to it, and what the HTTP port answered when it was stopped. */
function recorder(name: string, journal: string[], baseUrl: () => string, ready = () => true): ServiceComponent {
  return {
    name,
    start: () => void journal.push(`start ${name}`),
    stop: async () => {
      const http = await fetch(`${baseUrl()}/health`).then(
        () => 'open',
        () => 'closed',
      );
      journal.push(`stop ${name} (http ${http})`);
    },
    readiness: { name, check: async () => ready() },
  };
}

async function connectionsOfServiceRole(): Promise<number> {
  const admin = new Client({ connectionString: db.superuserUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ count: string }>(
      "select count(*) from pg_stat_activity where datname = $1 and usename = 'videos_service'",
      [db.name],
    );
    return Number(rows[0]?.count);
  } finally {
    await admin.end();
  }
}

describe('startServiceHost', () => {
  it('migrates, serves the routes with readiness of every component, and stops HTTP, components, database in order', async () => {
    const journal: string[] = [];
    let baseUrl = '';
    let brokerUp = true;
    const host = await startServiceHost({
      service: 'notes',
      schema: 'videos',
      config: config(),
      migrations: [notes],
      build: ({ knex }) => ({
        routes,
        components: [
          recorder(
            'bus',
            journal,
            () => baseUrl,
            () => brokerUp,
          ),
          { name: 'pool', stop: async () => void journal.push('stop pool') },
        ],
        knexSeen: knex,
      }),
    });
    baseUrl = `http://127.0.0.1:${host.port}`;
    expect(host.wiring.knexSeen).toBe(host.knex);
    expect(journal).toEqual(['start bus']);
    expect(await host.knex('notes').count()).toEqual([{ count: '0' }]);
    expect(await (await fetch(`${baseUrl}/notes`)).json()).toEqual({ notes: 0 });

    const ready = await fetch(`${baseUrl}/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', checks: { database: 'up', bus: 'up' } }]);
    brokerUp = false;
    expect((await fetch(`${baseUrl}/ready`)).status).toBe(503);

    await host.stop();
    expect(journal).toEqual(['start bus', 'stop bus (http closed)', 'stop pool']);
    await expect(host.knex.raw('select 1')).rejects.toThrow();
  });

  it('closes the pool and rethrows when a migration fails', async () => {
    const started = startServiceHost({
      service: 'notes',
      schema: 'videos',
      config: config(),
      migrations: [notes, broken],
      build: () => ({ routes, components: [] }),
    });
    await expect(started).rejects.toThrow(/no_such_table/);
    await testing.eventually(async () => expect(await connectionsOfServiceRole()).toBe(0), { timeoutMs: 5_000 });
  });

  it('stops the components and closes the pool when the port is taken', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const journal: string[] = [];
    const port = (taken.address() as AddressInfo).port;
    try {
      const started = startServiceHost({
        service: 'notes',
        schema: 'videos',
        config: { ...config(), PORT: port },
        migrations: [notes],
        build: () => ({
          routes,
          components: [{ name: 'bus', start: () => void journal.push('start bus'), stop: async () => void journal.push('stop bus') }],
        }),
      });
      await expect(started).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect(journal).toEqual(['start bus', 'stop bus']);
      await testing.eventually(async () => expect(await connectionsOfServiceRole()).toBe(0), { timeoutMs: 5_000 });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
