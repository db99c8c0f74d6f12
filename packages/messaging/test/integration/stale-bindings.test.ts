import { Writable } from 'node:stream';
import { testing } from '@course-platform/service-kit';
import { VideoCreated } from '@course-platform/shared-kernel';
import amqp from 'amqplib';
import pino from 'pino';
import { bindingsFrom, messagingTesting, type EventHandler } from '../../src';
import { createHarness, exchange, type Harness } from '../support/harness';

// A removed or renamed handler's queue stays bound to the events exchange and keeps filling; the service
// unbinds such bindings of its own queues when it starts, and leaves the queues and their messages alone.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.cleanup());

function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

const refresh: EventHandler = { queue: 'videos.refresh_on_video_created', events: [VideoCreated], handle: async () => undefined };

test("at start, the service unbinds its own stale bindings, keeps one whose queue is consumed, and touches nothing else", async () => {
  const guest = await amqp.connect(h.vhost.url);
  const setup = await guest.createChannel();
  await setup.assertExchange(exchange, 'topic', { durable: true });
  const queues = ['videos.retired_on_video_created', refresh.queue, 'videos.busy_on_video_created', 'users.other_on_video_created'];
  for (const queue of queues) await setup.assertQueue(queue, { durable: true });
  await setup.bindQueue('videos.retired_on_video_created', exchange, 'videos.created'); // a removed handler
  await setup.bindQueue('videos.retired_on_video_created', 'amq.topic', 'videos.created'); // not the events exchange
  await setup.bindQueue(refresh.queue, exchange, 'videos.deleted'); // an event the handler no longer takes
  await setup.bindQueue('videos.busy_on_video_created', exchange, 'videos.created'); // still consumed, by an older replica
  await setup.bindQueue('users.other_on_video_created', exchange, 'videos.created'); // another service's
  await setup.consume('videos.busy_on_video_created', () => undefined);
  await messagingTesting.publishRaw(h.vhost.url, exchange, 'videos.created', '{"waiting": "for an operator"}');

  const { logger, lines } = capturedLogger();
  await h.startBus([refresh], { service: 'videos', logger, managementUrl: h.vhost.admin.url });

  const management = { url: h.vhost.admin.url, amqpUrl: h.vhost.url };
  const pairs = (await bindingsFrom(management, exchange)).map((b) => `${b.destination} ${b.routing_key}`).sort();
  expect(pairs).toEqual(
    [
      `${refresh.queue} videos.created`,
      'videos.busy_on_video_created videos.created',
      'users.other_on_video_created videos.created',
      // The default exchange's implicit binding of every queue is not the events exchange's.
    ].sort(),
  );
  expect((await bindingsFrom(management, 'amq.topic')).map((b) => b.destination)).toEqual(['videos.retired_on_video_created']);
  // The queue of the removed handler is still there, with the message it got before, for an operator to drain.
  expect(await messagingTesting.readyCount(h.vhost.url, 'videos.retired_on_video_created')).toBe(1);

  const said = (msg: string) => lines.filter((line) => line.msg === msg).map(({ queue, routingKey, exchange: from }) => ({ exchange: from, queue, routingKey }));
  expect(said('stale binding unbound; its queue and messages are left for an operator to drain')).toEqual(
    expect.arrayContaining([
      { exchange, queue: 'videos.retired_on_video_created', routingKey: 'videos.created' },
      { exchange, queue: refresh.queue, routingKey: 'videos.deleted' },
    ]),
  );
  expect(said('stale binding unbound; its queue and messages are left for an operator to drain')).toHaveLength(2);
  expect(said('stale binding kept: its queue has a consumer, maybe a replica of an older version')).toEqual([
    { exchange, queue: 'videos.busy_on_video_created', routingKey: 'videos.created' },
  ]);
  await guest.close();
});

test('without a management URL the start says the check was skipped; with a wrong one it says why, and consumes anyway', async () => {
  const skipped = capturedLogger();
  await h.startBus([{ ...refresh, queue: 'videos.unchecked_on_video_created' }], { service: 'videos', logger: skipped.logger });
  expect(skipped.lines.map((line) => line.msg)).toContain('stale bindings not checked: RABBITMQ_MANAGEMENT_URL is not set');

  const refused = capturedLogger();
  const wrongUser = new URL(h.vhost.admin.url);
  wrongUser.password = 'not-the-password';
  const bus = await h.startBus([{ ...refresh, queue: 'videos.refused_on_video_created' }], {
    service: 'videos',
    logger: refused.logger,
    managementUrl: wrongUser.toString(),
  });
  expect(refused.lines).toContainEqual(
    expect.objectContaining({ msg: 'could not check for stale bindings; consuming anyway', err: expect.objectContaining({ message: expect.stringContaining('401') }) }),
  );
  await testing.eventually(async () => expect(await bus.readiness.check()).toBe(true));
});
