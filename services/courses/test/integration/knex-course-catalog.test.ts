import { Outbox } from '@course-platform/messaging';
import { randomUUID } from 'node:crypto';
import { ListCourses } from '../../src/application/list-courses';
import { PutCourse } from '../../src/application/put-course';
import { KnexCourseCatalog } from '../../src/infrastructure/knex-course-catalog';
import { KnexCourseRepository } from '../../src/infrastructure/knex-course-repository';
import { migratedDatabase, type MigratedDatabase } from '../support/migrated-database';

let database: MigratedDatabase;
let listCourses: ListCourses;
let putCourse: PutCourse;

beforeAll(async () => {
  database = await migratedDatabase();
  listCourses = new ListCourses(new KnexCourseCatalog(database.knex));
  putCourse = new PutCourse(new KnexCourseRepository(database.knex, new Outbox('courses')));
});

afterAll(() => database.close());

async function readAll(limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listCourses.execute({ limit, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor);
  return { ids, pages };
}

describe('KnexCourseCatalog pages', () => {
  it('walks every course once, oldest first, including courses created in the same instant', async () => {
    const sequential: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const id = randomUUID();
      await putCourse.execute({ id, title: `Course ${i}`, description: '' });
      sequential.push(id);
    }
    // One transaction: the same created_at for all, so the id alone orders them.
    const sameInstant = Array.from({ length: 6 }, () => randomUUID()).sort();
    await database.knex('courses').insert(sameInstant.map((id) => ({ id, title: 'Tie', description: '', revision: 1 })));
    const mine = new Set([...sequential, ...sameInstant]);
    const { ids, pages } = await readAll(4);
    expect(ids.filter((id) => mine.has(id))).toEqual([...sequential, ...sameInstant]);
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  it('answers the counters in each item and no cursor on the last page', async () => {
    const id = randomUUID();
    await putCourse.execute({ id, title: 'Counted', description: 'x' });
    await database.knex('courses').where({ id }).update({ video_count: 2, total_duration_seconds: 90, student_count: 3 });
    const page = await listCourses.execute({ limit: 100 });
    expect(page.nextCursor).toBeNull();
    expect(page.items.find((c) => c.id === id)).toEqual({
      id, title: 'Counted', description: 'x', videoCount: 2, totalDurationSeconds: 90, studentCount: 3,
    });
  });

  it('rejects a cursor it did not hand out', async () => {
    await expect(listCourses.execute({ limit: 10, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });
});
