import { AggregateRoot, UserId, VideoCommentAdded, VideoId, type EventOf } from '@course-platform/shared-kernel';
import { CommentContent } from './comment-content';
import { CommentId } from './comment-id';

export interface VideoCommentPrimitives {
  id: string;
  videoId: string;
  authorId: string;
  content: string;
  createdAt: Date;
}

export class VideoComment extends AggregateRoot<EventOf<typeof VideoCommentAdded>> {
  private constructor(
    readonly id: CommentId,
    readonly videoId: VideoId,
    readonly authorId: UserId,
    readonly content: CommentContent,
    readonly createdAt: Date,
  ) {
    super();
  }

  static post(id: CommentId, videoId: VideoId, authorId: UserId, content: CommentContent, now: Date): VideoComment {
    const comment = new VideoComment(id, videoId, authorId, content, now);
    const data = { commentId: id.value, videoId: videoId.value, authorId: authorId.value, content: content.value };
    comment.record(VideoCommentAdded.create(id.value, data, now));
    return comment;
  }

  static fromPrimitives(p: VideoCommentPrimitives): VideoComment {
    return new VideoComment(new CommentId(p.id), new VideoId(p.videoId), new UserId(p.authorId), new CommentContent(p.content), p.createdAt);
  }

  /** Whether another posting under this comment's id says the same thing: then it is a retry, not a conflict. */
  isSamePostingAs(other: VideoComment): boolean {
    return other.id.equals(this.id) && other.videoId.equals(this.videoId) && other.authorId.equals(this.authorId) && other.content.equals(this.content);
  }

  toPrimitives(): VideoCommentPrimitives {
    return { id: this.id.value, videoId: this.videoId.value, authorId: this.authorId.value, content: this.content.value, createdAt: this.createdAt };
  }
}
