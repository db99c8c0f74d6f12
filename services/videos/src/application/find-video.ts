import { VideoId } from '@course-platform/shared-kernel';
import type { Video } from '../domain/video';
import { VideoNotFoundError } from '../domain/video-errors';
import type { VideoRepository } from '../domain/video-repository';

/** GET /videos/:id: a deleted video is as absent as one that never existed. */
export class FindVideo {
  constructor(private readonly videos: VideoRepository) {}

  async execute(videoId: string): Promise<Video> {
    const id = new VideoId(videoId);
    const video = await this.videos.find(id);
    if (!video || video.isDeleted) throw new VideoNotFoundError(id.value);
    return video;
  }
}
