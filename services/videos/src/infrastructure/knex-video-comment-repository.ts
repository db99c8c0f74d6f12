import type { Outbox } from '@course-platform/messaging';
import type { Knex } from '@course-platform/service-kit';
import type { CommentId } from '../domain/comment-id';
import { VideoComment } from '../domain/video-comment';
import type { VideoCommentRepository } from '../domain/video-comment-repository';

interface VideoCommentRow {
  id: string;
  video_id: string;
  author_id: string;
  content: string;
  created_at: Date;
}

/** Stores comments in `video_comments` and their events in the outbox, in one statement. */
export class KnexVideoCommentRepository implements VideoCommentRepository {
  constructor(
    private readonly knex: Knex,
    private readonly outbox: Outbox,
  ) {}

  async find(id: CommentId): Promise<VideoComment | null> {
    const row = await this.knex<VideoCommentRow>('video_comments').where({ id: id.value }).first();
    return row
      ? VideoComment.fromPrimitives({ id: row.id, videoId: row.video_id, authorId: row.author_id, content: row.content, createdAt: row.created_at })
      : null;
  }

  async add(comment: VideoComment): Promise<boolean> {
    const p = comment.toPrimitives();
    const row: VideoCommentRow = { id: p.id, video_id: p.videoId, author_id: p.authorId, content: p.content, created_at: p.createdAt };
    const insert = this.knex('video_comments').insert(row).onConflict('id').ignore();
    return this.outbox.appendWith(this.knex, insert, comment.pullDomainEvents());
  }
}
