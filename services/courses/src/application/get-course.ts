import { CourseId } from '@course-platform/shared-kernel';
import type { CourseCatalog, CourseView } from '../domain/course-catalog';
import { CourseNotFoundError } from '../domain/course-errors';

export class GetCourse {
  constructor(private readonly catalog: CourseCatalog) {}

  async execute(id: string): Promise<CourseView> {
    const courseId = new CourseId(id);
    const course = await this.catalog.find(courseId.value);
    if (!course) throw new CourseNotFoundError(courseId.value);
    return course;
  }
}
