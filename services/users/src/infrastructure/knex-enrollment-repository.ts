import type { Outbox } from '@course-platform/messaging';
import type { Knex } from 'knex';
import { Enrollment } from '../domain/enrollment';
import type { EnrollmentRepository } from '../domain/enrollment-repository';

interface EnrollmentRow {
  user_id: string;
  course_id: string;
  enrolled_at: Date;
}

const toEnrollment = (row: EnrollmentRow) => Enrollment.restore(row.user_id, row.course_id, row.enrolled_at);

export class KnexEnrollmentRepository implements EnrollmentRepository {
  constructor(
    private readonly knex: Knex,
    private readonly outbox: Outbox,
  ) {}

  async find(userId: string, courseId: string): Promise<Enrollment | null> {
    const row = await this.knex('enrollments').where({ user_id: userId, course_id: courseId }).first<EnrollmentRow | undefined>();
    return row ? toEnrollment(row) : null;
  }

  async add(enrollment: Enrollment): Promise<boolean> {
    const insert = this.knex('enrollments')
      .insert({ user_id: enrollment.userId.value, course_id: enrollment.courseId.value, enrolled_at: enrollment.enrolledAt })
      .onConflict(['user_id', 'course_id'])
      .ignore();
    return this.outbox.appendWith(this.knex, insert, enrollment.pullDomainEvents());
  }

  async listByUser(userId: string): Promise<Enrollment[]> {
    const rows = await this.knex('enrollments').where({ user_id: userId }).orderBy([{ column: 'enrolled_at' }, { column: 'course_id' }]).select<EnrollmentRow[]>();
    return rows.map(toEnrollment);
  }
}
