import { randomUUID } from 'node:crypto';
import { createLogger, testing } from '@course-platform/service-kit';
import { Registry } from 'prom-client';
import { Retention } from '../../src';
import { createHarness, videoCreated, type Harness } from '../support/harness';

const DAY_MS = 24 * 60 * 60 * 1000;
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.cleanup());

/** Outbox rows as the outbox writes them, then aged: published (or not) and created `days` ago. */
async function outboxRows(count: number, state: { published: boolean; days: number }): Promise<string[]> {
  const events = Array.from({ length: count }, () => videoCreated());
  await h.knex('outbox').insert(events.map((e) => ({ event_id: e.id, type: e.type, envelope: JSON.stringify(e) })));
  const ids = events.map((e) => e.id);
  const age = h.knex.raw(`now() - make_interval(days => ?)`, [state.days]);
  await h.knex('outbox').whereIn('event_id', ids).update({ created_at: age, published_at: state.published ? age : null });
  return ids;
}

async function inboxEntries(count: number, days: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  const age = h.knex.raw(`now() - make_interval(days => ?)`, [days]);
  await h.knex('inbox').insert(ids.map((event_id) => ({ handler: 'courses.retention_probe', event_id, handled_at: age })));
  return ids;
}

const remaining = async (table: 'outbox' | 'inbox', ids: string[]) => (await h.knex(table).whereIn('event_id', ids).pluck('event_id')).length;

const retention = (overrides: { batchSize?: number } = {}) =>
  new Retention({ knex: h.knex, logger: createLogger({ service: 'test', level: 'silent' }), metrics: new Registry(), outboxMs: 7 * DAY_MS, inboxMs: 3 * DAY_MS, ...overrides });

test('deletes published outbox rows and inbox entries past their retention, and nothing else', async () => {
  const oldPublished = await outboxRows(25, { published: true, days: 8 });
  const oldUnpublished = await outboxRows(3, { published: false, days: 30 });
  const recentPublished = await outboxRows(4, { published: true, days: 6 });
  const oldHandled = await inboxEntries(25, 4);
  const recentHandled = await inboxEntries(5, 2);

  // Batches of 10: the 25 old rows of each table take three statements.
  await expect(retention({ batchSize: 10 }).prune()).resolves.toEqual({ outbox: 25, inbox: 25 });

  expect(await remaining('outbox', oldPublished)).toBe(0);
  expect(await remaining('outbox', oldUnpublished)).toBe(3);
  expect(await remaining('outbox', recentPublished)).toBe(4);
  expect(await remaining('inbox', oldHandled)).toBe(0);
  expect(await remaining('inbox', recentHandled)).toBe(5);
  await expect(retention().prune()).resolves.toEqual({ outbox: 0, inbox: 0 });
});

test('the event bus prunes when it starts, with the retention it is given', async () => {
  await h.knex('outbox').del();
  await h.knex('inbox').del();
  const oldPublished = await outboxRows(2, { published: true, days: 2 });
  const oldHandled = await inboxEntries(2, 2);
  const kept = await inboxEntries(1, 0);
  const metrics = new Registry();
  await h.startBus([], { metrics, retention: { outboxMs: DAY_MS, inboxMs: DAY_MS } });
  await testing.eventually(async () => {
    expect(await remaining('outbox', oldPublished)).toBe(0);
    expect(await remaining('inbox', oldHandled)).toBe(0);
  });
  expect(await remaining('inbox', kept)).toBe(1);
  const deleted = async (table: string) =>
    (await metrics.getSingleMetric('messaging_retention_deleted_total')?.get())?.values.find((v) => v.labels.table === table)?.value;
  await testing.eventually(async () => expect([await deleted('outbox'), await deleted('inbox')]).toEqual([2, 2]));
});
