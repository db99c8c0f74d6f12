import { ConflictError } from '@course-platform/shared-kernel';

/** A comment id is taken by a comment with other content: the PUT is not a retry of the same command. */
export class CommentConflictError extends ConflictError {
  readonly code = 'COMMENT_CONFLICT';

  constructor(commentId: string) {
    super(`comment ${commentId} already exists with other content`);
  }
}
