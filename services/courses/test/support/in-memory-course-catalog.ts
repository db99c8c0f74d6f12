import type { CourseCatalog, CoursePage, CoursePosition, CourseSummary, CourseView } from '../../src/domain/course-catalog';
import type { InMemoryCourseStore, StoredCourse } from './in-memory-course-store';

function summary(c: StoredCourse): CourseSummary {
  const { id, title, description, videoCount, totalDurationSeconds, studentCount } = c;
  return { id, title, description, videoCount, totalDurationSeconds, studentCount };
}

function isAfter(c: StoredCourse, p: CoursePosition): boolean {
  return c.createdAt > p.createdAt || (c.createdAt === p.createdAt && c.id > p.id);
}

export class InMemoryCourseCatalog implements CourseCatalog {
  constructor(private readonly store: InMemoryCourseStore) {}

  async find(id: string): Promise<CourseView | null> {
    const course = this.store.courses.get(id);
    if (!course) return null;
    const videos = [...this.store.videos.values()]
      .filter((v) => v.courseId === id && !v.removed)
      .map(({ videoId, title, durationSeconds }) => ({ videoId, title, durationSeconds }));
    return { ...summary(course), videos };
  }

  async page(query: { after?: CoursePosition; limit: number }): Promise<CoursePage> {
    const { after, limit } = query;
    const sorted = [...this.store.courses.values()]
      .filter((c) => !after || isAfter(c, after))
      .sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt)));
    const items = sorted.slice(0, limit);
    const last = items[items.length - 1];
    const next = sorted.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null;
    return { items: items.map(summary), next };
  }
}
