import type { Enrollment } from './enrollment';

export interface EnrollmentRepository {
  find(userId: string, courseId: string): Promise<Enrollment | null>;
  /**
   * Stores a new enrollment with its pulled events. Resolves false, storing nothing, when the user is
   * enrolled in the course already, so that of two concurrent enrollments only one records `users.enrolled`.
   */
  add(enrollment: Enrollment): Promise<boolean>;
  listByUser(userId: string): Promise<Enrollment[]>;
}
