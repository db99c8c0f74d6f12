import { VideoId } from '@course-platform/shared-kernel';
import { Video } from '../domain/video';
import { videoDetails, type VideoDetailsInput } from '../domain/video-details';
import { VideoConcurrentlyModifiedError, VideoDeletedError } from '../domain/video-errors';
import type { VideoRepository } from '../domain/video-repository';
import { systemClock, type Clock } from './clock';

export interface SaveVideoCommand extends VideoDetailsInput {
  videoId: string;
}

export type SaveVideoOutcome = 'created' | 'updated' | 'unchanged';

/** Enough for any realistic burst of writers on one video; past it the caller is told to retry. */
const MAX_ATTEMPTS = 5;

/**
 * PUT /videos/:id: creates the video or applies the changes. Writes are optimistic, so when another request
 * wins the race this one reloads and decides again: identical concurrent PUTs create one video and then see
 * nothing left to change. A creation costs one statement, an update three (the insert that finds the id
 * taken, the load, the update).
 */
export class SaveVideo {
  constructor(
    private readonly videos: VideoRepository,
    private readonly clock: Clock = systemClock,
  ) {}

  async execute(command: SaveVideoCommand): Promise<{ outcome: SaveVideoOutcome; video: Video }> {
    const id = new VideoId(command.videoId);
    const details = videoDetails(command);
    // Attempt 0 takes the id for new: the insert asks "is it taken?" and stores the video in one statement.
    // A taken id is loaded and updated, and loaded again while other writers win the race, MAX_ATTEMPTS times.
    let existing: Video | null = null;
    for (let attempt = 0; attempt <= MAX_ATTEMPTS; attempt += 1) {
      if (attempt > 0) existing = await this.videos.find(id);
      if (!existing) {
        const video = Video.create(id, details, this.clock());
        if (await this.videos.add(video)) return { outcome: 'created', video };
        continue;
      }
      if (existing.isDeleted) throw new VideoDeletedError(id.value);
      const loadedRevision = existing.revision;
      if (!existing.update(details, this.clock())) return { outcome: 'unchanged', video: existing };
      if (await this.videos.update(existing, loadedRevision)) return { outcome: 'updated', video: existing };
    }
    throw new VideoConcurrentlyModifiedError(id.value);
  }
}
