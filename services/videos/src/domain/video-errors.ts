import { ConflictError, NotFoundError } from '@course-platform/shared-kernel';

export class VideoNotFoundError extends NotFoundError {
  readonly code = 'VIDEO_NOT_FOUND';

  constructor(videoId: string) {
    super(`video ${videoId} does not exist`);
  }
}

/** A video belongs to one course for life: moving it would need an event the contracts do not have. */
export class VideoCourseImmutableError extends ConflictError {
  readonly code = 'VIDEO_COURSE_IMMUTABLE';

  constructor(videoId: string) {
    super(`video ${videoId} belongs to another course; its course cannot change`);
  }
}

/** Deleted ids stay taken, so a PUT cannot bring a video back under the same id. */
export class VideoDeletedError extends ConflictError {
  readonly code = 'VIDEO_DELETED';

  constructor(videoId: string) {
    super(`video ${videoId} was deleted; its id cannot be reused`);
  }
}

/** Every retry of an optimistic write lost against other writers of the same video. */
export class VideoConcurrentlyModifiedError extends ConflictError {
  readonly code = 'VIDEO_CONCURRENTLY_MODIFIED';

  constructor(videoId: string) {
    super(`video ${videoId} is being changed by other requests; retry`);
  }
}
