import type { VideoTally } from './course-video';

/**
 * The counters of a course. Every change is an atomic increment, so concurrent handlers of different videos
 * or students never overwrite each other.
 */
export interface CourseCounters {
  /** False when the course is not known: nothing is counted then. */
  addVideos(courseId: string, tally: VideoTally): Promise<boolean>;
  /** False when the course is not known: nothing is counted then. */
  addStudents(courseId: string, count: number): Promise<boolean>;
}
