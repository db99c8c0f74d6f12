import type { CourseId } from '@course-platform/shared-kernel';
import { Course } from '../../src/domain/course';
import type { CourseRepository } from '../../src/domain/course-repository';
import type { InMemoryCourseStore } from './in-memory-course-store';

export class InMemoryCourseRepository implements CourseRepository {
  constructor(private readonly store: InMemoryCourseStore) {}

  async find(id: CourseId): Promise<Course | null> {
    const stored = this.store.courses.get(id.value);
    return stored ? Course.fromPrimitives(stored) : null;
  }

  async add(course: Course): Promise<boolean> {
    if (this.store.courses.has(course.id.value)) return false;
    const counters = { videoCount: 0, totalDurationSeconds: 0, studentCount: 0 };
    this.store.courses.set(course.id.value, { ...course.toPrimitives(), ...counters, createdAt: this.store.nextCreatedAt() });
    this.store.published.push(...course.pullDomainEvents());
    return true;
  }

  async update(course: Course, loadedRevision: number): Promise<boolean> {
    const stored = this.store.courses.get(course.id.value);
    if (!stored || stored.revision !== loadedRevision) return false;
    this.store.courses.set(course.id.value, { ...stored, ...course.toPrimitives() });
    this.store.published.push(...course.pullDomainEvents());
    return true;
  }
}
