import { CourseId, UserId } from '@course-platform/shared-kernel';
import type { CourseCatalog } from '../domain/course-catalog';
import { CourseNotFoundError } from '../domain/course-errors';
import { Enrollment } from '../domain/enrollment';
import type { EnrollmentRepository } from '../domain/enrollment-repository';
import { UserNotFoundError } from '../domain/user-errors';
import type { UserRepository } from '../domain/user-repository';

/** `enrolled`: a new enrollment (and `users.enrolled`); `existing`: the user was enrolled already. */
export type EnrollmentOutcome = 'enrolled' | 'existing';

/** Enrolls a student in a course: the idempotent `PUT /users/:id/enrollments/:courseId`. */
export class EnrollUser {
  constructor(
    private readonly users: UserRepository,
    private readonly courses: CourseCatalog,
    private readonly enrollments: EnrollmentRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(command: { userId: string; courseId: string }): Promise<{ outcome: EnrollmentOutcome; enrollment: Enrollment }> {
    const userId = new UserId(command.userId).value;
    const courseId = new CourseId(command.courseId).value;
    if (!(await this.users.find(userId))) throw new UserNotFoundError(userId);
    // The catalog is a projection of the courses service's events: a course created a moment ago may not be
    // here yet, and the client is told so with COURSE_NOT_FOUND and may retry.
    if (!(await this.courses.find(courseId))) throw new CourseNotFoundError(courseId);
    const existing = await this.enrollments.find(userId, courseId);
    if (existing) return { outcome: 'existing', enrollment: existing };
    const enrollment = Enrollment.enroll(userId, courseId, this.now());
    if (await this.enrollments.add(enrollment)) return { outcome: 'enrolled', enrollment };
    // A concurrent request enrolled the user first: answer with the stored enrollment.
    return this.execute(command);
  }
}
