import { randomUUID } from 'node:crypto';
import { PutCourse } from '../../src/application/put-course';
import type { Course } from '../../src/domain/course';
import { InMemoryCourseRepository } from '../support/in-memory-course-repository';
import { InMemoryCourseStore } from '../support/in-memory-course-store';
import { courseFixture } from '../support/course-fixture';

describe('PutCourse', () => {
  it('creates, then updates, then leaves unchanged, recording one event per change', async () => {
    const { putCourse, store } = courseFixture();
    const id = randomUUID();
    const created = await putCourse.execute({ id, title: 'DDD', description: 'first' });
    const updated = await putCourse.execute({ id, title: 'DDD', description: 'second' });
    const unchanged = await putCourse.execute({ id, title: 'DDD', description: 'second' });
    expect([created.outcome, updated.outcome, unchanged.outcome]).toEqual(['created', 'updated', 'unchanged']);
    expect(store.published.map((e) => [e.type, e.data])).toEqual([
      ['courses.created', { courseId: id, title: 'DDD', description: 'first' }],
      ['courses.updated', { courseId: id, changes: { description: 'second' } }],
    ]);
    expect(store.courses.get(id)).toMatchObject({ description: 'second', revision: 2 });
  });

  it('stores nothing for bad input', async () => {
    const { putCourse, store } = courseFixture();
    const id = randomUUID();
    await expect(putCourse.execute({ id, title: ' ', description: '' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(store.courses.has(id)).toBe(false);
    expect(store.published).toEqual([]);
  });

  it('answers unchanged, recording no second courses.created, when an identical PUT wins the creation race', async () => {
    const store = new InMemoryCourseStore();
    const id = randomUUID();
    // The winner commits between this PUT's read (nothing there) and its insert.
    class RacedRepository extends InMemoryCourseRepository {
      private raced = false;
      override async find(courseId: Parameters<InMemoryCourseRepository['find']>[0]): Promise<Course | null> {
        if (this.raced) return super.find(courseId);
        this.raced = true;
        await new PutCourse(new InMemoryCourseRepository(store)).execute({ id, title: 'Same', description: 'Same' });
        return null;
      }
    }
    const result = await new PutCourse(new RacedRepository(store)).execute({ id, title: 'Same', description: 'Same' });
    expect(result.outcome).toBe('unchanged');
    expect(store.published.filter((e) => e.type === 'courses.created')).toHaveLength(1);
  });

  it('reapplies its change when another writer moved the revision on', async () => {
    const store = new InMemoryCourseStore();
    const id = randomUUID();
    await new PutCourse(new InMemoryCourseRepository(store)).execute({ id, title: 'T', description: 'D' });
    class RacedRepository extends InMemoryCourseRepository {
      private raced = false;
      override async update(course: Course, loadedRevision: number): Promise<boolean> {
        if (!this.raced) {
          this.raced = true;
          await new PutCourse(new InMemoryCourseRepository(store)).execute({ id, title: 'Other', description: 'D' });
        }
        return super.update(course, loadedRevision);
      }
    }
    const result = await new PutCourse(new RacedRepository(store)).execute({ id, title: 'Mine', description: 'D' });
    expect(result.outcome).toBe('updated');
    expect(store.courses.get(id)).toMatchObject({ title: 'Mine', revision: 3 });
    expect(store.published.filter((e) => e.type === 'courses.updated').map((e) => e.data)).toEqual([
      { courseId: id, changes: { title: 'Other' } },
      { courseId: id, changes: { title: 'Mine' } },
    ]);
  });
});
