import { messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import type { DomainEvent } from '@course-platform/shared-kernel';
import { randomUUID } from 'node:crypto';
import { start, type RunningUsersService } from '../../src/main';
import { SmtpSink } from './smtp-sink';

export const EXCHANGE = 'videos';

export interface UsersServiceUnderTest {
  service: RunningUsersService;
  baseUrl: string;
  probe: messagingTesting.EventProbe;
  vhost: testing.TestVhost;
  /** Publishes an event as its producing service would: routing key = type, messageId = id. */
  publish(event: DomainEvent, producer: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real service on a random port, with its own database and vhost, a probe on its exchange, and mail
 * going to `smtpUrl` (an SmtpSink in the test process). Delays are short so retries happen within a test.
 */
export async function startUsersService(smtpUrl: string, env: NodeJS.ProcessEnv = {}): Promise<UsersServiceUnderTest> {
  const db = await testing.createTestDatabase();
  const vhost = await testing.createTestVhost();
  const service = await start({
    PORT: '0',
    DATABASE_URL: db.urlFor('users_service'),
    RABBITMQ_URL: vhost.url,
    EVENTS_EXCHANGE: EXCHANGE,
    SMTP_URL: smtpUrl,
    MAIL_FROM: 'courses@platform.test',
    MAIL_POLL_INTERVAL_MS: '100',
    MAIL_RETRY_BASE_MS: '50',
    MAIL_RETRY_MAX_MS: '400',
    LOG_LEVEL: 'silent',
    RETRY_DELAYS_MS: '50,100,200,400,400,400,400,400',
    ...env,
  });
  await service.bus.whenReady();
  const probe = await messagingTesting.EventProbe.start(vhost.url, EXCHANGE);
  return {
    service,
    baseUrl: `http://127.0.0.1:${service.port}`,
    probe,
    vhost,
    publish: (event, producer) =>
      messagingTesting.publishRaw(
        vhost.url,
        EXCHANGE,
        event.type,
        { ...event, meta: { correlationId: randomUUID(), causationId: null, producer } },
        { messageId: event.id, type: event.type },
      ),
    close: async () => {
      await probe.stop();
      await service.stop();
      await vhost.drop();
      await db.drop();
    },
  };
}

/** A mail sink and the service sending to it, stopped together. */
export async function startUsersServiceWithMail(env: NodeJS.ProcessEnv = {}): Promise<{ sut: UsersServiceUnderTest; sink: SmtpSink; close(): Promise<void> }> {
  const sink = await SmtpSink.start();
  const sut = await startUsersService(sink.url, env);
  return {
    sut,
    sink,
    close: async () => {
      await sut.close();
      await sink.stop();
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

/** A counter of the service's /metrics, e.g. messages a queue consumed with one outcome. */
export async function metricValue(sut: UsersServiceUnderTest, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${sut.baseUrl}/metrics`)).text();
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && wanted.every((label) => candidate.includes(label)));
  return line ? Number(line.split(' ').pop()) : 0;
}
