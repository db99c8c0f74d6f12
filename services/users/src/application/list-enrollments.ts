import type { Enrollment } from '../domain/enrollment';
import type { EnrollmentRepository } from '../domain/enrollment-repository';
import type { GetUser } from './get-user';

export class ListEnrollments {
  constructor(
    private readonly getUser: GetUser,
    private readonly enrollments: EnrollmentRepository,
  ) {}

  async execute(userId: string): Promise<Enrollment[]> {
    const user = await this.getUser.execute(userId);
    return this.enrollments.listByUser(user.id.value);
  }
}
