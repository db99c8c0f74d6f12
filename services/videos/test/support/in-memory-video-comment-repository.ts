import type { DomainEvent } from '@course-platform/shared-kernel';
import type { CommentId } from '../../src/domain/comment-id';
import { VideoComment, type VideoCommentPrimitives } from '../../src/domain/video-comment';
import type { VideoCommentRepository } from '../../src/domain/video-comment-repository';

export class InMemoryVideoCommentRepository implements VideoCommentRepository {
  readonly rows = new Map<string, VideoCommentPrimitives>();
  readonly outbox: DomainEvent[] = [];

  async find(id: CommentId): Promise<VideoComment | null> {
    const row = this.rows.get(id.value);
    return row ? VideoComment.fromPrimitives(row) : null;
  }

  async add(comment: VideoComment): Promise<boolean> {
    if (this.rows.has(comment.id.value)) return false;
    this.rows.set(comment.id.value, comment.toPrimitives());
    this.outbox.push(...comment.pullDomainEvents());
    return true;
  }
}
