import { testing } from '@course-platform/service-kit';
import { randomUUID } from 'node:crypto';
import { discardDeadLetter, findRetryingCopy, messagingTesting, replayDeadLetter, replayDeadLetters, listDeadLetters, retryQueueName } from '../../src';
import { createHarness, recordingHandler, videoCreated, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.cleanup());

const retryDelaysMs = [100, 400];

test('a handler that fails twice then succeeds is applied after two retries, with growing delays', async () => {
  const attempts = new Map<string, number[]>();
  const handler = recordingHandler('courses.flaky_on_video_created', (event) => {
    const times = attempts.get(event.id) ?? [];
    times.push(Date.now());
    attempts.set(event.id, times);
    if (times.length <= 2) throw new Error(`transient failure ${times.length}`);
  });
  await h.startBus([handler], { retryDelaysMs });
  const [id] = await h.commitEvents(1);

  await testing.eventually(async () => expect(await h.appliedCount(handler.queue)).toEqual({ rows: 1, distinct: 1 }));
  const [first, second, third] = attempts.get(id!)!;
  expect(attempts.get(id!)).toHaveLength(3);
  const gaps = [second! - first!, third! - second!];
  expect(gaps[0]).toBeGreaterThanOrEqual(retryDelaysMs[0]! - 10);
  expect(gaps[1]).toBeGreaterThanOrEqual(retryDelaysMs[1]! - 10);
  expect(gaps[1]).toBeGreaterThan(gaps[0]!);
});

test('a copy waiting between two attempts is found in its retry queue, with what the console shows, and stays there', async () => {
  const handler = recordingHandler('courses.patient_on_video_created', () => {
    throw new Error('the course is not known yet');
  });
  const delay = 60_000;
  await h.startBus([handler], { retryDelaysMs: [delay] });
  const failedBefore = Date.now();
  const [id] = await h.commitEvents(1);
  const queues = [retryQueueName(handler.queue, delay)];

  const copy = await testing.eventually(async () => {
    const found = await findRetryingCopy(h.vhost.url, queues, id!);
    expect(found).not.toBeNull();
    return found!;
  });
  expect(copy).toMatchObject({ queue: queues[0], delayMs: delay, nextAttempt: 2, lastError: 'the course is not known yet' });
  expect(Date.parse(copy.retriedAt ?? '')).toBeGreaterThanOrEqual(failedBefore - 1_000);
  expect(await findRetryingCopy(h.vhost.url, queues, randomUUID())).toBeNull();
  // Looking is read-only: the copy waits on for its delay.
  expect(await messagingTesting.readyCount(h.vhost.url, queues[0]!)).toBe(1);
});

test('a handler that always fails dead-letters past the limit with its reason, while the queue keeps flowing; replay handles it once fixed', async () => {
  const broken = new Set<string>();
  const handler = recordingHandler('courses.picky_on_video_created', (event) => {
    if (broken.has(event.id)) throw new Error('the course catalog rejects this video');
  });
  const bus = await h.startBus([handler], { retryDelaysMs });
  const poison = videoCreated();
  const poisoned = poison.id;
  broken.add(poisoned);
  await h.knex.transaction((trx) => bus.outbox.append(trx, [poison]));
  const healthy = await h.commitEvents(20);

  await testing.eventually(async () => expect(await h.appliedCount(handler.queue)).toEqual({ rows: 20, distinct: 20 }));
  const report = await testing.eventually(async () => {
    const r = await listDeadLetters(h.vhost.url, handler.queue);
    expect(r.count).toBe(1);
    return r;
  });
  expect(report.messages[0]).toMatchObject({ messageId: poisoned, reason: 'HANDLER_FAILED', attempts: retryDelaysMs.length + 1 });
  expect(report.messages[0]!.error).toContain('rejects this video');
  expect(await h.knex('applied').where({ handler: handler.queue }).whereIn('event_id', healthy).count<{ count: string }[]>('* as count')).toEqual([{ count: '20' }]);
  // Listing is read-only: the dead letter is still there.
  expect(await messagingTesting.readyCount(h.vhost.url, `${handler.queue}.dead_letter`)).toBe(1);

  broken.clear(); // the cause is fixed
  expect(await replayDeadLetters(h.vhost.url, handler.queue)).toBe(1);
  await testing.eventually(async () => expect(await h.knex('applied').where({ event_id: poisoned }).first()).toBeDefined());
  expect(await messagingTesting.readyCount(h.vhost.url, `${handler.queue}.dead_letter`)).toBe(0);
});

test('replay moves only what was dead-lettered when it started, even if a message fails again at once', async () => {
  const handler = recordingHandler('courses.strict_on_video_created');
  await h.startBus([handler], { retryDelaysMs });
  await messagingTesting.publishRaw(h.vhost.url, 'videos', 'videos.created', '{"not": json');
  await testing.eventually(async () => expect(await messagingTesting.readyCount(h.vhost.url, `${handler.queue}.dead_letter`)).toBe(1));

  expect(await replayDeadLetters(h.vhost.url, handler.queue, 25)).toBe(1);
  // It is malformed still, so it is dead-lettered again, and stays there.
  await testing.eventually(async () => expect(await messagingTesting.readyCount(h.vhost.url, `${handler.queue}.dead_letter`)).toBe(1));
});

test('one dead letter is replayed or discarded by its event id, the others staying where they are', async () => {
  const broken = new Set<string>();
  const handler = recordingHandler('courses.choosy_on_video_created', (event) => {
    if (broken.has(event.id)) throw new Error('not yet');
  });
  const bus = await h.startBus([handler], { retryDelaysMs });
  const [kept, replayed, discarded] = [videoCreated(), videoCreated(), videoCreated()];
  for (const event of [kept, replayed, discarded]) broken.add(event.id);
  await h.knex.transaction((trx) => bus.outbox.append(trx, [kept, replayed, discarded]));
  const report = await testing.eventually(async () => {
    const r = await listDeadLetters(h.vhost.url, handler.queue);
    expect(r.count).toBe(3);
    return r;
  });
  const listed = report.messages.find((message) => message.messageId === replayed.id);
  expect(listed).toMatchObject({ type: 'videos.created', aggregateId: replayed.aggregateId, payload: { id: replayed.id, data: replayed.data } });
  expect(Date.parse(listed!.firstFailedAt!)).toBeLessThan(Date.parse(listed!.deadLetteredAt!));

  broken.delete(replayed.id);
  expect(await replayDeadLetter(h.vhost.url, handler.queue, replayed.id)).toBe(true);
  expect(await discardDeadLetter(h.vhost.url, handler.queue, discarded.id)).toBe(true);
  expect(await discardDeadLetter(h.vhost.url, handler.queue, discarded.id)).toBe(false);
  await testing.eventually(async () => expect(await h.knex('applied').where({ event_id: replayed.id }).first()).toBeDefined());
  const left = await listDeadLetters(h.vhost.url, handler.queue);
  expect(left.messages.map((message) => message.messageId)).toEqual([kept.id]);
  expect(await h.knex('applied').where({ handler: handler.queue }).whereIn('event_id', [kept.id, discarded.id]).first()).toBeUndefined();
});

test('the dead-letter tools name a queue that does not exist and say what to check', async () => {
  const missing = 'courses.never_declared_on_video_created';
  await expect(listDeadLetters(h.vhost.url, missing)).rejects.toThrow(`no queue ${missing}.dead_letter on this broker: check the handler queue's name`);
  await expect(replayDeadLetters(h.vhost.url, missing)).rejects.toThrow(`no queue ${missing} on this broker`);
});
