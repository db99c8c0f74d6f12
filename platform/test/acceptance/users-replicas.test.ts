import { randomUUID } from 'node:crypto';
import { messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { CourseCreated, VideoCreated, type DomainEvent } from '@course-platform/shared-kernel';
import { platformExchange } from '../../src/platform-subscriptions';
import { mailEnv, startInProcess, type InProcessService } from '../support/in-process-services';

// Two replicas of the users service on the same database and the same queues (competing consumers), mailing
// to the same SMTP server: every enrolled student gets exactly one email per new video of their course.

const STUDENTS = 8;
const VIDEOS = 25;

let db: testing.TestDatabase;
let vhost: testing.TestVhost;
let sink: testing.SmtpSink;
const replicas: InProcessService[] = [];

const replica = (index: number) => replicas[index % replicas.length] as InProcessService;

async function call(target: InProcessService, method: string, path: string, body?: unknown): Promise<number> {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Publishes an event as its producing service would: routing key = type, messageId = event id. */
function publish(event: DomainEvent, producer: string): Promise<void> {
  const envelope = { ...event, meta: { correlationId: randomUUID(), causationId: null, producer } };
  return messagingTesting.publishRaw(vhost.url, platformExchange, event.type, envelope, { messageId: event.id, type: event.type });
}

/** A counter of a replica's /metrics, summed over the series that carry the given labels. */
async function metric(target: InProcessService, name: string, labels: string[]): Promise<number> {
  const text = await (await fetch(`${target.baseUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && labels.every((label) => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

beforeAll(async () => {
  db = await testing.createTestDatabase();
  vhost = await testing.createTestVhost();
  sink = await testing.SmtpSink.start();
  for (let index = 0; index < 2; index += 1) replicas.push(await startInProcess('users', db, vhost, mailEnv(sink.url)));
});

afterAll(async () => {
  for (const running of replicas) await running.stop();
  await sink?.stop();
  await vhost?.drop();
  await db?.drop();
});

test('every enrolled student gets each new video email exactly once', async () => {
  const courseId = randomUUID();
  await publish(CourseCreated.create(courseId, { courseId, title: 'Replicated', description: '' }), 'courses');
  const students = Array.from({ length: STUDENTS }, () => {
    const id = randomUUID();
    return { id, email: `r.${id.slice(0, 13)}@example.com` };
  });
  for (const [index, student] of students.entries()) {
    expect(await call(replica(index), 'PUT', `/users/${student.id}`, { name: 'Replica student', username: `r_${student.id.slice(0, 13)}`, email: student.email })).toBe(201);
    // Through the other replica: both read the same projection, which courses.created reached once.
    await testing.eventually(async () => expect(await call(replica(index + 1), 'PUT', `/users/${student.id}/enrollments/${courseId}`)).toBe(201));
  }

  const videoIds = Array.from({ length: VIDEOS }, () => randomUUID());
  await Promise.all(
    videoIds.map((videoId) => publish(VideoCreated.create(videoId, { videoId, courseId, title: `Video ${videoId}`, description: '', durationSeconds: 60, revision: 1 }), 'videos')),
  );
  // Every email queued and sent: nothing is left that either replica could still send.
  await testing.eventually(
    async () => {
      const [row] = await replica(0).knex('notifications').select(replica(0).knex.raw("count(*)::int as queued, count(*) filter (where status = 'sent')::int as sent"));
      expect(row).toEqual({ queued: STUDENTS * VIDEOS, sent: STUDENTS * VIDEOS });
    },
    { timeoutMs: 30_000 },
  );

  for (const student of students) {
    const subjects = sink.received.filter((mail) => mail.to.includes(student.email)).map((mail) => mail.subject);
    expect(subjects.sort()).toEqual(videoIds.map((videoId) => `New video in Replicated: Video ${videoId}`).sort());
  }
  expect(new Set(sink.received.map((mail) => mail.messageId)).size).toBe(sink.received.length);
  expect(sink.received).toHaveLength(STUDENTS * VIDEOS);
  // The replicas competed for the messages: each one handled some of the videos.
  const handled = await Promise.all(replicas.map((r) => metric(r, 'messaging_messages_consumed_total', ['queue="users.send_email_on_video_created"', 'outcome="handled"'])));
  expect(handled.every((count) => count > 0)).toBe(true);
  expect(handled.reduce((sum, count) => sum + count, 0)).toBe(VIDEOS);
});
