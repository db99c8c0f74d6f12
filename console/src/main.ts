// The console's composition root: config -> the services' admin endpoints, the broker, the dead letters, the
// retry queues and the audit log -> the web app -> listen on loopback by default. It owns no data and no schema.
import { subscriptions as courses } from '@course-platform/courses';
import { createLogger, listen, loadConfig, runService, type Logger } from '@course-platform/service-kit';
import { subscriptions as users } from '@course-platform/users';
import { subscriptions as videos } from '@course-platform/videos';
import { FollowEvent } from './application/follow-event';
import { ReadOverview } from './application/read-overview';
import { consoleConfigSchema } from './config';
import { PlatformMap } from './domain/platform-map';
import { redactedUrl } from './domain/redacted-url';
import { AmqpDeadLetterStore } from './infrastructure/amqp-dead-letter-store';
import { AmqpRetryQueues } from './infrastructure/amqp-retry-queues';
import { FileAuditLog } from './infrastructure/file-audit-log';
import { HttpServiceDirectory } from './infrastructure/http-service-directory';
import { createConsoleApp } from './infrastructure/http/console-app';
import { ManagementBrokerStats } from './infrastructure/management-broker-stats';

export interface RunningConsole {
  port: number;
  logger: Logger;
  shutdownTimeoutMs: number;
  stop(): Promise<void>;
}

export async function start(env: NodeJS.ProcessEnv = process.env): Promise<RunningConsole> {
  const config = loadConfig(consoleConfigSchema, env);
  const logger = createLogger({ service: 'console', level: config.LOG_LEVEL });
  const map = new PlatformMap([
    { service: 'videos', subscriptions: videos },
    { service: 'courses', subscriptions: courses },
    { service: 'users', subscriptions: users },
  ]);
  const directory = new HttpServiceDirectory(
    [
      { service: 'videos', urls: config.VIDEOS_URL },
      { service: 'courses', urls: config.COURSES_URL },
      { service: 'users', urls: config.USERS_URL },
    ],
    config.ADMIN_TOKEN,
  );
  const broker = new ManagementBrokerStats({ url: config.RABBITMQ_MANAGEMENT_URL, amqpUrl: config.RABBITMQ_URL });
  const deadLetters = new AmqpDeadLetterStore(config.RABBITMQ_URL);
  const app = createConsoleApp({
    map,
    exchange: config.EVENTS_EXCHANGE,
    readOverview: new ReadOverview(map, directory, broker),
    followEvent: new FollowEvent(map, directory, deadLetters, broker, new AmqpRetryQueues(config.RABBITMQ_URL)),
    directory,
    deadLetters,
    audit: new FileAuditLog(config.AUDIT_LOG_FILE, logger),
    adminToken: config.ADMIN_TOKEN,
    traceUrl: config.TRACE_URL,
    logger,
  });
  const http = await listen(app, config.PORT, config.HOST);
  logger.info(
    { host: config.HOST, port: http.port, broker: redactedUrl(config.RABBITMQ_URL), actions: config.ADMIN_TOKEN ? 'enabled' : 'read-only' },
    'console listening',
  );
  return { port: http.port, logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS, stop: () => http.close() };
}

if (require.main === module) void runService(() => start());
