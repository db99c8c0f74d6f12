import { messagingTesting } from '@course-platform/messaging';
import { randomUUID } from 'node:crypto';
import { testing } from '@course-platform/service-kit';
import { CourseCreated } from '@course-platform/shared-kernel';
import { start, type RunningVideosService } from '../../src/main';

export const EXCHANGE = 'videos';

export interface VideosServiceUnderTest {
  service: RunningVideosService;
  baseUrl: string;
  probe: messagingTesting.EventProbe;
  vhost: testing.TestVhost;
  close(): Promise<void>;
}

/** The real service on a random port, with its own database and vhost, and a probe on its exchange. */
export async function startVideosService(env: NodeJS.ProcessEnv = {}): Promise<VideosServiceUnderTest> {
  const db = await testing.createTestDatabase();
  const vhost = await testing.createTestVhost();
  const service = await start({
    PORT: '0',
    DATABASE_URL: db.urlFor('videos_service'),
    RABBITMQ_URL: vhost.url,
    EVENTS_EXCHANGE: EXCHANGE,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RETRY_DELAYS_MS: '50,100,200',
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
  correlationId: string | null;
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
    correlationId: response.headers.get('x-correlation-id'),
    body: text ? (JSON.parse(text) as HttpAnswer['body']) : {},
  };
}

/**
 * Every event of an aggregate the service will ever publish for what it was asked so far, as the probe saw it.
 * It waits until the outbox holds nothing of the aggregate still unconfirmed, then sends a marker event after
 * them and waits for it: the probe's queue is FIFO, so once the marker is in, everything confirmed before it is.
 */
export async function everythingPublishedFor(sut: VideosServiceUnderTest, aggregateId: string): Promise<messagingTesting.EventProbe['received']> {
  await testing.eventually(async () => {
    const rows = await sut.service.knex<{ envelope: string; published_at: Date | null }>('outbox').whereNull('published_at');
    const pending = rows.filter((row) => (JSON.parse(row.envelope) as { aggregateId: string }).aggregateId === aggregateId);
    if (pending.length > 0) throw new Error(`${pending.length} events of ${aggregateId} not yet published`);
  });
  const markerId = randomUUID();
  const marker = CourseCreated.create(markerId, { courseId: markerId, title: 'probe marker', description: '' });
  await messagingTesting.publishRaw(sut.vhost.url, EXCHANGE, marker.type, { ...marker, meta: { correlationId: markerId, causationId: null, producer: 'courses' } });
  await sut.probe.waitFor(marker.type, { aggregateId: markerId });
  return sut.probe.received.filter((event) => event.aggregateId === aggregateId);
}
