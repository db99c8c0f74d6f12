import { testing } from '@course-platform/service-kit';
import { aCourseCreated, aUserCommand, aVideoCreated } from '../support/mothers';
import { SmtpSink } from '../support/smtp-sink';
import { call, startUsersService, type UsersServiceUnderTest } from '../support/users-service';

let port: number;
let sut: UsersServiceUnderTest;
let sink: SmtpSink | null = null;

beforeAll(async () => {
  // The mail server is down when the service starts: nothing listens on its port yet.
  port = await SmtpSink.freePort();
  sut = await startUsersService(`smtp://127.0.0.1:${port}`);
});
afterAll(async () => {
  await sut.close();
  await sink?.stop();
});

test('emails wait while the SMTP server is down and each is delivered exactly once when it comes up', async () => {
  const course = aCourseCreated({ title: 'Operations' });
  await sut.publish(course, 'courses');
  const students = Array.from({ length: 5 }, () => aUserCommand());
  for (const { id, ...body } of students) {
    expect((await call(sut.baseUrl, 'PUT', `/users/${id}`, body)).status).toBe(201);
    await testing.eventually(async () => expect((await call(sut.baseUrl, 'PUT', `/users/${id}/enrollments/${course.data.courseId}`)).status).toBe(201));
  }
  const video = aVideoCreated(course.data.courseId, { title: 'Outages' });
  await sut.publish(video, 'videos');
  const notificationOf = async (userId: string) => {
    const { body } = await call(sut.baseUrl, 'GET', `/users/${userId}/notifications`);
    return (body.items as Array<{ eventId: string; status: string; attempts: number }>).find((n) => n.eventId === video.id);
  };
  // Every email has failed at least twice and is still pending: none is lost, none given up on.
  await testing.eventually(
    async () => {
      for (const student of students) {
        const notification = await notificationOf(student.id);
        expect(notification?.status).toBe('pending');
        expect(notification?.attempts).toBeGreaterThanOrEqual(2);
      }
    },
    { timeoutMs: 20_000 },
  );
  expect((await call(sut.baseUrl, 'GET', '/ready')).status).toBe(200);

  sink = await SmtpSink.start(port);
  await testing.eventually(async () => {
    for (const student of students) expect(await notificationOf(student.id)).toMatchObject({ status: 'sent' });
  }, { timeoutMs: 20_000 });
  for (const student of students) {
    expect(sink.to(student.email).map((mail) => mail.subject)).toEqual(['New video in Operations: Outages']);
  }
});
