import { testing } from '@course-platform/service-kit';
import { Registry } from 'prom-client';
import { listDeadLetters, PermanentHandlerError, toEnvelope, type EventHandler } from '../../src';
import { counterValue, createHarness, recordingHandler, videoCreated, type Harness } from '../support/harness';
import { publishInOrder } from '../support/own-consumer';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.cleanup());

test('a burst that is handled in shared transactions applies every event once, and a rejected one fails alone', async () => {
  const rejected = new Set<string>();
  const handler = recordingHandler('courses.burst_on_video_created', (event) => {
    if (rejected.has(event.id)) throw new PermanentHandlerError('this video belongs to no course');
  });
  // Two transactions at once for 400 events committed together: the queued messages share transactions.
  const bus = await h.startBus([handler], { prefetch: 200, consumerConcurrency: 2 });
  const events = Array.from({ length: 400 }, () => videoCreated());
  for (const event of events.filter((_, i) => i % 40 === 7)) rejected.add(event.id);
  await h.knex.transaction((trx) => bus.outbox.append(trx, events));

  await testing.eventually(async () => expect(await h.appliedCount(handler.queue)).toEqual({ rows: 390, distinct: 390 }), { timeoutMs: 30_000 });
  const deadLetters = await testing.eventually(async () => {
    const report = await listDeadLetters(h.vhost.url, handler.queue);
    expect(report.count).toBe(10);
    return report;
  });
  expect(new Set(deadLetters.messages.map((m) => m.messageId))).toEqual(rejected);
  expect(deadLetters.messages.every((m) => m.reason === 'HANDLER_REJECTED')).toBe(true);
  const applied = new Set(await h.knex('applied').where({ handler: handler.queue }).pluck('event_id'));
  expect(applied).toEqual(new Set(events.filter((e) => !rejected.has(e.id)).map((e) => e.id)));
});

test('a handler that takes batches gets the new events of each, never more than the batch size; duplicates within and across batches are skipped, and a poison event fails alone', async () => {
  const calls: number[] = [];
  let poison = '';
  const base = recordingHandler('courses.batched_on_video_created', (event) => {
    if (event.id === poison) throw new PermanentHandlerError('this video belongs to no course');
  });
  const handler: EventHandler = {
    ...base,
    async handleBatch(events, trx) {
      calls.push(events.length);
      // One statement for the batch, as a projection's upsert does; it fails whole, as one would.
      if (events.some((event) => event.id === poison)) throw new PermanentHandlerError('a video of this batch belongs to no course');
      await trx('applied').insert(events.map((event) => ({ handler: base.queue, event_id: event.id })));
    },
  };
  const metrics = new Registry();
  await h.startBus([handler], { metrics, consumerBatchSize: 10, consumerBatchLingerMs: 50, consumerConcurrency: 2 });
  const events = Array.from({ length: 30 }, () => toEnvelope(videoCreated(), 'videos'));
  poison = events[15]!.id;
  // Three events twice in a row (within a batch), then five of them again later (across batches).
  const inOrder = events.flatMap((event, i) => (i % 10 === 3 ? [event, event] : [event]));
  await publishInOrder(h.vhost.url, inOrder);
  await testing.eventually(async () => expect(await h.appliedCount(base.queue)).toEqual({ rows: 29, distinct: 29 }), { timeoutMs: 20_000 });
  await publishInOrder(h.vhost.url, events.slice(0, 5));

  const duplicates = () => counterValue(metrics, 'messaging_messages_consumed_total', { queue: base.queue, outcome: 'duplicate' });
  await testing.eventually(async () => expect(await duplicates()).toBe(8));
  const report = await testing.eventually(async () => {
    const letters = await listDeadLetters(h.vhost.url, base.queue);
    expect(letters.count).toBe(1);
    return letters;
  });
  expect(report.messages.map((m) => [m.messageId, m.reason])).toEqual([[poison, 'HANDLER_REJECTED']]);
  expect(await h.appliedCount(base.queue)).toEqual({ rows: 29, distinct: 29 });
  expect(new Set(await h.knex('applied').where({ handler: base.queue }).pluck('event_id'))).toEqual(new Set(events.filter((e) => e.id !== poison).map((e) => e.id)));
  expect(Math.max(...calls)).toBeLessThanOrEqual(10);
  expect(calls.some((size) => size > 1)).toBe(true);
});
