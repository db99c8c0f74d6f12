import { randomUUID } from 'node:crypto';
import { UserEnrolled } from '@course-platform/shared-kernel';
import { EnrollUser } from '../../../src/application/enroll-user';
import { RegisterUser } from '../../../src/application/register-user';
import { InMemoryCourseCatalog } from '../../support/in-memory-course-catalog';
import { InMemoryEnrollmentRepository } from '../../support/in-memory-enrollment-repository';
import { InMemoryUserRepository } from '../../support/in-memory-user-repository';
import { aUserCommand } from '../../support/mothers';
import { thrown } from '../../support/thrown';

async function setup() {
  const users = new InMemoryUserRepository();
  const courses = new InMemoryCourseCatalog();
  const enrollments = new InMemoryEnrollmentRepository();
  const user = aUserCommand();
  await new RegisterUser(users).execute(user);
  const courseId = randomUUID();
  await courses.add({ id: courseId, title: 'Domain-driven design' });
  return { enrollments, userId: user.id, courseId, enrollUser: new EnrollUser(users, courses, enrollments) };
}

test('the first enrollment records users.enrolled; the next ones are idempotent', async () => {
  const { enrollments, userId, courseId, enrollUser } = await setup();
  const first = await enrollUser.execute({ userId, courseId });
  const again = await enrollUser.execute({ userId, courseId });
  expect([first.outcome, again.outcome]).toEqual(['enrolled', 'existing']);
  expect(again.enrollment.enrolledAt).toEqual(first.enrollment.enrolledAt);
  expect(enrollments.events.map((event) => event.type)).toEqual(['users.enrolled']);
  expect(UserEnrolled.schema.parse(enrollments.events[0]?.data)).toMatchObject({ userId, courseId });
});

test('an unknown user is USER_NOT_FOUND', async () => {
  const { courseId, enrollUser } = await setup();
  expect(await thrown(enrollUser.execute({ userId: randomUUID(), courseId }))).toMatchObject({ code: 'USER_NOT_FOUND', kind: 'not_found' });
});

test('a course not (yet) in the projection is COURSE_NOT_FOUND, and nothing is stored', async () => {
  const { enrollments, userId, enrollUser } = await setup();
  const courseId = randomUUID();
  expect(await thrown(enrollUser.execute({ userId, courseId }))).toMatchObject({ code: 'COURSE_NOT_FOUND', kind: 'not_found' });
  expect(await enrollments.find(userId, courseId)).toBeNull();
  expect(enrollments.events).toEqual([]);
});
