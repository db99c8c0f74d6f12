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
  /** Each service's replicas; the first one takes the load's HTTP requests, all of them relay and consume. */
  services: Record<ServiceName, ChildService[]>;
  /** Every replica of every service. */
  all: ChildService[];
  url(name: ServiceName): string;
  logPath: string;
}

export interface FaultPlatformOptions {
  /** Processes of each service: replicas share its database schema and its queues. */
  replicas: number;
  /** Settings of every service process over the suite's own (QUEUE_TYPE, say). */
  env: NodeJS.ProcessEnv;
  tapQueueType: 'classic' | 'quorum';
}

function launchOf(name: ServiceName, port: number, db: testing.TestDatabase, vhost: testing.TestVhost, sink: testing.SmtpSink, extra: NodeJS.ProcessEnv): ServiceLaunch {
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
      ...extra,
    },
  };
}

function logFile(path: string, cleanup: CleanupStack): WriteStream {
  const stream = createWriteStream(path, { flags: 'a' });
  cleanup.push('close the log file', () => new Promise((resolve) => stream.end(resolve)));
  return stream;
}

/**
 * The three services (each in `replicas` processes) as child processes, in a database and a vhost of their
 * own, mailing to a sink in this process, with a tap on the exchange. Everything it creates is pushed on
 * `cleanup` as soon as it exists.
 */
export async function startFaultPlatform(
  cleanup: CleanupStack,
  logPath: string,
  options: FaultPlatformOptions,
  starting: (database: string, vhost: string) => void,
): Promise<FaultPlatform> {
  const log = logFile(logPath, cleanup);
  const db = await testing.createTestDatabase();
  cleanup.push(`drop database ${db.name}`, () => db.drop());
  const vhost = await testing.createTestVhost();
  cleanup.push(`drop vhost ${vhost.name}`, () => vhost.drop());
  const sink = await testing.SmtpSink.start();
  cleanup.push('stop the SMTP sink', () => sink.stop());
  const tap = await ExchangeTap.bind(vhost.url, platformExchange, options.tapQueueType);
  starting(db.name, vhost.name);

  const writeLine = (line: string) => log.write(`${line}\n`);
  const replicasOf = (name: ServiceName) =>
    Promise.all(
      Array.from({ length: options.replicas }, async () => new ChildService(launchOf(name, await testing.freePort(), db, vhost, sink, options.env), writeLine, false)),
    );
  const entries = await Promise.all(serviceNames.map(async (name) => [name, await replicasOf(name)] as const));
  const services = Object.fromEntries(entries) as Record<ServiceName, ChildService[]>;
  const all = Object.values(services).flat();
  // Should this process die without cleaning up, it leaves no service running.
  const killAll = () => all.forEach((service) => service.kill());
  process.on('exit', killAll);
  cleanup.push('stop the services', async () => {
    process.off('exit', killAll);
    await Promise.all(all.map((service) => service.stop('SIGTERM', 15_000)));
  });
  for (const service of all) service.start();
  await Promise.all(all.map((service) => service.waitReady(90_000)));
  return { db, vhost, sink, tap, services, all, url: (name) => services[name][0]!.url, logPath };
}
