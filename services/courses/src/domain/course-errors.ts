import { ConflictError, NotFoundError } from '@course-platform/shared-kernel';

export class CourseNotFoundError extends NotFoundError {
  readonly code = 'COURSE_NOT_FOUND';

  constructor(courseId: string) {
    super(`course ${courseId} does not exist`);
  }
}

/** Every retry of an optimistic write lost against other writers of the same course. */
export class CourseConcurrentlyModifiedError extends ConflictError {
  readonly code = 'COURSE_CONCURRENTLY_MODIFIED';

  constructor(courseId: string) {
    super(`course ${courseId} is being changed by other requests; retry`);
  }
}

/**
 * An event names a course this service has not stored yet. Its `courses.created` may still be on its way, so
 * the handler throws and the message goes down the retry path (dead-lettered only past the retry limit).
 */
export class CourseNotKnownYetError extends NotFoundError {
  readonly code = 'COURSE_NOT_KNOWN_YET';

  constructor(courseId: string) {
    super(`course ${courseId} is not known yet`);
  }
}

/** A change of a video arrived before the video's creation: retried, as the creation is on its way. */
export class VideoNotKnownYetError extends NotFoundError {
  readonly code = 'VIDEO_NOT_KNOWN_YET';

  constructor(videoId: string) {
    super(`video ${videoId} is not known yet`);
  }
}
