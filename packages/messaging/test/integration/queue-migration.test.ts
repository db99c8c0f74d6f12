import { VideoCreated } from '@course-platform/shared-kernel';
import { testing } from '@course-platform/service-kit';
import { connectToBroker, declareTopology, deadLetterQueueName, holdingQueueName, messagingTesting, migrateQueue, retryQueueName, topologyOf } from '../../src';
import { createHarness, exchange, type Harness } from '../support/harness';

// Classic to quorum on a live broker: queues keep their messages, and what is published during the move too.
let h: Harness;
const queue = 'courses.add_video_on_video_created';
const subscriptions = [{ queue, events: [VideoCreated] }];
const options = { exchange, retryDelaysMs: [60_000] };

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.cleanup());

const queueType = async (name: string) => ((await h.vhost.admin.queue(h.vhost.name, name)) as { type?: string }).type;
const publish = (id: string) => messagingTesting.publishRaw(h.vhost.url, exchange, VideoCreated.name, { id }, { messageId: id });

test('every queue of a handler re-created as a quorum queue keeps its messages and its bindings; a second run does nothing', async () => {
  const connection = await connectToBroker(h.vhost.url);
  try {
    await declareTopology(await connection.createChannel(), topologyOf(subscriptions, options));
    for (const id of ['a', 'b', 'c']) await publish(id);
    const channel = await connection.createChannel();
    channel.sendToQueue(deadLetterQueueName(queue), Buffer.from('{}'), { messageId: 'dead', headers: { 'x-dead-letter-reason': 'HANDLER_FAILED' } });
    channel.sendToQueue(retryQueueName(queue, 60_000), Buffer.from('{}'), { messageId: 'retrying' });
    await testing.eventually(async () => expect(await messagingTesting.readyCount(h.vhost.url, queue)).toBe(3));

    const quorum = topologyOf(subscriptions, { ...options, queueType: 'quorum' });
    const results = [];
    for (const spec of quorum.queues) results.push(await migrateQueue(connection, spec, exchange));
    expect(results.map((r) => [r.queue, r.migrated, r.moved])).toEqual([
      [queue, true, 3],
      [retryQueueName(queue, 60_000), true, 1],
      [deadLetterQueueName(queue), true, 1],
    ]);
    for (const spec of quorum.queues) expect(await queueType(spec.name)).toBe('quorum');
    expect((await h.vhost.admin.queue(h.vhost.name, queue)).arguments).toMatchObject({ 'x-delivery-limit': 10 });
    const dead = await messagingTesting.drainQueue(h.vhost.url, deadLetterQueueName(queue));
    expect(dead.map((m) => [m.messageId, m.headers['x-dead-letter-reason']])).toEqual([['dead', 'HANDLER_FAILED']]);
    // Still bound to its event: a new one arrives after the three that were moved, in their order.
    await publish('d');
    await testing.eventually(async () => expect(await messagingTesting.readyCount(h.vhost.url, queue)).toBe(4));
    expect((await messagingTesting.drainQueue(h.vhost.url, queue)).map((m) => m.messageId)).toEqual(['a', 'b', 'c', 'd']);
    expect((await h.vhost.admin.queues(h.vhost.name)).map((q) => q.name)).not.toContain(holdingQueueName(queue));

    const again = await migrateQueue(connection, quorum.queues[0]!, exchange);
    expect(again).toEqual({ queue, migrated: false, moved: 0 });
  } finally {
    await connection.close();
  }
});

test('a queue that still has a consumer is left as it is, with a message saying what to stop', async () => {
  const other = 'users.send_email_on_video_created';
  const connection = await connectToBroker(h.vhost.url);
  try {
    await declareTopology(await connection.createChannel(), topologyOf([{ queue: other, events: [VideoCreated] }], options));
    const consumer = await connection.createChannel();
    await consumer.consume(other, () => undefined);
    const [spec] = topologyOf([{ queue: other, events: [VideoCreated] }], { ...options, queueType: 'quorum' }).queues;
    await expect(migrateQueue(connection, spec!, exchange)).rejects.toThrow(`${other} has 1 consumer(s): stop the service that consumes it`);
    expect(await queueType(other)).toBe('classic');
  } finally {
    await connection.close();
  }
});
