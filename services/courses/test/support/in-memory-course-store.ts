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

  /** Distinct, increasing creation times, as the keyset order needs. */
  nextCreatedAt(): string {
    this.tick += 1;
    return new Date(Date.UTC(2025, 0, 1) + this.tick).toISOString().replace('Z', '000Z');
  }
}
