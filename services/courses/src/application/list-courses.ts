import { InvalidArgumentError } from '@course-platform/shared-kernel';
import type { CourseCatalog, CourseSummary } from '../domain/course-catalog';
import { decodeCursor, encodeCursor } from './course-cursor';

export const MAX_PAGE_SIZE = 100;

export interface CourseListPage {
  items: CourseSummary[];
  nextCursor: string | null;
}

/** `GET /courses`: keyset pagination by (createdAt, id), so a page costs the same however deep it is. */
export class ListCourses {
  constructor(private readonly catalog: CourseCatalog) {}

  async execute(query: { limit: number; cursor?: string }): Promise<CourseListPage> {
    const { limit } = query;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InvalidArgumentError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`, 'limit');
    }
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await this.catalog.page({ limit, ...(after ? { after } : {}) });
    return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
  }
}
