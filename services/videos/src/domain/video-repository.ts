import type { CourseId, VideoId } from '@course-platform/shared-kernel';
import type { Video } from './video';

/** Where a page of videos starts: strictly after this (createdAt, id) position. */
export interface VideoPosition {
  createdAt: Date;
  id: string;
}

export interface VideoPageQuery {
  courseId?: CourseId;
  after?: VideoPosition;
  limit: number;
}

/**
 * Videos and the events they record: an adapter stores the aggregate and its pulled events together, or
 * neither. Writes are optimistic; a `false` answer means another writer came first and nothing was stored.
 */
export interface VideoRepository {
  /** The video, deleted ones included (as tombstones), or null when the id was never used. */
  find(id: VideoId): Promise<Video | null>;
  /** Stores a new video; false when its id is already taken. */
  add(video: Video): Promise<boolean>;
  /** Stores a changed video if it still has the revision it was loaded with; false when it has moved on. */
  update(video: Video, loadedRevision: number): Promise<boolean>;
  /** Videos that are not deleted, ordered by (createdAt, id). */
  page(query: VideoPageQuery): Promise<Video[]>;
}
