import { randomUUID } from 'node:crypto';
import { CourseUpdated, UserEnrolled } from '@course-platform/shared-kernel';
import { testing } from '@course-platform/service-kit';
import { aCourseCreated, aUserCommand } from '../support/mothers';
import { call, startUsersServiceWithMail } from '../support/users-service';

let running: Awaited<ReturnType<typeof startUsersServiceWithMail>>;

beforeAll(async () => {
  running = await startUsersServiceWithMail();
});
afterAll(() => running.close());

const enroll = (userId: string, courseId: string) => call(running.sut.baseUrl, 'PUT', `/users/${userId}/enrollments/${courseId}`);

async function aRegisteredUser(): Promise<string> {
  const { id, ...body } = aUserCommand();
  expect((await call(running.sut.baseUrl, 'PUT', `/users/${id}`, body)).status).toBe(201);
  return id;
}

/** Publishes courses.created as the courses service would, and waits until the projection has it. */
async function aProjectedCourse(title?: string): Promise<string> {
  const event = aCourseCreated({ title });
  await running.sut.publish(event, 'courses');
  await testing.eventually(async () => expect(await running.sut.service.knex('courses').where({ id: event.data.courseId }).first()).toBeDefined());
  return event.data.courseId;
}

test('enrolling answers 201 and publishes users.enrolled; again it answers 200 and publishes nothing', async () => {
  const userId = await aRegisteredUser();
  const courseId = await aProjectedCourse();
  const first = await enroll(userId, courseId);
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ userId, courseId });
  const again = await enroll(userId, courseId);
  expect(again.status).toBe(200);
  expect(again.body).toEqual(first.body);
  const [event] = await running.sut.probe.waitFor('users.enrolled', { aggregateId: userId });
  expect(UserEnrolled.schema.parse(event?.data)).toEqual(first.body);
  const list = await call(running.sut.baseUrl, 'GET', `/users/${userId}/enrollments`);
  expect(list.body).toEqual({ items: [first.body] });
  // A later enrollment of the same user is published after anything the second PUT could have published.
  await enroll(userId, await aProjectedCourse());
  await running.sut.probe.waitFor('users.enrolled', { aggregateId: userId, count: 2 });
  expect(running.sut.probe.of('users.enrolled', userId).filter((e) => (e.data as { courseId: string }).courseId === courseId)).toHaveLength(1);
});

test('a course not (yet) in the projection is 404 COURSE_NOT_FOUND, and it works once courses.created arrives', async () => {
  const userId = await aRegisteredUser();
  const course = aCourseCreated();
  const early = await enroll(userId, course.data.courseId);
  expect(early.status).toBe(404);
  expect(early.contentType).toMatch(/^application\/problem\+json/);
  expect(early.body.code).toBe('COURSE_NOT_FOUND');
  expect((await call(running.sut.baseUrl, 'GET', `/users/${userId}/enrollments`)).body).toEqual({ items: [] });
  await running.sut.publish(course, 'courses');
  await testing.eventually(async () => expect((await enroll(userId, course.data.courseId)).status).toBe(201));
});

test('an unknown user is 404 USER_NOT_FOUND', async () => {
  const courseId = await aProjectedCourse();
  const answer = await enroll(randomUUID(), courseId);
  expect(answer.status).toBe(404);
  expect(answer.body.code).toBe('USER_NOT_FOUND');
  expect((await call(running.sut.baseUrl, 'GET', `/users/${randomUUID()}/enrollments`)).body.code).toBe('USER_NOT_FOUND');
});

test('courses.updated keeps the projected title current', async () => {
  const courseId = await aProjectedCourse('Before');
  await running.sut.publish(CourseUpdated.create(courseId, { courseId, changes: { title: 'After' } }), 'courses');
  await testing.eventually(async () => expect(await running.sut.service.knex('courses').where({ id: courseId }).first()).toMatchObject({ title: 'After' }));
});
