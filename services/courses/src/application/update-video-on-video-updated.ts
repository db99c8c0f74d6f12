import type { EventOf, VideoUpdated } from '@course-platform/shared-kernel';
import type { CourseCounters } from '../domain/course-counters';
import { VideoNotKnownYetError } from '../domain/course-errors';
import type { CourseVideoRepository } from '../domain/course-video-repository';

/** Keeps a listed video's title and duration, and its course's total duration, up to date. */
export class UpdateVideoOnVideoUpdated {
  constructor(
    private readonly videos: CourseVideoRepository,
    private readonly counters: CourseCounters,
  ) {}

  async handle(updated: EventOf<typeof VideoUpdated>['data']): Promise<void> {
    const video = await this.videos.findForUpdate(updated.videoId);
    if (!video) throw new VideoNotKnownYetError(updated.videoId);
    const change = video.applyUpdate(updated);
    if (!change) return;
    await this.videos.update(change.video);
    if (change.tally.seconds !== 0) await this.counters.addVideos(video.courseId, change.tally);
  }
}
