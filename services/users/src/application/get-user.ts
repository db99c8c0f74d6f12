import { UserId } from '@course-platform/shared-kernel';
import type { User } from '../domain/user';
import { UserNotFoundError } from '../domain/user-errors';
import type { UserRepository } from '../domain/user-repository';

export class GetUser {
  constructor(private readonly users: UserRepository) {}

  async execute(id: string): Promise<User> {
    const user = await this.users.find(new UserId(id).value);
    if (!user) throw new UserNotFoundError(id);
    return user;
  }
}
