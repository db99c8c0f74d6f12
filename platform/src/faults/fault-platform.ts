import { createWriteStream, type WriteStream } from 'node:fs';
import { testing } from '@course-platform/service-kit';
import { ChildService } from '../launcher/child-service';
import type { ServiceLaunch } from '../launcher/platform-env';
import { platformExchange } from '../platform-subscriptions';
import type { CleanupStack } from './cleanup-stack';
import { ExchangeTap } from './exchange-tap';

export type ServiceName = ServiceLaunch['name'];
export const serviceNames: readonly ServiceName[] = ['videos', 'courses', 'users'];

/** Short retry delays, so that a handler failing during a fault is retried (and can be seen to) within the run. */
export const FAULT_RETRY_DELAYS_MS = '200,500,1000,2000,5000';

export interface FaultPlatform {
  db: testing.TestDatabase;
  vhost: testing.TestVhost;
  sink: testing.SmtpSink;
  tap: ExchangeTap;
  services: Record<ServiceName, ChildService>;
  url(name: ServiceName): string;
  logPath: string;
}

function launchOf(name: ServiceName, port: number, db: testing.TestDatabase, vhost: testing.TestVhost, sink: testing.SmtpSink): ServiceLaunch {
  const mail = { SMTP_URL: sink.url, MAIL_FROM: 'courses@faults.test', MAIL_POLL_INTERVAL_MS: '200', MAIL_RETRY_BASE_MS: '100', MAIL_RETRY_MAX_MS: '1000' };
  return {
    name,
    port,
    env: {
      PORT: String(port),
      DATABASE_URL: db.urlFor(`${name}_service`),
      RABBITMQ_URL: vhost.url,
      EVENTS_EXCHANGE: platformExchange,
      RETRY_DELAYS_MS: FAULT_RETRY_DELAYS_MS,
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn',
      ...(name === 'users' ? mail : {}),
    },
  };
}

function logFile(path: string, cleanup: CleanupStack): WriteStream {
  const stream = createWriteStream(path, { flags: 'a' });
  cleanup.push('close the log file', () => new Promise((resolve) => stream.end(resolve)));
  return stream;
}

/**
 * The three services as child processes, in a database and a vhost of their own, mailing to a sink in this
 * process, with a tap on the exchange. Everything it creates is pushed on `cleanup` as soon as it exists.
 */
export async function startFaultPlatform(cleanup: CleanupStack, logPath: string, starting: (database: string, vhost: string) => void): Promise<FaultPlatform> {
  const log = logFile(logPath, cleanup);
  const db = await testing.createTestDatabase();
  cleanup.push(`drop database ${db.name}`, () => db.drop());
  const vhost = await testing.createTestVhost();
  cleanup.push(`drop vhost ${vhost.name}`, () => vhost.drop());
  const sink = await testing.SmtpSink.start();
  cleanup.push('stop the SMTP sink', () => sink.stop());
  const tap = await ExchangeTap.bind(vhost.url, platformExchange);
  starting(db.name, vhost.name);

  const writeLine = (line: string) => log.write(`${line}\n`);
  const entries = await Promise.all(
    serviceNames.map(async (name) => [name, new ChildService(launchOf(name, await testing.freePort(), db, vhost, sink), writeLine, false)] as const),
  );
  const services = Object.fromEntries(entries) as Record<ServiceName, ChildService>;
  // Should this process die without cleaning up, it leaves no service running.
  const killAll = () => Object.values(services).forEach((service) => service.kill());
  process.on('exit', killAll);
  cleanup.push('stop the services', async () => {
    process.off('exit', killAll);
    await Promise.all(Object.values(services).map((service) => service.stop('SIGTERM', 15_000)));
  });
  for (const service of Object.values(services)) service.start();
  await Promise.all(Object.values(services).map((service) => service.waitReady(90_000)));
  return { db, vhost, sink, tap, services, url: (name) => services[name].url, logPath };
}
