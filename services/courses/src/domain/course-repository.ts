import type { CourseId } from '@course-platform/shared-kernel';
import type { Course } from './course';

/**
 * Courses and the events they record: an adapter stores the aggregate and its pulled events together, or
 * neither. Writes are optimistic; a `false` answer means another writer came first and nothing was stored.
 */
export interface CourseRepository {
  find(id: CourseId): Promise<Course | null>;
  /** Stores a new course; false when its id is already taken. */
  add(course: Course): Promise<boolean>;
  /** Stores a changed course if it still has the revision it was loaded with; false when it has moved on. */
  update(course: Course, loadedRevision: number): Promise<boolean>;
}
