import { UserEnrolled, VideoCreated, VideoUpdated } from '@course-platform/shared-kernel';
import { deadLetterQueueName, retryDelayOf, retryExchangeName, retryQueueName, topologyOf } from '../../src';

const subscriptions = [
  { queue: 'courses.add_video_on_video_created', events: [VideoCreated] },
  { queue: 'courses.refresh_on_video_changes', events: [VideoCreated, VideoUpdated, UserEnrolled] },
];

test('one handler queue per subscription, bound to its events, with retry queues that dead-letter back to it alone', () => {
  const topology = topologyOf(subscriptions, { exchange: 'videos', retryDelaysMs: [1_000, 5_000] });
  const handlerQueues = topology.queues.filter((q) => q.role === 'handler');
  expect(handlerQueues.map((q) => [q.name, q.bindings])).toEqual([
    ['courses.add_video_on_video_created', ['videos.created']],
    ['courses.refresh_on_video_changes', ['videos.created', 'videos.updated', 'users.enrolled']],
  ]);
  const retry = topology.queues.find((q) => q.name === retryQueueName('courses.add_video_on_video_created', 5_000));
  expect(retry).toMatchObject({
    role: 'retry',
    bindings: [],
    retryExchange: 'courses.retry',
    arguments: { 'x-message-ttl': 5_000, 'x-dead-letter-exchange': 'courses.retry', 'x-dead-letter-routing-key': 'courses.add_video_on_video_created' },
  });
  // Copies reach every queue of the handler through the service's own direct exchange, never the default one.
  expect(topology.queues.every((q) => q.retryExchange === 'courses.retry')).toBe(true);
  expect(topology.queues.map((q) => q.name)).toContain(deadLetterQueueName('courses.add_video_on_video_created'));
  expect(topology.queues).toHaveLength(2 * (1 + 2 + 1));
});

test('classic queues by default, quorum queues by configuration', () => {
  const classic = topologyOf(subscriptions, { exchange: 'videos' });
  const quorum = topologyOf(subscriptions, { exchange: 'videos', queueType: 'quorum' });
  expect(classic.queues.every((q) => q.arguments['x-queue-type'] === undefined)).toBe(true);
  expect(quorum.queues.every((q) => q.arguments['x-queue-type'] === 'quorum')).toBe(true);
  expect(classic.queues.every((q) => q.arguments['x-delivery-limit'] === undefined)).toBe(true);
  expect(classic.queues.filter((q) => q.role === 'retry').map((q) => q.arguments['x-message-ttl'])).toEqual([1_000, 5_000, 30_000, 120_000, 600_000, 1_000, 5_000, 30_000, 120_000, 600_000]);
});

test('quorum handler queues carry a delivery limit and dead-letter past it, at least once, to their own dead-letter queue', () => {
  const quorum = topologyOf(subscriptions, { exchange: 'videos', queueType: 'quorum', deliveryLimit: 4 });
  const handler = quorum.queues.find((q) => q.name === 'courses.add_video_on_video_created');
  expect(handler?.arguments).toEqual({
    'x-queue-type': 'quorum',
    'x-delivery-limit': 4,
    'x-dead-letter-exchange': 'courses.retry',
    'x-dead-letter-routing-key': 'courses.add_video_on_video_created.dead_letter',
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  });
  expect(topologyOf(subscriptions, { exchange: 'videos', queueType: 'quorum' }).queues[0]?.arguments['x-delivery-limit']).toBe(10);
  // Retry queues dead-letter at least once too; dead-letter queues keep what reaches them.
  expect(quorum.queues.filter((q) => q.role === 'retry').every((q) => q.arguments['x-dead-letter-strategy'] === 'at-least-once')).toBe(true);
  expect(quorum.queues.filter((q) => q.role === 'dead_letter').map((q) => q.arguments)).toEqual([{ 'x-queue-type': 'quorum' }, { 'x-queue-type': 'quorum' }]);
});

test('queue names follow <queue>.retry.<ms>ms and <queue>.dead_letter', () => {
  expect(retryQueueName('users.send_email_on_video_created', 1_000)).toBe('users.send_email_on_video_created.retry.1000ms');
  expect(deadLetterQueueName('users.send_email_on_video_created')).toBe('users.send_email_on_video_created.dead_letter');
  expect(retryExchangeName('users.send_email_on_video_created')).toBe('users.retry');
  expect(retryDelayOf(retryQueueName('users.send_email_on_video_created', 30_000))).toBe(30_000);
  expect(retryDelayOf(deadLetterQueueName('users.send_email_on_video_created'))).toBeUndefined();
});
