import { randomUUID } from 'node:crypto';
import { testing, type Knex } from '@course-platform/service-kit';
import { VideoCreated, type EventEnvelope } from '@course-platform/shared-kernel';
import { Registry } from 'prom-client';
import { listDeadLetters, type EventHandler } from '../../src';
import { counterValue, createHarness, videoCreated, type Harness } from '../support/harness';

// A handler that never returns (a lock wait, a call that hangs) is cut off at its time; its transaction's
// session is ended, so nothing it wrote commits, and its message takes the retry path like any failure.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.knex.schema.createTable('shelf', (t) => (t.uuid('id').primary(), t.integer('videos').notNullable(), t.integer('last_call')));
});
afterAll(() => h.cleanup());

const timeouts = (registry: Registry, queue: string) => counterValue(registry, 'messaging_handler_timeouts_total', { queue });
const consumed = (registry: Registry, queue: string, outcome: string) => counterValue(registry, 'messaging_messages_consumed_total', { queue, outcome });

/** Backends of the test database waiting for a lock, and sessions left open in a transaction. */
async function sessions(): Promise<{ waitingOnLock: number[]; idleInTransaction: number }> {
  const rows: Array<{ pid: number; wait_event_type: string | null; state: string | null }> = await h.knex('pg_stat_activity')
    .select('pid', 'wait_event_type', 'state')
    .whereRaw('datname = current_database() and pid <> pg_backend_pid()');
  return {
    waitingOnLock: rows.filter((row) => row.wait_event_type === 'Lock').map((row) => row.pid),
    idleInTransaction: rows.filter((row) => row.state?.startsWith('idle in transaction')).length,
  };
}

/** A handler that records each call and applies the event as `recordingHandler` does, unless `stall` holds it. */
function stallingHandler(queue: string, stall: (event: EventEnvelope, call: number, trx: Knex.Transaction) => Promise<void> | void, timeoutMs?: number) {
  const calls = new Map<string, number>();
  const handler: EventHandler = {
    queue,
    events: [VideoCreated],
    timeoutMs,
    async handle(event, trx) {
      const call = (calls.get(event.id) ?? 0) + 1;
      calls.set(event.id, call);
      await trx('applied').insert({ handler: queue, event_id: event.id });
      await stall(event, call, trx);
    },
  };
  return { handler, callsOf: (id: string) => calls.get(id) ?? 0 };
}

test('a handler stuck on a row lock is cut off while its queue keeps flowing; its session ends, and the retry applies it once', async () => {
  const registry = new Registry();
  const shelf = randomUUID();
  await h.knex('shelf').insert({ id: shelf, videos: 0 });
  const stuck = videoCreated();
  const { handler, callsOf } = stallingHandler(
    'courses.shelve_on_video_created',
    async (event, call, trx) => {
      if (event.id === stuck.id) await trx('shelf').where({ id: shelf }).update({ videos: trx.raw('videos + 1'), last_call: call });
    },
    6_000,
  );
  const bus = await h.startBus([handler], { metrics: registry, retryDelaysMs: [200, 400] });
  const lock = await h.knex.transaction();
  await lock('shelf').where({ id: shelf }).forUpdate();

  await h.knex.transaction((trx) => bus.outbox.append(trx, [stuck]));
  const [blocked] = await testing.eventually(async () => {
    const { waitingOnLock } = await sessions();
    expect(waitingOnLock).toHaveLength(1);
    return waitingOnLock;
  });
  const neighbours = await h.commitEvents(20);
  await testing.eventually(async () => {
    const applied = await h.knex('applied').where({ handler: handler.queue }).whereIn('event_id', neighbours).pluck('event_id');
    expect(new Set(applied)).toEqual(new Set(neighbours));
  });
  // Handled while the stuck message still waited on the lock: one message does not block its queue.
  expect(await timeouts(registry, handler.queue)).toBe(0);
  expect((await sessions()).waitingOnLock).toEqual([blocked]);

  await testing.eventually(async () => expect(await timeouts(registry, handler.queue)).toBe(1), { timeoutMs: 20_000 });
  // The lock is still held, yet the handler's backend is gone: its session was ended, not left waiting.
  const gone = await h.knex('pg_stat_activity').where({ pid: blocked }).first();
  expect(gone).toBeUndefined();
  await lock.commit();

  await testing.eventually(async () => expect(await h.knex('shelf').where({ id: shelf }).first()).toEqual({ id: shelf, videos: 1, last_call: 2 }));
  expect(callsOf(stuck.id)).toBe(2);
  expect(await h.appliedCount(handler.queue)).toEqual({ rows: 21, distinct: 21 });
  expect(await consumed(registry, handler.queue, 'retried')).toBe(1);
  await testing.eventually(async () => expect(await sessions()).toEqual({ waitingOnLock: [], idleInTransaction: 0 }));
});

test('in a shared transaction, a handler that never returns fails alone: its neighbours are handled once, and it is not run again before its retry', async () => {
  const registry = new Registry();
  const events = Array.from({ length: 200 }, () => videoCreated());
  // The first message met in a transaction it shares is the one that hangs: how the consumer cuts its
  // batches depends on how the deliveries arrive, and the test is about a shared one.
  let stuck: { id: string; batchSize: number } | undefined;
  const { handler, callsOf } = stallingHandler('courses.hang_on_video_created', async (event, call, trx) => {
    if (stuck || call !== 1) return;
    // The inbox rows this very transaction inserted: one per message of its batch.
    const { rows } = await trx.raw<{ rows: Array<{ size: number }> }>(
      'select count(*)::int as size from inbox where handler = ? and xmin::text::bigint = txid_current() % 4294967296',
      [handler.queue],
    );
    const batchSize = rows[0]!.size;
    if (batchSize < 2) return;
    stuck = { id: event.id, batchSize };
    await new Promise<void>(() => undefined);
  });
  // One transaction at a time, so the messages that queue up behind it share the next one.
  const bus = await h.startBus([handler], { metrics: registry, consumerConcurrency: 1, handlerTimeoutMs: 1_000 });

  await h.knex.transaction((trx) => bus.outbox.append(trx, events));

  await testing.eventually(async () => expect(await h.appliedCount(handler.queue)).toEqual({ rows: 200, distinct: 200 }), { timeoutMs: 30_000 });
  expect(stuck?.batchSize).toBeGreaterThan(1);
  expect(callsOf(stuck!.id)).toBe(2);
  expect(await timeouts(registry, handler.queue)).toBe(1);
  // Its second call came from the retry path: handled alone at once, it would have succeeded with no retry.
  expect(await consumed(registry, handler.queue, 'retried')).toBe(1);
  await testing.eventually(async () => expect((await sessions()).idleInTransaction).toBe(0));
});

test('a handler that resumes after its time cannot commit: its next statement is refused and the retry is what counts', async () => {
  const registry = new Registry();
  const late = videoCreated();
  let resume = () => undefined as void;
  const gate = new Promise<void>((resolve) => (resume = resolve));
  let report = (_outcome: unknown) => undefined as void;
  const lateWrite = new Promise<unknown>((resolve) => (report = resolve));
  const { handler, callsOf } = stallingHandler(
    'courses.resume_late_on_video_created',
    async (event, call, trx) => {
      if (event.id !== late.id || call !== 1) return;
      await gate;
      try {
        await trx('shelf').insert({ id: randomUUID(), videos: 1, last_call: call });
        report('written');
      } catch (error) {
        report(error);
        throw error;
      }
    },
    300,
  );
  const bus = await h.startBus([handler], { metrics: registry });
  await h.knex.transaction((trx) => bus.outbox.append(trx, [late]));
  await testing.eventually(async () => expect(await h.appliedCount(handler.queue)).toEqual({ rows: 1, distinct: 1 }));
  expect(callsOf(late.id)).toBe(2);

  resume();
  expect(String(await lateWrite)).toContain('Transaction query already complete');
  expect(await h.knex('shelf').where({ last_call: 1 }).first()).toBeUndefined();
  expect(await h.appliedCount(handler.queue)).toEqual({ rows: 1, distinct: 1 });
  expect(await h.knex('inbox').where({ handler: handler.queue, event_id: late.id }).count<{ count: string }[]>('* as count')).toEqual([{ count: '1' }]);
  expect(await timeouts(registry, handler.queue)).toBe(1);
});

test('a handler that never returns, on every attempt, is dead-lettered past the limit with HANDLER_TIMEOUT', async () => {
  const registry = new Registry();
  const { handler } = stallingHandler('courses.never_returns_on_video_created', () => new Promise<void>(() => undefined));
  const retryDelaysMs = [50, 100];
  const bus = await h.startBus([handler], { metrics: registry, retryDelaysMs, handlerTimeoutMs: 300 });
  const hopeless = videoCreated();
  await h.knex.transaction((trx) => bus.outbox.append(trx, [hopeless]));

  const report = await testing.eventually(async () => {
    const found = await listDeadLetters(h.vhost.url, handler.queue);
    expect(found.count).toBe(1);
    return found;
  });
  expect(report.messages[0]).toMatchObject({ messageId: hopeless.id, reason: 'HANDLER_TIMEOUT', attempts: retryDelaysMs.length + 1 });
  expect(report.messages[0]!.error).toContain('did not return within 300 ms');
  expect(await timeouts(registry, handler.queue)).toBe(retryDelaysMs.length + 1);
  expect(await h.appliedCount(handler.queue)).toEqual({ rows: 0, distinct: 0 });
  await testing.eventually(async () => expect((await sessions()).idleInTransaction).toBe(0));
});
