import { VideoId } from '@course-platform/shared-kernel';
import type { CommentsCounter } from '../domain/comments-counter';
import { VideoNotFoundError } from '../domain/video-errors';
import type { VideoRepository } from '../domain/video-repository';

/** GET /videos/:id/comments-count: eventually consistent with the comments, 0 before the first one counts. */
export class CountVideoComments {
  constructor(
    private readonly videos: VideoRepository,
    private readonly counter: CommentsCounter,
  ) {}

  async execute(videoId: string): Promise<{ videoId: string; totalComments: number }> {
    const id = new VideoId(videoId);
    const video = await this.videos.find(id);
    if (!video || video.isDeleted) throw new VideoNotFoundError(id.value);
    return { videoId: id.value, totalComments: await this.counter.totalFor(id) };
  }
}
