import { start as startCourses } from '@course-platform/courses';
import { start as startUsers } from '@course-platform/users';
import { start as startVideos } from '@course-platform/videos';
import type { FreshInfra } from '../fresh-infra';
import { EXCHANGE } from './video-events';

type Env = Record<string, string>;

/** What every service started in this process shares: a random port, the scenario's vhost, quiet logs. */
function baseEnv(infra: FreshInfra, role: string, extra: Env): NodeJS.ProcessEnv {
  return {
    PORT: '0',
    DATABASE_URL: infra.db.urlFor(role),
    RABBITMQ_URL: infra.vhost.url,
    EVENTS_EXCHANGE: EXCHANGE,
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** The videos service as it ships (default pool, prefetch and relay), started in-process by its own start(). */
export async function videosService(infra: FreshInfra, extra: Env = {}) {
  const service = await startVideos(baseEnv(infra, 'videos_service', extra));
  await service.bus.whenReady();
  return service;
}

export async function coursesService(infra: FreshInfra, extra: Env = {}) {
  const service = await startCourses(baseEnv(infra, 'courses_service', extra));
  await service.bus.whenReady();
  return service;
}

export async function usersService(infra: FreshInfra, smtpUrl: string, extra: Env = {}) {
  const service = await startUsers(baseEnv(infra, 'users_service', { SMTP_URL: smtpUrl, MAIL_FROM: 'bench@platform.test', ...extra }));
  await service.bus.whenReady();
  return service;
}

export const baseUrl = (service: { port: number }) => `http://127.0.0.1:${service.port}`;
