import { VideoCreated } from '@course-platform/shared-kernel';
import { testing } from '@course-platform/service-kit';
import { Registry } from 'prom-client';
import { messagingTesting, type EventBus } from '../../src';
import { toEnvelope } from '../../src/outbox';
import { createHarness, exchange, recordingHandler, videoCreated, type Harness } from '../support/harness';

let h: Harness;
let registry: Registry;
let bus: EventBus;
const handler = recordingHandler('courses.add_video_on_video_created');

beforeAll(async () => {
  h = await createHarness();
  registry = new Registry();
  bus = await h.startBus([handler], { metrics: registry });
});
afterAll(() => h.cleanup());

async function consumed(outcome: string): Promise<number> {
  const metric = await registry.getSingleMetric('messaging_messages_consumed_total')!.get();
  return metric.values.filter((v) => v.labels.outcome === outcome && v.labels.queue === handler.queue).reduce((sum, v) => sum + v.value, 0);
}

const publish = (body: string | object, routingKey: string = VideoCreated.name, messageId?: string) =>
  messagingTesting.publishRaw(h.vhost.url, exchange, routingKey, body, { messageId });

test('the same message delivered twice changes the handler state once', async () => {
  const envelope = toEnvelope(videoCreated(), 'videos');
  const duplicatesBefore = await consumed('duplicate');
  await publish(envelope, envelope.type, envelope.id);
  await publish(envelope, envelope.type, envelope.id);

  await testing.eventually(async () => expect(await consumed('duplicate')).toBe(duplicatesBefore + 1));
  expect(await h.knex('applied').where({ event_id: envelope.id }).count<{ count: string }[]>('* as count')).toEqual([{ count: '1' }]);
  // The inbox keeps the count of skipped copies for the console's journey.
  expect(await h.knex('inbox').where({ handler: handler.queue, event_id: envelope.id }).first()).toMatchObject({ duplicates: 1 });
});

test('an event delivered once leaves its inbox row with no duplicate and costs no statement more; each later copy counts one', async () => {
  const once = toEnvelope(videoCreated(), 'videos');
  const thrice = toEnvelope(videoCreated(), 'videos');
  const duplicatesBefore = await consumed('duplicate');
  // The bus shares the harness's knex: every statement the consumer sends passes here.
  const updates: string[] = [];
  const seeStatement = ({ sql }: { sql: string }) => void (/^update "?inbox/i.test(sql.trim()) && updates.push(sql));
  h.knex.on('query', seeStatement);
  try {
    await publish(once, once.type, once.id);
    await testing.eventually(async () => expect(await h.knex('applied').where({ event_id: once.id }).first()).toBeDefined());
    expect(updates).toEqual([]);
    for (let copy = 0; copy < 3; copy += 1) await publish(thrice, thrice.type, thrice.id);
    await testing.eventually(async () => expect(await consumed('duplicate')).toBe(duplicatesBefore + 2));
  } finally {
    h.knex.off('query', seeStatement);
  }
  const duplicates = async (eventId: string) => (await h.knex('inbox').where({ handler: handler.queue, event_id: eventId }).first())?.duplicates;
  expect(await duplicates(once.id)).toBe(0);
  expect(await duplicates(thrice.id)).toBe(2);
  expect(updates.length).toBeGreaterThanOrEqual(1);
});

test('malformed JSON, an unknown event and a schema-invalid payload go to the dead-letter queue at once, with reasons', async () => {
  const valid = toEnvelope(videoCreated(), 'videos');
  await publish('{"this is": not json');
  await publish({ ...valid, id: '0b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8', type: 'videos.renamed' });
  await publish({ ...valid, id: '1b1c2d3e-4f50-4a61-8b72-93a4b5c6d7e8', data: { ...(valid.data as object), durationSeconds: -5 } });
  // The consumer keeps running: a valid event published after the poison is applied.
  await publish(valid, valid.type, valid.id);
  await testing.eventually(async () => expect(await h.knex('applied').where({ event_id: valid.id }).first()).toBeDefined());

  const deadLetters = await testing.eventually(async () => {
    expect(await messagingTesting.readyCount(h.vhost.url, `${handler.queue}.dead_letter`)).toBe(3);
    return messagingTesting.drainQueue(h.vhost.url, `${handler.queue}.dead_letter`);
  }, { timeoutMs: 15_000 });
  const reasons = deadLetters.map((m) => m.headers['x-dead-letter-reason']).sort();
  expect(reasons).toEqual(['INVALID_PAYLOAD', 'MALFORMED_JSON', 'UNKNOWN_EVENT']);
  for (const message of deadLetters) {
    expect(message.headers['x-original-queue']).toBe(handler.queue);
    expect(message.headers['x-attempts']).toBe(1);
    expect(String(message.headers['x-error']).length).toBeGreaterThan(0);
  }
  expect(deadLetters.find((m) => m.headers['x-dead-letter-reason'] === 'INVALID_PAYLOAD')?.headers['x-error']).toMatch(/durationSeconds/);
  expect(bus.readiness).toBeDefined();
  expect(await bus.readiness.check()).toBe(true);
});
