import { NotFoundError } from '@course-platform/shared-kernel';

/** The course is unknown here: it may not exist, or its `courses.created` has not reached this service yet. */
export class CourseNotFoundError extends NotFoundError {
  readonly code = 'COURSE_NOT_FOUND';

  constructor(readonly courseId: string) {
    super(`course ${courseId} is not known (yet) to the users service`);
  }
}
