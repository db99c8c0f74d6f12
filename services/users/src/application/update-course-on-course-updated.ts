import type { CourseUpdated, EventOf } from '@course-platform/shared-kernel';
import type { CourseCatalog } from '../domain/course-catalog';

/** Keeps the projected title current; the projection holds no other field of a course. */
export class UpdateCourseOnCourseUpdated {
  constructor(private readonly courses: CourseCatalog) {}

  async handle(event: EventOf<typeof CourseUpdated>): Promise<void> {
    const { title } = event.data.changes;
    if (title !== undefined) await this.courses.retitle({ id: event.data.courseId, title });
  }
}
