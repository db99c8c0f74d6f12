import type { EventEnvelope } from '@course-platform/shared-kernel';
import { testing } from '@course-platform/service-kit';
import { toEnvelope, type EventHandler } from '../../src';
import { counterValue, createHarness, recordingHandler, videoCreated, type Harness } from '../support/harness';
import { publishInOrder, startOwnConsumer } from '../support/own-consumer';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.cleanup());

const envelopes = (count: number) => Array.from({ length: count }, () => toEnvelope(videoCreated(), 'videos'));
const consumed = (registry: Parameters<typeof counterValue>[0], queue: string, outcome: string) =>
  counterValue(registry, 'messaging_messages_consumed_total', { queue, outcome });

/** Every event applied exactly once by the handler. */
async function appliedOnce(queue: string, events: readonly EventEnvelope[]): Promise<void> {
  await testing.eventually(async () => expect(await h.appliedCount(queue)).toEqual({ rows: events.length, distinct: events.length }), { timeoutMs: 20_000 });
  expect(new Set(await h.knex('applied').where({ handler: queue }).pluck('event_id'))).toEqual(new Set(events.map((e) => e.id)));
}

test('two batches at once, the later committing first: nothing of the earlier is acked with it, so a crash before its commit loses none of it', async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let crashed = false;
  let holding = true;
  // Batches of 5 that wait for each other to fill: the first 5 deliveries are one batch, the next 5 another.
  const events = envelopes(10);
  const earlier = new Set(events.slice(0, 5).map((e) => e.id));
  const handler = recordingHandler('courses.held_on_video_created', async (event) => {
    if (crashed) throw new Error('the process is gone: nothing of it commits any more');
    if (!holding || !earlier.has(event.id)) return;
    await held;
    throw new Error('the process died in the middle of this transaction');
  });
  const settings = { prefetch: 10, concurrency: 2, batchSize: 5, batchLingerMs: 5_000 };
  const doomed = await startOwnConsumer(h, handler, settings);
  await publishInOrder(h.vhost.url, events);

  // The later batch commits and is acked while the earlier one is held in its transaction.
  await testing.eventually(async () => expect(await consumed(doomed.registry, handler.queue, 'handled')).toBe(5));
  expect(new Set(await h.knex('applied').where({ handler: handler.queue }).pluck('event_id'))).toEqual(new Set(events.slice(5).map((e) => e.id)));
  expect(doomed.acks).toEqual([6, 7, 8, 9, 10].map((tag) => ({ tag, multiple: false })));
  crashed = true;
  holding = false;
  doomed.crash();
  release();
  await doomed.stop();

  // Had the later batch's ack covered the earlier deliveries, the broker would have none of them to give back.
  crashed = false;
  const survivor = await startOwnConsumer(h, handler, settings);
  try {
    await appliedOnce(handler.queue, events);
    expect(await consumed(survivor.registry, handler.queue, 'handled')).toBe(5);
  } finally {
    await survivor.stop();
  }
});

test('a crash between the commit of a batch and its ack: the batch comes back, the inbox finds every message a duplicate, the effects stay once', async () => {
  let crash = () => {};
  const batches: number[] = [];
  const base = recordingHandler('courses.batch_crash_on_video_created');
  const handler: EventHandler = {
    ...base,
    async handleBatch(events, trx) {
      batches.push(events.length);
      await trx('applied').insert(events.map((event) => ({ handler: base.queue, event_id: event.id })));
      // Gone before the commit's answer comes back and the ack goes out; the commit itself still happens.
      crash();
      crash = () => {};
    },
  };
  const settings = { prefetch: 10, concurrency: 1, batchSize: 5, batchLingerMs: 5_000 };
  const doomed = await startOwnConsumer(h, handler, settings);
  crash = () => doomed.crash();
  const events = envelopes(5);
  await publishInOrder(h.vhost.url, events);
  await appliedOnce(handler.queue, events);
  await doomed.stop();

  const survivor = await startOwnConsumer(h, handler, settings);
  try {
    await testing.eventually(async () => expect(await consumed(survivor.registry, handler.queue, 'duplicate')).toBe(5));
    expect(await h.appliedCount(handler.queue)).toEqual({ rows: 5, distinct: 5 });
    // The redelivered batch was all duplicates: the handler was not called for it.
    expect(batches).toEqual([5]);
  } finally {
    await survivor.stop();
  }
});

test('a committed batch with nothing unacked below it is acked with one ack', async () => {
  const handler = recordingHandler('courses.whole_on_video_created');
  const consumer = await startOwnConsumer(h, handler, { prefetch: 20, concurrency: 1, batchSize: 20, batchLingerMs: 5_000 });
  try {
    const events = envelopes(20);
    await publishInOrder(h.vhost.url, events);
    await appliedOnce(handler.queue, events);
    await testing.eventually(async () => expect(await consumed(consumer.registry, handler.queue, 'handled')).toBe(20));
    expect(consumer.acks).toEqual([{ tag: 20, multiple: true }]);
  } finally {
    await consumer.stop();
  }
});
