import { subscriptions as courses } from '@course-platform/courses';
import type { RetryingCopy } from '@course-platform/messaging';
import { FollowEvent } from '../../src/application/follow-event';
import type { BrokerStats, DeadLetterStore, EventRecords, RetryQueues, ServiceDirectory } from '../../src/application/ports';
import { PlatformMap } from '../../src/domain/platform-map';

const map = new PlatformMap([{ service: 'courses', subscriptions: courses }]);
const queue = 'courses.add_video_on_video_created';
const eventId = '7d1e2f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

const directoryWith = (records: EventRecords[]): ServiceDirectory => ({
  statusOfAll: async () => [],
  eventRecords: async () => records,
  search: async () => [],
  emailsOf: async () => [],
});
const noDeadLetters: DeadLetterStore = {
  list: async () => ({ count: 0, messages: [] }),
  retryOne: async () => false,
  retryAll: async () => 0,
  discardOne: async () => false,
};
const broker: BrokerStats = {
  queues: async () =>
    [queue, `${queue}.retry.30000ms`, `${queue}.retry.1000ms`, `${queue}.dead_letter`, 'users.send_email_on_video_created.retry.1000ms'].map((name) => ({
      name,
      messages: 0,
      consumers: 0,
      rateIn: 0,
      rateOut: 0,
    })),
};

/** Retry queues holding the copies the test puts there, recording which queues the journey looked in. */
class RetryQueuesHolding implements RetryQueues {
  readonly looked: string[][] = [];
  constructor(private readonly copies: RetryingCopy[]) {}
  async find(queues: readonly string[], id: string) {
    this.looked.push([...queues]);
    return id === eventId ? (this.copies.find((copy) => queues.includes(copy.queue)) ?? null) : null;
  }
}

const handledBy = (duplicates: number): EventRecords => ({
  service: 'courses',
  outbox: null,
  inbox: [{ handler: queue, handledAt: '2026-12-04T08:00:00.000Z', duplicates }],
});

test('a handled event shows how many redelivered copies the inbox skipped, and no retry queue is read', async () => {
  const retries = new RetryQueuesHolding([]);
  const journey = await new FollowEvent(map, directoryWith([handledBy(2)]), noDeadLetters, broker, retries).execute(eventId);
  expect(journey.handlers).toEqual([{ queue, service: 'courses', outcome: { state: 'handled', at: '2026-12-04T08:00:00.000Z', duplicates: 2 } }]);
  expect(retries.looked).toEqual([]);
});

test("a copy in one of its handler queue's retry queues is retrying, due at its retry time plus the queue's delay", async () => {
  const retriedAt = new Date(Date.now() - 10_000).toISOString();
  const copy: RetryingCopy = { queue: `${queue}.retry.30000ms`, delayMs: 30_000, nextAttempt: 3, lastError: 'course not known yet', retriedAt, firstFailedAt: undefined };
  const retries = new RetryQueuesHolding([copy]);
  const committed = { service: 'videos', outbox: { eventId, type: 'videos.created', aggregateId: null, correlationId: null, createdAt: retriedAt, publishedAt: retriedAt, traceId: null, envelope: {} }, inbox: [] };
  const journey = await new FollowEvent(map, directoryWith([committed]), noDeadLetters, broker, retries).execute(eventId);

  const [handler] = journey.handlers;
  expect(handler?.outcome).toMatchObject({ state: 'retrying', copy });
  const nextIn = handler?.outcome.state === 'retrying' ? handler.outcome.nextInSeconds : null;
  expect(nextIn).toBeGreaterThanOrEqual(19);
  expect(nextIn).toBeLessThanOrEqual(20);
  // Its own retry queues only, shortest delay first.
  expect(retries.looked).toEqual([[`${queue}.retry.1000ms`, `${queue}.retry.30000ms`]]);
});
