import { randomUUID } from 'node:crypto';
import { testing } from '@course-platform/service-kit';
import { createHarness, recordingHandler, videoCreated, type Harness } from '../support/harness';

// `appendWith` stores an aggregate's write and its events in one statement: both or neither, in every case.
let h: Harness;
const handler = recordingHandler('courses.append_with_probe_on_video_created');
const rowCount = async (table: string, where: Record<string, string>) =>
  Number((await h.knex(table).where(where).count<Array<{ count: string }>>('* as count').first())?.count);

beforeAll(async () => {
  h = await createHarness();
  await h.knex.schema.createTable('items', (t) => {
    t.uuid('id').primary();
    t.integer('revision').notNullable();
  });
});
afterAll(() => h.cleanup());

test('a write that stores its row appends its events, and the relay publishes them at once', async () => {
  const bus = await h.startBus([handler], { relay: { pollIntervalMs: 60_000 } });
  // The bus wakes the relay once when it connects: let that wake-up publish something and pass, so that
  // only the wake-up after the statement below can publish its events before the minute's poll.
  const first = videoCreated();
  await bus.outbox.appendWith(h.knex, h.knex('items').insert({ id: randomUUID(), revision: 1 }), [first]);
  await testing.eventually(async () => expect(await rowCount('applied', { event_id: first.id })).toBe(1));
  const id = randomUUID();
  const events = [videoCreated(), videoCreated()];
  await expect(bus.outbox.appendWith(h.knex, h.knex('items').insert({ id, revision: 1 }), events)).resolves.toBe(true);
  expect(await rowCount('items', { id })).toBe(1);
  // The poll is a minute away: only the wake-up after the statement can publish within the test.
  for (const event of events) await testing.eventually(async () => expect(await rowCount('applied', { event_id: event.id })).toBe(1));
  const ids = events.map((e) => e.id);
  expect(await h.knex('outbox').whereIn('event_id', ids).orderBy('position').pluck('event_id')).toEqual(ids);
});

test('a write that touches no row appends nothing and answers false', async () => {
  const bus = await h.startBus([]);
  const id = randomUUID();
  await h.knex('items').insert({ id, revision: 1 });
  const conflicting = videoCreated();
  const insert = h.knex('items').insert({ id, revision: 1 }).onConflict('id').ignore();
  await expect(bus.outbox.appendWith(h.knex, insert, [conflicting])).resolves.toBe(false);
  const stale = videoCreated();
  const update = h.knex('items').where({ id, revision: 7 }).update({ revision: 8 });
  await expect(bus.outbox.appendWith(h.knex, update, [stale])).resolves.toBe(false);
  expect(await rowCount('outbox', { event_id: conflicting.id })).toBe(0);
  expect(await rowCount('outbox', { event_id: stale.id })).toBe(0);
  expect((await h.knex('items').where({ id }).first())?.revision).toBe(1);
});

test('when the events cannot be appended, the write is not stored either', async () => {
  const bus = await h.startBus([]);
  const already = videoCreated();
  await h.knex.transaction((trx) => bus.outbox.append(trx, [already]));
  const id = randomUUID();
  // The same event id again violates the outbox's unique key: the statement fails as a whole.
  await expect(bus.outbox.appendWith(h.knex, h.knex('items').insert({ id, revision: 1 }), [already])).rejects.toMatchObject({
    code: '23505',
  });
  expect(await rowCount('items', { id })).toBe(0);
});

test('inside a transaction it takes part in it: a rollback takes the write and the events back', async () => {
  const bus = await h.startBus([]);
  const id = randomUUID();
  const event = videoCreated();
  await expect(
    h.knex.transaction(async (trx) => {
      await expect(bus.outbox.appendWith(trx, trx('items').insert({ id, revision: 1 }), [event])).resolves.toBe(true);
      throw new Error('the use case failed after its write');
    }),
  ).rejects.toThrow('the use case failed');
  expect(await rowCount('items', { id })).toBe(0);
  expect(await rowCount('outbox', { event_id: event.id })).toBe(0);
});

test('each shape of statement is prepared once per connection, then only executed', async () => {
  const bus = await h.startBus([]);
  const writes = [[videoCreated()], [videoCreated(), videoCreated()], [videoCreated()], [videoCreated(), videoCreated()]];
  await h.knex.transaction(async (trx) => {
    for (const events of writes) {
      // An upsert: a shape of write that no other test of this file sends.
      const upsert = trx('items').insert({ id: randomUUID(), revision: 1 }).onConflict('id').merge();
      await expect(bus.outbox.appendWith(trx, upsert, events)).resolves.toBe(true);
    }
    // The transaction holds one connection: what it prepared is in that session's list.
    const prepared = await trx.raw<{ rows: Array<{ name: string }> }>(
      `select name from pg_prepared_statements where statement like '%on conflict ("id") do update%'`,
    );
    expect(prepared.rows).toHaveLength(2);
  });
  const ids = writes.flat().map((event) => event.id);
  expect(Number((await h.knex('outbox').whereIn('event_id', ids).count<Array<{ count: string }>>('* as count').first())?.count)).toBe(
    ids.length,
  );
});
