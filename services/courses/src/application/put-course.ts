import { CourseId } from '@course-platform/shared-kernel';
import { Course, type CoursePrimitives } from '../domain/course';
import { CourseDescription } from '../domain/course-description';
import { CourseConcurrentlyModifiedError } from '../domain/course-errors';
import type { CourseRepository } from '../domain/course-repository';
import { CourseTitle } from '../domain/course-title';

export interface PutCourseCommand {
  id: string;
  title: unknown;
  description: unknown;
}

export type PutCourseOutcome = 'created' | 'updated' | 'unchanged';

// Each lost race means another writer committed in between; a handful of rounds settles any realistic burst.
const MAX_ATTEMPTS = 5;

/**
 * `PUT /courses/:id`: creates the course, or updates it, or leaves it as it is. Concurrent identical PUTs
 * create one course and record one `courses.created`: a writer that loses reloads and decides again.
 */
export class PutCourse {
  constructor(
    private readonly courses: CourseRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async execute(command: PutCourseCommand): Promise<{ outcome: PutCourseOutcome; course: CoursePrimitives }> {
    const id = new CourseId(command.id);
    const details = { title: new CourseTitle(command.title), description: new CourseDescription(command.description) };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const existing = await this.courses.find(id);
      if (!existing) {
        const course = Course.create(id, details, this.clock());
        if (await this.courses.add(course)) return { outcome: 'created', course: course.toPrimitives() };
        continue;
      }
      const loadedRevision = existing.revision;
      if (!existing.update(details, this.clock())) return { outcome: 'unchanged', course: existing.toPrimitives() };
      if (await this.courses.update(existing, loadedRevision)) return { outcome: 'updated', course: existing.toPrimitives() };
    }
    throw new CourseConcurrentlyModifiedError(id.value);
  }
}
