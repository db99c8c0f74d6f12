import { testing } from '@course-platform/service-kit';
import { Registry } from 'prom-client';
import { counterValue, createHarness, recordingHandler, videoCreated, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.cleanup());

test('1,000 events committed in the outbox reach every bound queue and are applied once by each handler', async () => {
  const courses = recordingHandler('courses.add_video_on_video_created');
  const users = recordingHandler('users.send_email_on_video_created');
  await h.startBus([courses, users]);

  const ids = await h.commitEvents(1_000);

  for (const queue of [courses.queue, users.queue]) {
    await testing.eventually(async () => expect(await h.appliedCount(queue)).toEqual({ rows: 1_000, distinct: 1_000 }), { timeoutMs: 30_000 });
  }
  const unpublished = await h.knex('outbox').whereNull('published_at').count<{ count: string }[]>('* as count');
  expect(Number(unpublished[0]?.count)).toBe(0);
  const applied = await h.knex('applied').where({ handler: courses.queue }).pluck('event_id');
  expect(new Set(applied)).toEqual(new Set(ids));
});

test('a rolled-back transaction publishes nothing', async () => {
  const handler = recordingHandler('courses.rollback_probe_on_video_created');
  const bus = await h.startBus([handler]);
  const event = videoCreated();
  await expect(
    h.knex.transaction(async (trx) => {
      await bus.outbox.append(trx, [event]);
      throw new Error('the use case failed after appending');
    }),
  ).rejects.toThrow('the use case failed');
  // A later committed event proves the relay and the consumer ran past the point the rolled-back one would be.
  const [later] = await h.commitEvents(1);
  await testing.eventually(async () => expect(await h.knex('applied').where({ handler: handler.queue, event_id: later }).first()).toBeDefined());
  expect(await h.knex('outbox').where({ event_id: event.id }).first()).toBeUndefined();
  expect(await h.knex('applied').where({ event_id: event.id }).first()).toBeUndefined();
});

test("two relays draining one outbox side by side, with the earlier tests' relays too, publish each row once", async () => {
  const consumer = new Registry();
  const handler = recordingHandler('courses.two_relays_probe_on_video_created');
  await h.startBus([handler], { metrics: consumer, relay: { pollIntervalMs: 100, batchSize: 50 } });
  await h.startBus([], { metrics: new Registry(), relay: { pollIntervalMs: 100, batchSize: 50 } });

  await h.commitEvents(2_000, 20);

  await testing.eventually(async () => expect(await h.appliedCount(handler.queue)).toEqual({ rows: 2_000, distinct: 2_000 }), { timeoutMs: 30_000 });
  expect(await counterValue(consumer, 'messaging_messages_consumed_total', { queue: handler.queue, outcome: 'duplicate' })).toBe(0);
});
