import { deadLetterQueueName, messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { platformSubscriptions } from '../platform-subscriptions';
import type { FaultPlatform } from './fault-platform';
import { progress, type Progress } from './observations';

export interface Expected {
  videos: number;
  emails: number;
  deadLetters: number;
}

// The email deadline outlasts the users service's 2-minute delivery lease: a batch claimed by the killed
// process is sent again only once its lease has run out.
const EMAILS_WITHIN_MS = 200_000;

const deadLetterQueues = platformSubscriptions.flatMap(({ subscriptions }) => subscriptions.map((s) => deadLetterQueueName(s.queue)));

async function settled(what: string, timeoutMs: number, check: () => Promise<string | null>): Promise<string | null> {
  let last: string | null = what;
  try {
    await testing.eventually(
      async () => {
        last = await check();
        return last === null;
      },
      { timeoutMs, intervalMs: 250 },
    );
    return null;
  } catch {
    return `${what} within ${timeoutMs / 1_000} s: ${last}`;
  }
}

/**
 * Waits, each with a deadline, until the platform has done everything the load asked of it: the outbox
 * published, both consumers through every video, every email sent, every poison message dead-lettered.
 * Returns what did not settle in time (empty when all did); the verdict then shows the detail.
 */
export async function waitUntilSettled(platform: FaultPlatform, expected: Expected): Promise<string[]> {
  const url = platform.db.superuserUrl;
  const now = (): Promise<Progress> => progress(url);
  const results = [
    await settled('the videos outbox published', 60_000, async () => {
      const { unpublished } = await now();
      return unpublished === 0 ? null : `${unpublished} unpublished`;
    }),
    await settled('every videos.created handled by both consumers', 120_000, async () => {
      const { handledByCourses, handledByUsers } = await now();
      const done = handledByCourses >= expected.videos && handledByUsers >= expected.videos;
      return done ? null : `courses ${handledByCourses}, users ${handledByUsers} of ${expected.videos}`;
    }),
    await settled('every email queued and sent', EMAILS_WITHIN_MS, async () => {
      const { notifications, notificationsSent } = await now();
      const done = notifications >= expected.emails && notificationsSent === notifications;
      return done ? null : `${notificationsSent} sent of ${notifications} queued, ${expected.emails} expected`;
    }),
    await settled('every poison message dead-lettered', 30_000, async () => {
      const counts = await Promise.all(deadLetterQueues.map((queue) => messagingTesting.readyCount(platform.vhost.url, queue)));
      const total = counts.reduce((sum, count) => sum + count, 0);
      return total >= expected.deadLetters ? null : `${total} of ${expected.deadLetters} dead letters`;
    }),
  ];
  return results.filter((result): result is string => result !== null);
}
