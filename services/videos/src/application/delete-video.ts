import { VideoId } from '@course-platform/shared-kernel';
import { VideoConcurrentlyModifiedError, VideoNotFoundError } from '../domain/video-errors';
import type { VideoRepository } from '../domain/video-repository';
import { systemClock, type Clock } from './clock';

const MAX_ATTEMPTS = 5;

/**
 * DELETE /videos/:id: leaves a tombstone and records `videos.deleted` once. Deleting a deleted video succeeds
 * without a second event; an id never used is not found.
 */
export class DeleteVideo {
  constructor(
    private readonly videos: VideoRepository,
    private readonly clock: Clock = systemClock,
  ) {}

  async execute(videoId: string): Promise<void> {
    const id = new VideoId(videoId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const video = await this.videos.find(id);
      if (!video) throw new VideoNotFoundError(id.value);
      const loadedRevision = video.revision;
      if (!video.delete(this.clock())) return;
      if (await this.videos.update(video, loadedRevision)) return;
    }
    throw new VideoConcurrentlyModifiedError(id.value);
  }
}
