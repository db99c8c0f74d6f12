import type { Outbox } from '@course-platform/messaging';
import type { CourseId } from '@course-platform/shared-kernel';
import type { Knex } from 'knex';
import { Course } from '../domain/course';
import type { CourseRepository } from '../domain/course-repository';

/** Stores courses and appends their events to the outbox in the same statement (`Outbox.appendWith`). */
export class KnexCourseRepository implements CourseRepository {
  constructor(
    private readonly knex: Knex,
    private readonly outbox: Outbox,
  ) {}

  async find(id: CourseId): Promise<Course | null> {
    const row = await this.knex('courses').where({ id: id.value }).first('id', 'title', 'description', 'revision');
    return row ? Course.fromPrimitives(row) : null;
  }

  async add(course: Course): Promise<boolean> {
    const { id, title, description, revision } = course.toPrimitives();
    // A concurrent PUT of the same id may have inserted first: then nothing is stored here and the caller
    // decides again against what the winner stored.
    const insert = this.knex('courses').insert({ id, title, description, revision }).onConflict('id').ignore();
    return this.outbox.appendWith(this.knex, insert, course.pullDomainEvents());
  }

  async update(course: Course, loadedRevision: number): Promise<boolean> {
    const { id, title, description, revision } = course.toPrimitives();
    const update = this.knex('courses')
      .where({ id, revision: loadedRevision })
      .update({ title, description, revision, updated_at: this.knex.fn.now() });
    return this.outbox.appendWith(this.knex, update, course.pullDomainEvents());
  }
}
