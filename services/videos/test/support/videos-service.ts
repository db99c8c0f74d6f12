// The real videos service for acceptance tests: a random port, its own database and vhost, a probe.
import { messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { start, type RunningVideosService } from '../../src/main';

export const EXCHANGE = messagingTesting.TEST_EXCHANGE;
export const { call } = testing;
export const { everythingPublishedFor } = messagingTesting;

export type VideosServiceUnderTest = messagingTesting.ServiceUnderTest<RunningVideosService>;

export function startVideosService(env: NodeJS.ProcessEnv = {}): Promise<VideosServiceUnderTest> {
  return messagingTesting.startServiceUnderTest(start, { role: 'videos_service', env: { RETRY_DELAYS_MS: '50,100,200', ...env } });
}
