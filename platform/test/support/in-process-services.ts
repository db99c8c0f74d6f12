// The three services started in this process with their own start(env), as their acceptance tests do.
import { start as startCourses } from '@course-platform/courses';
import type { EventBus } from '@course-platform/messaging';
import { testing, type Knex } from '@course-platform/service-kit';
import { start as startUsers } from '@course-platform/users';
import { start as startVideos } from '@course-platform/videos';
import { platformExchange } from '../../src/platform-subscriptions';

export type ServiceName = 'videos' | 'courses' | 'users';

export interface InProcessService {
  name: ServiceName;
  baseUrl: string;
  knex: Knex;
  bus: EventBus;
  stop(): Promise<void>;
}

const starters = { videos: startVideos, courses: startCourses, users: startUsers };

/**
 * One service on a random port in the given database and vhost (which the caller drops), quiet, with short
 * retry delays, once its bus has declared its topology.
 */
export async function startInProcess(
  name: ServiceName,
  db: testing.TestDatabase,
  vhost: testing.TestVhost,
  env: NodeJS.ProcessEnv = {},
): Promise<InProcessService> {
  const running = await testing.startTestService(starters[name], {
    role: `${name}_service`,
    db,
    vhost,
    env: { EVENTS_EXCHANGE: platformExchange, RETRY_DELAYS_MS: '100,200,400', ...env },
  });
  const { knex, bus } = running.service;
  await bus.whenReady();
  return { name, baseUrl: running.baseUrl, knex, bus, stop: running.close };
}

/** The environment the users service needs to send mail to `smtpUrl`, polling often so tests stay quick. */
export const mailEnv = (smtpUrl: string): NodeJS.ProcessEnv => ({
  SMTP_URL: smtpUrl,
  MAIL_FROM: 'courses@platform.test',
  MAIL_POLL_INTERVAL_MS: '100',
  MAIL_RETRY_BASE_MS: '50',
  MAIL_RETRY_MAX_MS: '400',
});
