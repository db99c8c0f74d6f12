import { Outbox } from '@course-platform/messaging';
import { CourseId, parseEnvelope } from '@course-platform/shared-kernel';
import { randomUUID } from 'node:crypto';
import { PutCourse } from '../../src/application/put-course';
import type { Course } from '../../src/domain/course';
import { CourseDescription } from '../../src/domain/course-description';
import { CourseTitle } from '../../src/domain/course-title';
import { KnexCourseRepository } from '../../src/infrastructure/knex-course-repository';
import { migratedDatabase, type MigratedDatabase } from '../support/migrated-database';

let database: MigratedDatabase;
let putCourse: PutCourse;
let repository: KnexCourseRepository;

beforeAll(async () => {
  database = await migratedDatabase();
  repository = new KnexCourseRepository(database.knex, new Outbox('courses'));
  putCourse = new PutCourse(repository);
});

afterAll(() => database.close());

async function load(id: string): Promise<Course> {
  const course = await repository.find(new CourseId(id));
  if (!course) throw new Error(`course ${id} not stored`);
  return course;
}

async function outboxOf(courseId: string) {
  const rows = await database.knex('outbox').select('envelope').orderBy('position');
  return rows.map((row: { envelope: string }) => parseEnvelope(row.envelope)).filter((e) => e.aggregateId === courseId);
}

describe('KnexCourseRepository', () => {
  it('stores a course and its courses.created in the outbox, as a valid envelope', async () => {
    const id = randomUUID();
    await putCourse.execute({ id, title: ' Sagas ', description: 'long-running' });
    expect((await load(id)).toPrimitives()).toEqual({ id, title: 'Sagas', description: 'long-running', revision: 1 });
    const events = await outboxOf(id);
    expect(events.map((e) => [e.type, e.data, e.meta.producer])).toEqual([
      ['courses.created', { courseId: id, title: 'Sagas', description: 'long-running' }, 'courses'],
    ]);
  });

  it('writes only through the revision it loaded, and then appends courses.updated', async () => {
    const id = randomUUID();
    await putCourse.execute({ id, title: 'T', description: 'D' });
    const [first, second] = [await load(id), await load(id)];
    first.update({ title: new CourseTitle('First'), description: new CourseDescription('D') }, new Date());
    second.update({ title: new CourseTitle('Second'), description: new CourseDescription('D') }, new Date());
    expect(await repository.update(first, 1)).toBe(true);
    expect(await repository.update(second, 1)).toBe(false);
    expect((await load(id)).toPrimitives()).toMatchObject({ title: 'First', revision: 2 });
    expect((await outboxOf(id)).map((e) => e.type)).toEqual(['courses.created', 'courses.updated']);
  });

  it('creates one course and one courses.created for concurrent identical PUTs', async () => {
    const id = randomUUID();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => putCourse.execute({ id, title: 'Race', description: 'same' })),
    );
    expect(outcomes.filter((o) => o.outcome === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'unchanged')).toHaveLength(19);
    expect((await outboxOf(id)).map((e) => e.type)).toEqual(['courses.created']);
  });

  it('applies every one of concurrent different PUTs in some order, one courses.updated each', async () => {
    const id = randomUUID();
    await putCourse.execute({ id, title: 'Start', description: '' });
    const titles = ['A', 'B', 'C', 'D'];
    await Promise.all(titles.map((title) => putCourse.execute({ id, title, description: '' })));
    const updates = (await outboxOf(id)).filter((e) => e.type === 'courses.updated');
    expect(updates.map((e) => (e.data as { changes: { title: string } }).changes.title).sort()).toEqual(titles);
    const stored = await load(id);
    expect(stored.revision).toBe(5);
    expect(stored.toPrimitives().title).toBe((updates[3]?.data as { changes: { title: string } }).changes.title);
  });
});

