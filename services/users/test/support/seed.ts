import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from '@course-platform/service-kit';

/**
 * Registers `count` users and enrolls them in a new course with set-based SQL, so that large courses are
 * cheap to set up. Resolves with the course id and the users' ids.
 */
export async function seedCourseWithStudents(knex: Knex, count: number, title = 'Seeded course'): Promise<{ courseId: string; userIds: string[] }> {
  const courseId = randomUUID();
  const tag = randomBytes(4).toString('hex');
  await knex('courses').insert({ id: courseId, title });
  const { rows } = await knex.raw<{ rows: Array<{ id: string }> }>(
    `insert into users (id, name, username, email)
     select gen_random_uuid(), 'Student ' || i, 's' || ? || '_' || i, 's' || ? || '.' || i || '@example.com'
       from generate_series(1, ?::int) as i
     returning id`,
    [tag, tag, count],
  );
  await knex.raw(
    `insert into enrollments (user_id, course_id, enrolled_at)
     select id, ?, now() from users where username like ?`,
    [courseId, `s${tag}\\_%`],
  );
  return { courseId, userIds: rows.map((row) => row.id) };
}
