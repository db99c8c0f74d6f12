import type { Knex } from 'knex';
import type { Course } from '../domain/course';
import type { CourseCatalog } from '../domain/course-catalog';

/** The course projection; bound to the knex of the service or to the transaction of an event handler. */
export class KnexCourseCatalog implements CourseCatalog {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async find(id: string): Promise<Course | null> {
    const row = await this.db('courses').where({ id }).first<{ id: string; title: string } | undefined>('id', 'title');
    return row ?? null;
  }

  async findMany(ids: readonly string[]): Promise<Course[]> {
    return this.db('courses').whereRaw('id = any(?::uuid[])', [[...ids]]).select<Course[]>('id', 'title');
  }

  async add(course: Course): Promise<void> {
    // A course's creation is its oldest event: if a rename overtook it, the stored title is the newer one.
    await this.db('courses').insert({ id: course.id, title: course.title }).onConflict('id').ignore();
  }

  async retitle(course: Course): Promise<void> {
    await this.db('courses')
      .insert({ id: course.id, title: course.title })
      .onConflict('id')
      .merge({ title: course.title, updated_at: this.db.fn.now() });
  }
}
