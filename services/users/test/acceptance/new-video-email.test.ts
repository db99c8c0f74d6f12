import { CourseUpdated } from '@course-platform/shared-kernel';
import { testing } from '@course-platform/service-kit';
import { aCourseCreated, aUserCommand, aVideoCreated } from '../support/mothers';
import { call, metricValue, startUsersServiceWithMail } from '../support/users-service';

let running: Awaited<ReturnType<typeof startUsersServiceWithMail>>;

beforeAll(async () => {
  running = await startUsersServiceWithMail();
});
afterAll(() => running.close());

const sut = () => running.sut;
const sink = () => running.sink;

async function aRegisteredUser(): Promise<{ id: string; email: string }> {
  const { id, ...body } = aUserCommand();
  expect((await call(sut().baseUrl, 'PUT', `/users/${id}`, body)).status).toBe(201);
  return { id, email: body.email };
}

/** A course known to the service (through courses.created) with `count` enrolled students. */
async function aCourseWithStudents(count: number, title: string) {
  const course = aCourseCreated({ title });
  await sut().publish(course, 'courses');
  const { courseId } = course.data;
  const students = await Promise.all(Array.from({ length: count }, aRegisteredUser));
  for (const student of students) {
    await testing.eventually(async () => expect((await call(sut().baseUrl, 'PUT', `/users/${student.id}/enrollments/${courseId}`)).status).toBe(201));
  }
  return { courseId, students };
}

async function notificationsOf(userId: string) {
  const answer = await call(sut().baseUrl, 'GET', `/users/${userId}/notifications`);
  return answer.body.items as Array<{ eventId: string; status: string; subject: string; sentAt: string | null }>;
}

/** Waits until every student's notification for the event is sent: from then on nothing sends it again. */
async function allSent(students: Array<{ id: string }>, eventId: string) {
  await testing.eventually(
    async () => {
      for (const student of students) {
        const mine = (await notificationsOf(student.id)).filter((n) => n.eventId === eventId);
        expect(mine).toMatchObject([{ status: 'sent' }]);
      }
    },
    { timeoutMs: 20_000 },
  );
}

test('a new video sends one email to every enrolled student, with the exact subject, and none to others', async () => {
  const { courseId, students } = await aCourseWithStudents(3, 'Event-driven TypeScript');
  const bystander = await aRegisteredUser();
  const video = aVideoCreated(courseId, { title: 'The outbox pattern' });
  await sut().publish(video, 'videos');
  await allSent(students, video.id);
  for (const student of students) {
    expect(sink().to(student.email)).toMatchObject([{ to: [student.email], subject: 'New video in Event-driven TypeScript: The outbox pattern' }]);
    expect(sink().to(student.email)[0]?.messageId).toMatch(/^<[0-9a-f-]{36}@platform\.test>$/);
  }
  expect(sink().to(bystander.email)).toEqual([]);
  expect(await notificationsOf(bystander.id)).toEqual([]);
});

test('a redelivered videos.created (the same envelope twice) sends no second email', async () => {
  const { courseId, students } = await aCourseWithStudents(2, 'Idempotency');
  const duplicatesBefore = await metricValue(sut(), 'messaging_messages_consumed_total', { queue: 'users.send_email_on_video_created', outcome: 'duplicate' });
  const video = aVideoCreated(courseId, { title: 'Inbox' });
  await sut().publish(video, 'videos');
  await sut().publish(video, 'videos');
  // The second delivery has been recognised by the inbox and acked...
  await testing.eventually(async () =>
    expect(await metricValue(sut(), 'messaging_messages_consumed_total', { queue: 'users.send_email_on_video_created', outcome: 'duplicate' })).toBe(duplicatesBefore + 1),
  );
  // ...and every email the first one queued has gone out: nothing is left that could send a second.
  await allSent(students, video.id);
  for (const student of students) {
    expect(sink().to(student.email).map((mail) => mail.subject)).toEqual(['New video in Idempotency: Inbox']);
  }
});

test('an SMTP server that refuses for a while, then accepts, ends with every email delivered exactly once', async () => {
  const { courseId, students } = await aCourseWithStudents(4, 'Resilience');
  sink().refusing = 'rcpt';
  const video = aVideoCreated(courseId, { title: 'Backoff' });
  await sut().publish(video, 'videos');
  await testing.eventually(() => students.every((s) => sink().refused.filter((address) => address === s.email).length >= 2), { timeoutMs: 20_000 });
  for (const student of students) expect(sink().to(student.email)).toEqual([]);
  expect((await notificationsOf(students[0]?.id as string))[0]).toMatchObject({ status: 'pending', sentAt: null });
  sink().refusing = 'none';
  await allSent(students, video.id);
  for (const student of students) expect(sink().to(student.email)).toHaveLength(1);
});

test('a video whose course has not reached the projection yet is retried, not dropped, until the course arrives', async () => {
  const queue = { queue: 'users.send_email_on_video_created' };
  const count = (outcome: string) => metricValue(sut(), 'messaging_messages_consumed_total', { ...queue, outcome });
  const [handledBefore, retriedBefore] = [await count('handled'), await count('retried')];
  const course = aCourseCreated({ title: 'Arrives late' });
  await sut().publish(aVideoCreated(course.data.courseId), 'videos');
  await testing.eventually(async () => expect(await count('retried')).toBeGreaterThan(retriedBefore));
  expect(await count('handled')).toBe(handledBefore);
  await sut().publish(course, 'courses');
  await testing.eventually(async () => expect(await count('handled')).toBe(handledBefore + 1), { timeoutMs: 20_000 });
  expect(await count('dead_lettered')).toBe(0);
});

test('the subject uses the course title as renamed by courses.updated', async () => {
  const { courseId, students } = await aCourseWithStudents(1, 'Old name');
  await sut().publish(CourseUpdated.create(courseId, { courseId, changes: { title: 'New name' } }), 'courses');
  await testing.eventually(async () => expect(await sut().service.knex('courses').where({ id: courseId, title: 'New name' }).first()).toBeDefined());
  const video = aVideoCreated(courseId, { title: 'Renamed' });
  await sut().publish(video, 'videos');
  await allSent(students, video.id);
  expect(sink().to(students[0]?.email as string).map((mail) => mail.subject)).toEqual(['New video in New name: Renamed']);
});
