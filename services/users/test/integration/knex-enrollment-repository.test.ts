import { randomUUID } from 'node:crypto';
import { Outbox } from '@course-platform/messaging';
import { UserEnrolled } from '@course-platform/shared-kernel';
import { Enrollment } from '../../src/domain/enrollment';
import { User } from '../../src/domain/user';
import { KnexCourseCatalog } from '../../src/infrastructure/knex-course-catalog';
import { KnexEnrollmentRepository } from '../../src/infrastructure/knex-enrollment-repository';
import { KnexUserRepository } from '../../src/infrastructure/knex-user-repository';
import { aUserCommand } from '../support/mothers';
import { createUsersDatabase, type UsersDatabase } from '../support/users-database';

let database: UsersDatabase;
let enrollments: KnexEnrollmentRepository;

beforeAll(async () => {
  database = await createUsersDatabase();
  enrollments = new KnexEnrollmentRepository(database.knex, new Outbox('users'));
});
afterAll(() => database.close());

async function aUserAndCourse(): Promise<{ userId: string; courseId: string }> {
  const { id, ...details } = aUserCommand();
  await new KnexUserRepository(database.knex, new Outbox('users')).add(User.register(id, details));
  const courseId = randomUUID();
  await new KnexCourseCatalog(database.knex).add({ id: courseId, title: 'A course' });
  return { userId: id, courseId };
}

const enrolledEvents = (userId: string) =>
  database.knex('outbox').where({ type: 'users.enrolled' }).whereRaw("(envelope::jsonb)->>'aggregateId' = ?", [userId]).pluck<string[]>('envelope');

test('an enrollment is stored once, with one users.enrolled, however often and concurrently it is added', async () => {
  const { userId, courseId } = await aUserAndCourse();
  const at = new Date('2030-05-01T10:00:00.000Z');
  const results = await Promise.all(Array.from({ length: 6 }, () => enrollments.add(Enrollment.enroll(userId, courseId, at))));
  expect(results.filter(Boolean)).toHaveLength(1);
  expect(await enrollments.add(Enrollment.enroll(userId, courseId))).toBe(false);
  expect((await enrollments.find(userId, courseId))?.enrolledAt).toEqual(at);
  const events = await enrolledEvents(userId);
  expect(events).toHaveLength(1);
  expect(UserEnrolled.schema.parse((JSON.parse(events[0] as string) as { data: unknown }).data)).toEqual({ userId, courseId, enrolledAt: at.toISOString() });
});

test("a user's enrollments are listed oldest first", async () => {
  const { userId, courseId } = await aUserAndCourse();
  const later = randomUUID();
  await new KnexCourseCatalog(database.knex).add({ id: later, title: 'Later' });
  await enrollments.add(Enrollment.enroll(userId, later, new Date('2030-02-01T00:00:00Z')));
  await enrollments.add(Enrollment.enroll(userId, courseId, new Date('2030-01-01T00:00:00Z')));
  expect((await enrollments.listByUser(userId)).map((e) => e.courseId.value)).toEqual([courseId, later]);
});
