import type { CourseCreated, EventOf } from '@course-platform/shared-kernel';
import type { CourseCatalog } from '../domain/course-catalog';

export class StoreCourseOnCourseCreated {
  constructor(private readonly courses: CourseCatalog) {}

  async handle(event: EventOf<typeof CourseCreated>): Promise<void> {
    await this.courses.add({ id: event.data.courseId, title: event.data.title });
  }
}
