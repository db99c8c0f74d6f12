import { CourseId, InvalidArgumentError } from '@course-platform/shared-kernel';
import type { Video } from '../domain/video';
import type { VideoRepository } from '../domain/video-repository';
import { decodeCursor, encodeCursor } from './video-cursor';

export interface ListVideosQuery {
  courseId?: string;
  limit?: number;
  cursor?: string;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** GET /videos: keyset pages in (createdAt, id) order, stable while videos are added or deleted. */
export class ListVideos {
  constructor(private readonly videos: VideoRepository) {}

  async execute(query: ListVideosQuery): Promise<{ items: Video[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InvalidArgumentError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`, 'limit');
    }
    const page = await this.videos.page({
      ...(query.courseId === undefined ? {} : { courseId: new CourseId(query.courseId) }),
      ...(query.cursor === undefined ? {} : { after: decodeCursor(query.cursor) }),
      // One more than asked tells whether another page follows without a count query.
      limit: limit + 1,
    });
    const items = page.slice(0, limit);
    const last = items.at(-1);
    const nextCursor = page.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id.value }) : null;
    return { items, nextCursor };
  }
}
