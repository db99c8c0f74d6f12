// The real courses service for acceptance tests: a random port, its own database and vhost, a probe.
import { messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { CourseCreated, type DomainEvent } from '@course-platform/shared-kernel';
import { randomUUID } from 'node:crypto';
import { start, type RunningCoursesService } from '../../src/main';
import { envelopeOf } from './envelope';

export const EXCHANGE = 'videos';

export interface CoursesServiceUnderTest {
  service: RunningCoursesService;
  baseUrl: string;
  probe: messagingTesting.EventProbe;
  vhost: testing.TestVhost;
  close(): Promise<void>;
}

export async function startCoursesService(env: NodeJS.ProcessEnv = {}): Promise<CoursesServiceUnderTest> {
  const db = await testing.createTestDatabase();
  const vhost = await testing.createTestVhost();
  const service = await start({
    PORT: '0',
    DATABASE_URL: db.urlFor('courses_service'),
    RABBITMQ_URL: vhost.url,
    EVENTS_EXCHANGE: EXCHANGE,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RETRY_DELAYS_MS: '100,200,400',
    ...env,
  });
  await service.bus.whenReady();
  const probe = await messagingTesting.EventProbe.start(vhost.url, EXCHANGE);
  return {
    service,
    baseUrl: `http://127.0.0.1:${service.port}`,
    probe,
    vhost,
    close: async () => {
      await probe.stop();
      await service.stop();
      await vhost.drop();
      await db.drop();
    },
  };
}

export interface HttpAnswer {
  status: number;
  contentType: string | null;
  headers: Headers;
  body: Record<string, unknown> & { code?: string };
}

export async function call(baseUrl: string, method: string, path: string, body?: unknown): Promise<HttpAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: response.headers,
    body: text ? (JSON.parse(text) as HttpAnswer['body']) : {},
  };
}

/** Publishes an event as its producing service does: routing key and AMQP type = event name, messageId = id. */
export function publishEvent(sut: CoursesServiceUnderTest, event: DomainEvent, producer: string): Promise<void> {
  return messagingTesting.publishRaw(sut.vhost.url, EXCHANGE, event.type, envelopeOf(event, producer), { messageId: event.id, type: event.type });
}

/** How many messages a queue's consumer settled with this outcome, from the service's own metrics. */
export async function consumed(sut: CoursesServiceUnderTest, queue: string, outcome: string): Promise<number> {
  const metrics = await (await fetch(`${sut.baseUrl}/metrics`)).text();
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith('messaging_messages_consumed_total{') && l.includes(`queue="${queue}"`) && l.includes(`outcome="${outcome}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/**
 * Every event of an aggregate the service will ever publish for what it was asked so far, as the probe saw it:
 * once the outbox holds nothing of it unpublished, a marker published after it and seen by the probe (its
 * queue is FIFO) means everything confirmed before has arrived too.
 */
export async function everythingPublishedFor(sut: CoursesServiceUnderTest, aggregateId: string): Promise<DomainEvent[]> {
  await testing.eventually(async () => {
    const rows = await sut.service.knex<{ envelope: string }>('outbox').whereNull('published_at');
    const pending = rows.filter((row) => (JSON.parse(row.envelope) as { aggregateId: string }).aggregateId === aggregateId);
    if (pending.length > 0) throw new Error(`${pending.length} events of ${aggregateId} not yet published`);
  });
  const markerId = randomUUID();
  await publishEvent(sut, CourseCreated.create(markerId, { courseId: markerId, title: 'probe marker', description: '' }), 'courses');
  await sut.probe.waitFor('courses.created', { aggregateId: markerId });
  return sut.probe.received.filter((event) => event.aggregateId === aggregateId);
}
