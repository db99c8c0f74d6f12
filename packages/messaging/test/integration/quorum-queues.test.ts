import { testing } from '@course-platform/service-kit';
import { connectToBroker, declareTopology, deadLetterQueueName, listDeadLetters, messagingTesting, topologyOf } from '../../src';
import { toEnvelope } from '../../src/outbox';
import { createHarness, exchange, recordingHandler, videoCreated, type Harness } from '../support/harness';

// Runs on the machine's broker in `pnpm test`, and on the 3-node cluster in `make faults-cluster`
// (TEST_RABBITMQ_URL set to its list of nodes).
let h: Harness;
const handler = recordingHandler('courses.add_video_on_video_created');
const DELIVERY_LIMIT = 3;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.cleanup());

test('QUEUE_TYPE=quorum declares every queue as a quorum queue, the handler queue with its delivery limit', async () => {
  await h.startBus([handler], { queueType: 'quorum', deliveryLimit: DELIVERY_LIMIT });
  const queues = await h.vhost.admin.queues(h.vhost.name);
  const ours = queues.filter((queue) => queue.name.startsWith(handler.queue));
  expect(ours).toHaveLength(1 + 3 + 1);
  expect(ours.every((queue) => (queue as { type?: string }).type === 'quorum')).toBe(true);
  expect(ours.find((queue) => queue.name === handler.queue)?.arguments).toMatchObject({
    'x-queue-type': 'quorum',
    'x-delivery-limit': DELIVERY_LIMIT,
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  });
  const event = toEnvelope(videoCreated(), 'videos');
  await messagingTesting.publishRaw(h.vhost.url, exchange, event.type, event, { messageId: event.id });
  await testing.eventually(async () => expect(await h.knex('applied').where({ event_id: event.id }).first()).toBeDefined());
});

test('a message whose consumer dies before the ack, delivery after delivery, ends in the dead-letter queue with the reason DELIVERY_LIMIT', async () => {
  // Its own queue, consumed by nothing but this test, which plays a consumer that crashes on this message.
  const queue = 'courses.crash_on_video_created';
  const topology = topologyOf([{ queue, events: handler.events }], { exchange, queueType: 'quorum', deliveryLimit: DELIVERY_LIMIT });
  const connection = await connectToBroker(h.vhost.url);
  try {
    await declareTopology(await connection.createChannel(), topology);
    const event = toEnvelope(videoCreated(), 'videos');
    await messagingTesting.publishRaw(h.vhost.url, exchange, event.type, event, { messageId: event.id });
    let deliveries = 0;
    await testing.eventually(
      async () => {
        const channel = await connection.createChannel();
        const message = await channel.get(queue, { noAck: false });
        if (message) deliveries += 1;
        // Closing the channel without an ack is what a crashed consumer's connection does: the broker requeues.
        await channel.close();
        expect(await messagingTesting.readyCount(h.vhost.url, deadLetterQueueName(queue))).toBe(1);
      },
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    expect(deliveries).toBe(DELIVERY_LIMIT + 1);
    const report = await listDeadLetters(h.vhost.url, queue);
    expect(report.messages.map((m) => [m.messageId, m.reason])).toEqual([[event.id, 'DELIVERY_LIMIT']]);
    expect(await messagingTesting.readyCount(h.vhost.url, queue)).toBe(0);
  } finally {
    await connection.close();
  }
});
