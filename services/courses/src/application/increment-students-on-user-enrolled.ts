import type { EventOf, UserEnrolled } from '@course-platform/shared-kernel';
import type { CourseCounters } from '../domain/course-counters';
import { CourseNotKnownYetError } from '../domain/course-errors';

/**
 * Counts one student per enrollment. The users service emits one `users.enrolled` per (user, course) and the
 * inbox drops redeliveries, so a plain increment is exact. An unknown course is retried like a video's.
 */
export class IncrementStudentsOnUserEnrolled {
  constructor(private readonly counters: CourseCounters) {}

  async handle(enrolled: EventOf<typeof UserEnrolled>['data']): Promise<void> {
    if (!(await this.counters.addStudent(enrolled.courseId))) throw new CourseNotKnownYetError(enrolled.courseId);
  }
}
