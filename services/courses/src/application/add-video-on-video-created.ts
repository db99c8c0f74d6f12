import type { EventOf, VideoCreated } from '@course-platform/shared-kernel';
import type { CourseCounters } from '../domain/course-counters';
import { CourseNotKnownYetError } from '../domain/course-errors';
import { CourseVideo, type VideoTally } from '../domain/course-video';
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

  /**
   * The same for many creations at once, as if handled one after the other: one insert for all their entries,
   * then one count per course for the entries that were new. An unknown course throws for the whole batch;
   * the bus then handles each creation alone, so that only that course's videos fail.
   */
  async handleAll(creations: ReadonlyArray<EventOf<typeof VideoCreated>['data']>): Promise<void> {
    const listed = creations.map((created) => CourseVideo.listed(created));
    const added = await this.videos.addAll(listed.map(({ video }) => video));
    const perCourse = new Map<string, VideoTally>();
    for (const { video, tally } of listed) {
      // Only the first creation of a video counts, as it would have been the only one inserted.
      if (!added.delete(video.videoId)) continue;
      const sum = perCourse.get(video.courseId) ?? { videos: 0, seconds: 0 };
      perCourse.set(video.courseId, { videos: sum.videos + tally.videos, seconds: sum.seconds + tally.seconds });
    }
    // In the same order in every transaction: two batches that count the same courses never wait on each other in a circle.
    for (const [courseId, tally] of [...perCourse].sort(([a], [b]) => a.localeCompare(b))) {
      if (!(await this.counters.addVideos(courseId, tally))) throw new CourseNotKnownYetError(courseId);
    }
  }
}
