import { start as startVideos } from '@course-platform/videos';
import type { FreshInfra } from '../fresh-infra';
import { EXCHANGE } from './video-events';

type Env = Record<string, string>;

/** What every service started by the bench shares: a random port, the scenario's vhost, quiet logs. */
export function serviceEnv(infra: FreshInfra, role: string, extra: Env = {}): Env {
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
  const service = await startVideos(serviceEnv(infra, 'videos_service', extra));
  await service.bus.whenReady();
  return service;
}

export const baseUrl = (service: { port: number }) => `http://127.0.0.1:${service.port}`;
