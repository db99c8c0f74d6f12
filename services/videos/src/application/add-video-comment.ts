import { UserId, VideoId } from '@course-platform/shared-kernel';
import { CommentContent } from '../domain/comment-content';
import { CommentConflictError } from '../domain/comment-errors';
import { CommentId } from '../domain/comment-id';
import { VideoComment } from '../domain/video-comment';
import type { VideoCommentRepository } from '../domain/video-comment-repository';
import { VideoNotFoundError } from '../domain/video-errors';
import type { VideoRepository } from '../domain/video-repository';
import { systemClock, type Clock } from './clock';

export interface AddVideoCommentCommand {
  commentId: string;
  videoId: string;
  authorId: string;
  content: unknown;
}

/**
 * PUT /videos/:videoId/comments/:commentId: idempotent on the comment id. The same posting again answers with
 * the stored comment and records nothing; other content under a taken id is a conflict.
 */
export class AddVideoComment {
  constructor(
    private readonly videos: VideoRepository,
    private readonly comments: VideoCommentRepository,
    private readonly clock: Clock = systemClock,
  ) {}

  async execute(command: AddVideoCommentCommand): Promise<{ outcome: 'created' | 'unchanged'; comment: VideoComment }> {
    const id = new CommentId(command.commentId);
    const videoId = new VideoId(command.videoId);
    const authorId = new UserId(command.authorId);
    const content = new CommentContent(command.content);
    const video = await this.videos.find(videoId);
    if (!video || video.isDeleted) throw new VideoNotFoundError(videoId.value);
    const comment = VideoComment.post(id, videoId, authorId, content, this.clock());
    if (await this.comments.add(comment)) return { outcome: 'created', comment };
    const existing = await this.comments.find(id);
    if (!existing || !existing.isSamePostingAs(comment)) throw new CommentConflictError(id.value);
    return { outcome: 'unchanged', comment: existing };
  }
}
