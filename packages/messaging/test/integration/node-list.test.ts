import { testing } from '@course-platform/service-kit';
import { createHarness, recordingHandler, type Harness } from '../support/harness';
import { NodeProxy } from '../support/node-proxy';

// RABBITMQ_URL as a list of a cluster's nodes, played by proxies to the test broker: each one can die alone.
let h: Harness;
const handler = recordingHandler('courses.add_video_on_video_created');

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.cleanup());

test('a bus given a list of nodes skips the one that does not answer and connects to the next', async () => {
  const nobody = `amqp://guest:guest@127.0.0.1:${await testing.freePort()}/${h.vhost.name}`;
  const bus = await h.startBus([handler], { url: `${nobody},${h.vhost.url}` });
  const ids = await h.commitEvents(20);
  await testing.eventually(async () => expect(await h.appliedCount(handler.queue)).toEqual({ rows: ids.length, distinct: ids.length }));
  await bus.stop();
});

test('when its node dies, the bus moves to the next node of the list and loses nothing it relays or consumes', async () => {
  await h.knex('applied').del();
  const first = await NodeProxy.start(h.vhost.url);
  const second = await NodeProxy.start(h.vhost.url);
  const bus = await h.startBus([handler], { url: `${first.urlFor(h.vhost.url)},${second.urlFor(h.vhost.url)}`, relay: { pollIntervalMs: 100 } });
  expect(first.connections).toBe(2); // the publisher's and the consumers' connection
  expect(second.connections).toBe(0);
  const before = await h.commitEvents(200, 10);
  await first.kill();
  const after = await h.commitEvents(200, 10);
  await testing.eventually(async () => expect(await bus.readiness.check()).toBe(true), { timeoutMs: 15_000 });
  expect(second.connections).toBe(2);
  const all = before.length + after.length;
  await testing.eventually(async () => expect(await h.appliedCount(handler.queue)).toEqual({ rows: all, distinct: all }), { timeoutMs: 30_000 });
  await bus.stop();
  await second.kill();
});
