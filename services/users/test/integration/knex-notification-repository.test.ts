import { randomUUID } from 'node:crypto';
import { SendEmailOnVideoCreated } from '../../src/application/send-email-on-video-created';
import { KnexCourseCatalog } from '../../src/infrastructure/knex-course-catalog';
import { KnexNotificationRepository } from '../../src/infrastructure/knex-notification-repository';
import { aVideoCreated } from '../support/mothers';
import { seedCourseWithStudents } from '../support/seed';
import { createUsersDatabase, type UsersDatabase } from '../support/users-database';

let database: UsersDatabase;
let notifications: KnexNotificationRepository;

beforeAll(async () => {
  database = await createUsersDatabase();
  notifications = new KnexNotificationRepository(database.knex);
});
afterAll(() => database.close());

const message = { subject: 'Subject', text: 'text', html: '<p>html</p>' };
const rowsOf = (eventId: string) => database.knex('notifications').where({ event_id: eventId });

/** Handles a videos.created as the bus would: inside one transaction, with repositories bound to it. */
const handleInTransaction = (event: ReturnType<typeof aVideoCreated>) =>
  database.knex.transaction((trx) => new SendEmailOnVideoCreated(new KnexCourseCatalog(trx), new KnexNotificationRepository(trx)).handle(event));

test('a video of a course with 10,000 students queues exactly 10,000 pending emails, once', async () => {
  const { courseId, userIds } = await seedCourseWithStudents(database.knex, 10_000, 'Big course');
  const event = aVideoCreated(courseId, { title: 'Scaling out' });
  expect(await handleInTransaction(event)).toBe(10_000);
  expect(await handleInTransaction(event)).toBe(0);
  const stored = await rowsOf(event.id).select<Array<{ user_id: string; subject: string; status: string; attempts: number }>>('user_id', 'subject', 'status', 'attempts');
  expect(stored).toHaveLength(10_000);
  expect(new Set(stored.map((row) => row.user_id))).toEqual(new Set(userIds));
  expect(stored.every((row) => row.subject === 'New video in Big course: Scaling out' && row.status === 'pending' && row.attempts === 0)).toBe(true);
});

test('only the students of the video course are notified, with the email they registered', async () => {
  const { courseId, userIds } = await seedCourseWithStudents(database.knex, 3);
  const { userIds: others } = await seedCourseWithStudents(database.knex, 2);
  const eventId = randomUUID();
  expect(await notifications.queueForEnrolledUsers(eventId, courseId, message)).toBe(3);
  const stored = await rowsOf(eventId).select<Array<{ user_id: string; email: string }>>('user_id', 'email');
  expect(stored.map((row) => row.user_id).sort()).toEqual([...userIds].sort());
  expect(stored.some((row) => others.includes(row.user_id))).toBe(false);
  const emails = await database.knex('users').whereIn('id', userIds).pluck<string[]>('email');
  expect(stored.map((row) => row.email).sort()).toEqual(emails.sort());
});

test('concurrent claims never hand out one notification twice, and claimed ones wait for their lease', async () => {
  const { courseId } = await seedCourseWithStudents(database.knex, 300);
  const eventId = randomUUID();
  await notifications.queueForEnrolledUsers(eventId, courseId, message);
  const ours = new Set(await rowsOf(eventId).pluck<string[]>('id'));
  const claimer = async () => {
    const claimed: string[] = [];
    // Bounded, so that a claim that hands rows out again fails the test instead of looping forever.
    for (let round = 0; round < 1_000; round += 1) {
      const batch = await notifications.claimDue(25, 60_000);
      if (batch.length === 0) break;
      claimed.push(...batch.map((n) => n.id));
    }
    return claimed;
  };
  const claims = (await Promise.all([claimer(), claimer(), claimer(), claimer()])).flat().filter((id) => ours.has(id));
  expect(claims).toHaveLength(300);
  expect(new Set(claims)).toEqual(ours);
  expect((await notifications.claimDue(1_000, 60_000)).filter((n) => ours.has(n.id))).toEqual([]);
});

test('a failed attempt is counted and due again after its backoff; a sent one never again', async () => {
  const { courseId, userIds } = await seedCourseWithStudents(database.knex, 2);
  const eventId = randomUUID();
  await notifications.queueForEnrolledUsers(eventId, courseId, message);
  const [first, second] = await rowsOf(eventId).orderBy('id').pluck<string[]>('id');
  await notifications.markFailed(first as string, 1, 0, '451 try later');
  await notifications.markSent([second as string], new Date());
  const due = await notifications.claimDue(1_000, 60_000);
  expect(due.filter((n) => n.id === first)).toMatchObject([{ attempts: 1, subject: 'Subject', text: 'text', html: '<p>html</p>' }]);
  expect(due.some((n) => n.id === second)).toBe(false);
  await notifications.markFailed(first as string, 2, 3_600_000, '451 try later');
  expect((await notifications.claimDue(1_000, 60_000)).some((n) => n.id === first)).toBe(false);
  const listed = await notifications.listByUser(userIds[0] as string, 10);
  expect(listed).toHaveLength(1);
  expect(listed[0]).toMatchObject({ eventId, subject: 'Subject' });
});

test('the emails of many events are queued in one statement, each with its text and its own trace context', async () => {
  const first = await seedCourseWithStudents(database.knex, 2);
  const second = await seedCourseWithStudents(database.knex, 1);
  const [a, b] = [randomUUID(), randomUUID()];
  const traces: Record<string, Record<string, string>> = {
    [a]: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'vendor=a' },
    [b]: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
  };
  // What an array literal must escape: quotes, braces, commas, backslashes, new lines; and non-ASCII text.
  const tricky = { subject: 'New video in "Café, {Ünïcode}": a\\b', text: 'line one,\nline "two" {}\n', html: '<p>O\'Reilly &amp; co</p>' };
  const repository = new KnexNotificationRepository(database.knex, (eventId) => traces[eventId] ?? {});
  const statements: string[] = [];
  const count = (query: { sql: string }) => statements.push(query.sql);
  database.knex.on('query', count);
  try {
    expect(
      await repository.queueForEnrolledUsersOfEach([
        { eventId: a, courseId: first.courseId, message: tricky },
        { eventId: b, courseId: second.courseId, message },
      ]),
    ).toBe(3);
  } finally {
    database.knex.off('query', count);
  }
  expect(statements).toHaveLength(1);
  const stored = await database
    .knex('notifications')
    .whereIn('event_id', [a, b])
    .select<Array<{ event_id: string; user_id: string; subject: string; text_body: string; html_body: string; traceparent: string | null; tracestate: string | null }>>();
  expect(stored.filter((row) => row.event_id === a).map((row) => row.user_id).sort()).toEqual([...first.userIds].sort());
  expect(stored.filter((row) => row.event_id === b).map((row) => row.user_id)).toEqual(second.userIds);
  for (const row of stored.filter((r) => r.event_id === a)) {
    expect(row).toMatchObject({ subject: tricky.subject, text_body: tricky.text, html_body: tricky.html, traceparent: traces[a]!.traceparent, tracestate: 'vendor=a' });
  }
  expect(stored.find((row) => row.event_id === b)).toMatchObject({ subject: message.subject, traceparent: traces[b]!.traceparent, tracestate: null });
  // Again: nothing more.
  expect(await repository.queueForEnrolledUsersOfEach([{ eventId: a, courseId: first.courseId, message: tricky }])).toBe(0);
});
