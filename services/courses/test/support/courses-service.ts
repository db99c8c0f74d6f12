// The real courses service for acceptance tests: a random port, its own database and vhost, a probe.
import { messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { start, type RunningCoursesService } from '../../src/main';

export const { call } = testing;
export const { everythingPublishedFor } = messagingTesting;
export const consumed = messagingTesting.consumedCount;

export type CoursesServiceUnderTest = messagingTesting.ServiceUnderTest<RunningCoursesService>;

export function startCoursesService(env: NodeJS.ProcessEnv = {}): Promise<CoursesServiceUnderTest> {
  return messagingTesting.startServiceUnderTest(start, { role: 'courses_service', env: { RETRY_DELAYS_MS: '100,200,400', ...env } });
}
