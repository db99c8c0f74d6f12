import { randomUUID } from 'node:crypto';
import { KnexCourseCatalog } from '../../src/infrastructure/knex-course-catalog';
import { createUsersDatabase, type UsersDatabase } from '../support/users-database';

let database: UsersDatabase;
let courses: KnexCourseCatalog;

beforeAll(async () => {
  database = await createUsersDatabase();
  courses = new KnexCourseCatalog(database.knex);
});
afterAll(() => database.close());

test('an unknown course is null', async () => {
  expect(await courses.find(randomUUID())).toBeNull();
});

test('a course follows its renames, and a late creation does not undo one', async () => {
  const id = randomUUID();
  await courses.add({ id, title: 'First' });
  await courses.retitle({ id, title: 'Second' });
  await courses.add({ id, title: 'First' });
  expect(await courses.find(id)).toEqual({ id, title: 'Second' });
});

test('a rename that overtakes the creation adds the course', async () => {
  const id = randomUUID();
  await courses.retitle({ id, title: 'Renamed' });
  await courses.add({ id, title: 'Original' });
  expect(await courses.find(id)).toEqual({ id, title: 'Renamed' });
});
