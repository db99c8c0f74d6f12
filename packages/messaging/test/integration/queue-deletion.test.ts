import { testing } from '@course-platform/service-kit';
import { messagingTesting } from '../../src';
import { createHarness, exchange, recordingHandler, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.cleanup());

const deleteQueue = (name: string) => h.vhost.admin.request('DELETE', `/queues/${h.vhost.name}/${encodeURIComponent(name)}`);

test('a handler queue deleted under a live connection is declared again and consumed', async () => {
  const handler = recordingHandler('courses.deleted_queue_probe_on_video_created');
  const bus = await h.startBus([handler]);

  await deleteQueue(handler.queue);
  await testing.eventually(async () => expect(await bus.readiness.check()).toBe(false));
  await testing.eventually(async () => expect(await bus.readiness.check()).toBe(true), { timeoutMs: 15_000 });

  await h.commitEvents(10);
  await testing.eventually(async () => expect(await h.appliedCount(handler.queue)).toEqual({ rows: 10, distinct: 10 }));
});

test('a poison message whose dead-letter queue was deleted is not acked into nowhere: it lands once the queue is back', async () => {
  const handler = recordingHandler('courses.missing_dlq_probe_on_video_created');
  await h.startBus([handler]);
  const deadLetters = `${handler.queue}.dead_letter`;

  await deleteQueue(deadLetters);
  await messagingTesting.publishRaw(h.vhost.url, exchange, 'videos.created', '{"broken": json');

  await testing.eventually(async () => expect(await messagingTesting.readyCount(h.vhost.url, deadLetters)).toBe(1), { timeoutMs: 20_000 });
  const [message] = await messagingTesting.drainQueue(h.vhost.url, deadLetters);
  expect(message!.headers['x-dead-letter-reason']).toBe('MALFORMED_JSON');
  expect(await messagingTesting.readyCount(h.vhost.url, handler.queue)).toBe(0);
});
