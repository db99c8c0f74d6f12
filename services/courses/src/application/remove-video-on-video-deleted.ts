import type { EventOf, VideoDeleted } from '@course-platform/shared-kernel';
import type { CourseCounters } from '../domain/course-counters';
import { CourseVideo } from '../domain/course-video';
import type { CourseVideoRepository } from '../domain/course-video-repository';

/** Takes a deleted video off its course's list for good, even when the deletion overtook the creation. */
export class RemoveVideoOnVideoDeleted {
  constructor(
    private readonly videos: CourseVideoRepository,
    private readonly counters: CourseCounters,
  ) {}

  async handle(deleted: EventOf<typeof VideoDeleted>['data']): Promise<void> {
    const video = await this.videos.findForUpdate(deleted.videoId);
    if (!video) {
      // Losing the insert race to another event of this video: decide again against the entry it stored.
      if (!(await this.videos.add(CourseVideo.tombstone(deleted)))) return this.handle(deleted);
      return;
    }
    const change = video.remove(deleted);
    if (!change) return;
    await this.videos.update(change.video);
    await this.counters.addVideos(video.courseId, change.tally);
  }
}
