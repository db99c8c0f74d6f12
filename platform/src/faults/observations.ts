import { listDeadLetters, type DeadLetter, type messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { Client } from 'pg';
import { platformSubscriptions } from '../platform-subscriptions';
import type { FaultPlatform } from './fault-platform';
import type { SeededCourse } from './load-generator';
import type { RecordingClient } from './recording-client';

export const COURSES_QUEUE = 'courses.add_video_on_video_created';
export const USERS_QUEUE = 'users.send_email_on_video_created';

/** What the platform did, read at the end from its databases, its APIs, the broker and the SMTP sink. */
export interface Observations {
  /** videos.created in the videos outbox: event id and video id. */
  produced: Array<{ eventId: string; videoId: string }>;
  unpublished: number;
  handled: { courses: Set<string>; users: Set<string> };
  notifications: { total: number; sent: number };
  /** Each course's list of video ids as GET /courses/:id answers it. */
  courseLists: Map<string, string[]>;
  emails: readonly testing.ReceivedMail[];
  /** Copies of each videos.created event id the exchange routed (through the tap). */
  publishedCopies: Map<string, number>;
  deadLetters: Array<DeadLetter & { queue: string }>;
}

async function query<T>(superuserUrl: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

export interface Progress {
  unpublished: number;
  handledByCourses: number;
  handledByUsers: number;
  notifications: number;
  notificationsSent: number;
}

export async function progress(superuserUrl: string): Promise<Progress> {
  const [row] = await query<Record<keyof Progress, string>>(
    superuserUrl,
    `select
       (select count(*) from videos.outbox where published_at is null) as "unpublished",
       (select count(*) from courses.inbox where handler = '${COURSES_QUEUE}') as "handledByCourses",
       (select count(*) from users.inbox where handler = '${USERS_QUEUE}') as "handledByUsers",
       (select count(*) from users.notifications) as "notifications",
       (select count(*) from users.notifications where status = 'sent') as "notificationsSent"`,
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, Number(value)])) as unknown as Progress;
}

const handlerQueues = platformSubscriptions.flatMap(({ subscriptions }) => subscriptions.map((s) => s.queue));

export async function deadLetters(vhostUrl: string): Promise<Observations['deadLetters']> {
  const reports = await Promise.all(handlerQueues.map(async (queue) => ({ queue, report: await listDeadLetters(vhostUrl, queue) })));
  return reports.flatMap(({ queue, report }) => report.messages.map((message) => ({ ...message, queue })));
}

function copiesOf(tapped: readonly messagingTesting.QueuedMessage[]): Map<string, number> {
  const copies = new Map<string, number>();
  for (const message of tapped) {
    if (message.type !== 'videos.created' || !message.messageId) continue;
    copies.set(message.messageId, (copies.get(message.messageId) ?? 0) + 1);
  }
  return copies;
}

export async function observe(platform: FaultPlatform, client: RecordingClient, courses: readonly SeededCourse[]): Promise<Observations> {
  const url = platform.db.superuserUrl;
  const produced = await query<{ eventId: string; videoId: string }>(
    url,
    `select event_id as "eventId", envelope::json->>'aggregateId' as "videoId" from videos.outbox where type = 'videos.created'`,
  );
  const inbox = async (schema: string, queue: string) =>
    new Set((await query<{ event_id: string }>(url, `select event_id from ${schema}.inbox where handler = '${queue}'`)).map((row) => row.event_id));
  const { unpublished, notifications, notificationsSent } = await progress(url);
  const courseLists = new Map<string, string[]>();
  for (const course of courses) {
    const answer = await testing.eventually(async () => {
      const got = await client.send('courses', platform.url('courses'), 'GET', `/courses/${course.id}`, 'GET /courses/:id');
      if (got.status !== 200) throw new Error(`GET /courses/${course.id}: HTTP ${got.status}`);
      return got.body as { videos: Array<{ videoId: string }> };
    });
    courseLists.set(course.id, answer.videos.map((video) => video.videoId));
  }
  return {
    produced,
    unpublished,
    handled: { courses: await inbox('courses', COURSES_QUEUE), users: await inbox('users', USERS_QUEUE) },
    notifications: { total: notifications, sent: notificationsSent },
    courseLists,
    emails: platform.sink.received,
    publishedCopies: copiesOf(await platform.tap.drain()),
    deadLetters: await deadLetters(platform.vhost.url),
  };
}
