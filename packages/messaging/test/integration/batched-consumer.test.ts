import { testing } from '@course-platform/service-kit';
import { listDeadLetters, PermanentHandlerError } from '../../src';
import { createHarness, recordingHandler, videoCreated, type Harness } from '../support/harness';

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
