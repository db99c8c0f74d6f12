import { testing } from '@course-platform/service-kit';
import { aCourseCreated, aUserCommand, aVideoCreated } from '../support/mothers';
import { startUsersServiceWithMail } from '../support/users-service';

const TOKEN = 'a-test-admin-token-of-some-length';
let running: Awaited<ReturnType<typeof startUsersServiceWithMail>>;

beforeAll(async () => {
  running = await startUsersServiceWithMail({ ADMIN_TOKEN: TOKEN });
});
afterAll(() => running.close());

/** `null`: no token header at all. */
const admin = async (path: string, token: string | null = TOKEN) => {
  const response = await fetch(`${running.sut.baseUrl}${path}`, { headers: token === null ? {} : { 'x-admin-token': token } });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
};

/** A course with one enrolled student and a video in it, its email sent: the records the admin endpoints read. */
async function aVideoWithOneEmailSent() {
  const course = aCourseCreated();
  await running.sut.publish(course, 'courses');
  const { id: userId, ...user } = aUserCommand();
  expect((await testing.call(running.sut.baseUrl, 'PUT', `/users/${userId}`, user)).status).toBe(201);
  await testing.eventually(async () => expect((await testing.call(running.sut.baseUrl, 'PUT', `/users/${userId}/enrollments/${course.data.courseId}`)).status).toBe(201));
  const video = aVideoCreated(course.data.courseId);
  await running.sut.publish(video, 'videos');
  await testing.eventually(async () => expect((await admin(`/admin/events/${video.id}/notifications`)).body.items).toMatchObject([{ status: 'sent' }]));
  return { userId, email: user.email, video };
}

test('every /admin endpoint refuses a request without the token, or with a wrong one, as problem+json', async () => {
  const { video } = await aVideoWithOneEmailSent();
  for (const path of ['/admin/status', '/admin/outbox', `/admin/events/${video.id}`, `/admin/events/${video.id}/notifications`, `/admin/events?q=${video.id}`]) {
    for (const token of [null, 'not-the-admin-token-at-all']) {
      const answer = await admin(path, token);
      expect(answer).toMatchObject({ status: 401, body: { code: 'ADMIN_TOKEN_REQUIRED' } });
      expect(answer.type).toMatch(/^application\/problem\+json/);
    }
  }
});

test('with the token: the emails of one video, the handler that handled it, the backlog and the replica', async () => {
  const { userId, email, video } = await aVideoWithOneEmailSent();
  expect((await admin(`/admin/events/${video.id}/notifications`)).body.items).toMatchObject([{ eventId: video.id, email, status: 'sent' }]);
  expect((await admin(`/admin/events/${video.id}`)).body).toMatchObject({ eventId: video.id, outbox: null, inbox: [{ handler: 'users.send_email_on_video_created', duplicates: 0 }] });
  expect((await admin('/admin/outbox')).body).toMatchObject({ waiting: expect.any(Number) });
  expect((await admin('/admin/status')).body).toMatchObject({ service: 'users', uptimeSeconds: expect.any(Number), instance: expect.any(String) });

  const found = (await admin(`/admin/events?q=${userId}`)).body.items as Array<{ type: string; aggregateId: string; publishedAt: string | null }>;
  expect(found.map((event) => event.type).sort()).toEqual(['users.enrolled', 'users.registered']);
  await testing.eventually(async () => {
    const registered = (await admin(`/admin/events?q=${userId}`)).body.items as Array<{ type: string; publishedAt: string | null }>;
    expect(registered.every((event) => event.publishedAt !== null)).toBe(true);
  });
});

test('a malformed id or search term is a 400, not a query', async () => {
  expect(await admin('/admin/events/not-an-id')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  expect(await admin("/admin/events?q=x' or 1=1")).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
});
