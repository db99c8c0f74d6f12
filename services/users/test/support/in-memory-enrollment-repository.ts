import type { DomainEvent } from '@course-platform/shared-kernel';
import { Enrollment } from '../../src/domain/enrollment';
import type { EnrollmentRepository } from '../../src/domain/enrollment-repository';

export class InMemoryEnrollmentRepository implements EnrollmentRepository {
  readonly events: DomainEvent[] = [];
  private readonly rows = new Map<string, { userId: string; courseId: string; enrolledAt: Date }>();

  async find(userId: string, courseId: string): Promise<Enrollment | null> {
    const row = this.rows.get(`${userId}/${courseId}`);
    return row ? Enrollment.restore(row.userId, row.courseId, row.enrolledAt) : null;
  }

  async add(enrollment: Enrollment): Promise<boolean> {
    const key = `${enrollment.userId.value}/${enrollment.courseId.value}`;
    if (this.rows.has(key)) return false;
    this.rows.set(key, { userId: enrollment.userId.value, courseId: enrollment.courseId.value, enrolledAt: enrollment.enrolledAt });
    this.events.push(...enrollment.pullDomainEvents());
    return true;
  }

  async listByUser(userId: string): Promise<Enrollment[]> {
    return [...this.rows.values()]
      .filter((row) => row.userId === userId)
      .map((row) => Enrollment.restore(row.userId, row.courseId, row.enrolledAt));
  }

  usersIn(courseId: string): string[] {
    return [...this.rows.values()].filter((row) => row.courseId === courseId).map((row) => row.userId);
  }
}
