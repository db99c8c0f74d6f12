import type { EventOf, UserEnrolled } from '@course-platform/shared-kernel';
import type { CourseCounters } from '../domain/course-counters';
import { CourseNotKnownYetError } from '../domain/course-errors';
import { countPerCourse } from './count-per-course';

type Enrolled = EventOf<typeof UserEnrolled>['data'];

/**
 * Counts one student per enrollment. The users service emits one `users.enrolled` per (user, course) and the
 * inbox drops redeliveries, so a plain increment is exact. An unknown course is retried like a video's.
 */
export class IncrementStudentsOnUserEnrolled {
  constructor(private readonly counters: CourseCounters) {}

  async handle(enrolled: Enrolled): Promise<void> {
    if (!(await this.counters.addStudents(enrolled.courseId, 1))) throw new CourseNotKnownYetError(enrolled.courseId);
  }

  /** Many enrollments at once: one increment per course. An unknown course fails them all (see countPerCourse). */
  async handleAll(enrollments: readonly Enrolled[]): Promise<void> {
    await countPerCourse(
      enrollments.map(({ courseId }) => ({ courseId, amount: 1 })),
      (a, b) => a + b,
      (courseId, students) => this.counters.addStudents(courseId, students),
    );
  }
}
