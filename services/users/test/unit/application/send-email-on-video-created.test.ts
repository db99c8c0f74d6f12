import { randomUUID } from 'node:crypto';
import { EnrollUser } from '../../../src/application/enroll-user';
import { RegisterUser } from '../../../src/application/register-user';
import { SendEmailOnVideoCreated } from '../../../src/application/send-email-on-video-created';
import { InMemoryCourseCatalog } from '../../support/in-memory-course-catalog';
import { InMemoryEnrollmentRepository } from '../../support/in-memory-enrollment-repository';
import { InMemoryNotificationRepository } from '../../support/in-memory-notification-repository';
import { InMemoryUserRepository } from '../../support/in-memory-user-repository';
import { aUserCommand, aVideoCreated } from '../../support/mothers';
import { thrown } from '../../support/thrown';

async function setup(enrolledUsers: number) {
  const users = new InMemoryUserRepository();
  const courses = new InMemoryCourseCatalog();
  const enrollments = new InMemoryEnrollmentRepository();
  const notifications = new InMemoryNotificationRepository(users, enrollments);
  const courseId = randomUUID();
  await courses.add({ id: courseId, title: 'Messaging' });
  const emails: string[] = [];
  for (let i = 0; i < enrolledUsers; i += 1) {
    const user = aUserCommand();
    await new RegisterUser(users).execute(user);
    await new EnrollUser(users, courses, enrollments).execute({ userId: user.id, courseId });
    emails.push(user.email);
  }
  await new RegisterUser(users).execute(aUserCommand());
  return { courseId, emails, notifications, handler: new SendEmailOnVideoCreated(courses, notifications), stores: { users, courses, enrollments } };
}

test('queues one pending email per enrolled user, with the exact subject', async () => {
  const { courseId, emails, notifications, handler } = await setup(3);
  const event = aVideoCreated(courseId, { title: 'Publisher confirms' });
  expect(await handler.handle(event)).toBe(3);
  expect(notifications.rows.map((row) => row.email).sort()).toEqual([...emails].sort());
  for (const row of notifications.rows) {
    expect(row).toMatchObject({ eventId: event.id, status: 'pending', attempts: 0, subject: 'New video in Messaging: Publisher confirms' });
  }
});

test('the same event again queues nothing more', async () => {
  const { courseId, notifications, handler } = await setup(2);
  const event = aVideoCreated(courseId);
  await handler.handle(event);
  expect(await handler.handle(event)).toBe(0);
  expect(notifications.rows).toHaveLength(2);
});

test('a video of a course not yet projected fails, so the event is retried later', async () => {
  const { notifications, handler } = await setup(1);
  expect(await thrown(handler.handle(aVideoCreated(randomUUID())))).toMatchObject({ code: 'COURSE_NOT_FOUND' });
  expect(notifications.rows).toEqual([]);
});

test('a batch of events queues each event its own email, for the students of its own course', async () => {
  const first = await setup(2);
  const otherCourse = randomUUID();
  // A second course in the same catalog, with one student of its own.
  const { courses, users, enrollments } = first.stores;
  await courses.add({ id: otherCourse, title: 'Observability' });
  const student = aUserCommand();
  await new RegisterUser(users).execute(student);
  await new EnrollUser(users, courses, enrollments).execute({ userId: student.id, courseId: otherCourse });
  const events = [aVideoCreated(first.courseId, { title: 'Quorum queues' }), aVideoCreated(otherCourse, { title: 'Traces' }), aVideoCreated(first.courseId, { title: 'Inbox' })];

  expect(await first.handler.handleAll(events)).toBe(5);
  const subjects = (eventId: string) => first.notifications.rows.filter((row) => row.eventId === eventId).map((row) => `${row.email} ${row.subject}`).sort();
  expect(subjects(events[0]!.id)).toEqual(first.emails.map((email) => `${email} New video in Messaging: Quorum queues`).sort());
  expect(subjects(events[1]!.id)).toEqual([`${student.email} New video in Observability: Traces`]);
  expect(subjects(events[2]!.id)).toEqual(first.emails.map((email) => `${email} New video in Messaging: Inbox`).sort());
});

test('a batch with a video of a course not yet projected fails whole, queueing nothing, so each is handled alone', async () => {
  const { courseId, notifications, handler } = await setup(1);
  const events = [aVideoCreated(courseId), aVideoCreated(randomUUID()), aVideoCreated(courseId)];
  expect(await thrown(handler.handleAll(events))).toMatchObject({ code: 'COURSE_NOT_FOUND' });
  expect(notifications.rows).toEqual([]);
});
