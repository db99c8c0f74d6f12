import type { EventOf, VideoCreated } from '@course-platform/shared-kernel';
import type { CourseCounters } from '../domain/course-counters';
import { CourseNotKnownYetError } from '../domain/course-errors';
import { CourseVideo } from '../domain/course-video';
import type { CourseVideoRepository } from '../domain/course-video-repository';
import { countPerCourse } from './count-per-course';

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
    // Only the first creation of a video counts, as it would have been the only one inserted.
    const counted = listed.filter(({ video }) => added.delete(video.videoId));
    await countPerCourse(
      counted.map(({ video, tally }) => ({ courseId: video.courseId, amount: tally })),
      (a, b) => ({ videos: a.videos + b.videos, seconds: a.seconds + b.seconds }),
      (courseId, tally) => this.counters.addVideos(courseId, tally),
    );
  }
}
