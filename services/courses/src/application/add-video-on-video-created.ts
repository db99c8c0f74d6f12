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
    // A creation is a video's first revision: an entry already there means a replay, or a deletion that came
    // first and left its tombstone to keep the video out. Inserting first asks both questions at once, and a
    // concurrent event of the same video is waited for by the database.
    const { video, tally } = CourseVideo.listed(created);
    if (!(await this.videos.add(video))) return;
    // An unknown course counts nothing; throwing rolls the entry back with the handler's transaction.
    if (!(await this.counters.addVideos(created.courseId, tally))) throw new CourseNotKnownYetError(created.courseId);
  }
}
