import { AggregateRoot, CourseId, UserEnrolled, UserId, type EventOf } from '@course-platform/shared-kernel';

/** A student's place in a course. */
export class Enrollment extends AggregateRoot<EventOf<typeof UserEnrolled>> {
  private constructor(
    readonly userId: UserId,
    readonly courseId: CourseId,
    readonly enrolledAt: Date,
  ) {
    super();
  }

  static enroll(userId: string, courseId: string, at: Date = new Date()): Enrollment {
    const enrollment = Enrollment.restore(userId, courseId, at);
    enrollment.record(
      UserEnrolled.create(enrollment.userId.value, {
        userId: enrollment.userId.value,
        courseId: enrollment.courseId.value,
        enrolledAt: at.toISOString(),
      }, at),
    );
    return enrollment;
  }

  static restore(userId: string, courseId: string, enrolledAt: Date): Enrollment {
    return new Enrollment(new UserId(userId), new CourseId(courseId), enrolledAt);
  }
}
