import type { CourseVideo } from './course-video';

/**
 * The video lists of courses. Adapters work inside the handler's transaction: an entry read with
 * `findForUpdate` stays locked until it ends, so the events of one video apply one at a time.
 */
export interface CourseVideoRepository {
  findForUpdate(videoId: string): Promise<CourseVideo | null>;
  /** Stores a new entry; false when one exists already (another event of the video came first). */
  add(video: CourseVideo): Promise<boolean>;
  /** Stores the entries that are new, as `add` one after the other would; answers the ids of those stored. */
  addAll(videos: readonly CourseVideo[]): Promise<Set<string>>;
  /** Stores a changed entry found with `findForUpdate`. */
  update(video: CourseVideo): Promise<void>;
}
