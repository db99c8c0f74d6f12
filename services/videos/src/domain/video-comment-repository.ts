import type { CommentId } from './comment-id';
import type { VideoComment } from './video-comment';

/** Comments and the events they record, stored together or not at all. */
export interface VideoCommentRepository {
  find(id: CommentId): Promise<VideoComment | null>;
  /** Stores a new comment; false when its id is already taken. */
  add(comment: VideoComment): Promise<boolean>;
}
