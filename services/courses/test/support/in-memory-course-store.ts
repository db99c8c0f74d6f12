// The state behind the in-memory adapters: the tables of the knex adapters, as plain maps.
import type { DomainEvent } from '@course-platform/shared-kernel';
import type { CoursePrimitives } from '../../src/domain/course';
import type { CourseVideoPrimitives } from '../../src/domain/course-video';

export interface StoredCourse extends CoursePrimitives {
  createdAt: string;
  videoCount: number;
  totalDurationSeconds: number;
  studentCount: number;
}

export class InMemoryCourseStore {
  readonly courses = new Map<string, StoredCourse>();
  /** In insertion order, which is the order videos were added. */
  readonly videos = new Map<string, CourseVideoPrimitives>();
  /** What the adapters appended to the outbox. */
  readonly published: DomainEvent[] = [];
  private tick = 0;

  /**
   * Runs a handler as the event bus does, in a transaction: when it throws, every change it made to the
   * tables is undone.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const courses = [...this.courses].map(([id, course]) => [id, { ...course }] as const);
    const videos = [...this.videos];
    const published = this.published.length;
    try {
      return await work();
    } catch (error) {
      this.courses.clear();
      for (const [id, course] of courses) this.courses.set(id, course);
      this.videos.clear();
      for (const [id, video] of videos) this.videos.set(id, video);
      this.published.length = published;
      throw error;
    }
  }

  /** Distinct, increasing creation times, as the keyset order needs. */
  nextCreatedAt(): string {
    this.tick += 1;
    return new Date(Date.UTC(2025, 0, 1) + this.tick).toISOString().replace('Z', '000Z');
  }
}
