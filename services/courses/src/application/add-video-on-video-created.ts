import type { EventOf, VideoCreated } from '@course-platform/shared-kernel';
import type { CourseCounters } from '../domain/course-counters';
import { CourseNotKnownYetError } from '../domain/course-errors';
import { CourseVideo } from '../domain/course-video';
import type { CourseVideoRepository } from '../domain/course-video-repository';

/** Adds a newly created video to the end of its course's list and counts it. */
export class AddVideoOnVideoCreated {
  constructor(
    private readonly videos: CourseVideoRepository,
    private readonly counters: CourseCounters,
  ) {}

  async handle(created: EventOf<typeof VideoCreated>['data']): Promise<void> {
    // A creation is a video's first revision: an entry means a replay, or a deletion that came first and
    // left its tombstone to keep the video out.
    if (await this.videos.findForUpdate(created.videoId)) return;
    if (!(await this.counters.isKnown(created.courseId))) throw new CourseNotKnownYetError(created.courseId);
    const { video, tally } = CourseVideo.listed(created);
    // Losing the insert race to another event of this video: decide again against the entry it stored.
    if (!(await this.videos.add(video))) return this.handle(created);
    await this.counters.addVideos(created.courseId, tally);
  }
}
