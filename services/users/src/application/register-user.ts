import { UserId } from '@course-platform/shared-kernel';
import { User, type UserDetails } from '../domain/user';
import type { UserRepository } from '../domain/user-repository';

export interface RegisterUserCommand extends UserDetails {
  id: string;
}

/** `registered`: a new user (and `users.registered`); `updated`: new details; `unchanged`: the same PUT again. */
export type RegistrationOutcome = 'registered' | 'updated' | 'unchanged';

/** Registers a student, or brings an existing one up to date: the idempotent `PUT /users/:id`. */
export class RegisterUser {
  constructor(private readonly users: UserRepository) {}

  async execute(command: RegisterUserCommand): Promise<{ outcome: RegistrationOutcome; user: User }> {
    const { id, ...details } = command;
    const userId = new UserId(id).value;
    const existing = await this.users.find(userId);
    if (!existing) {
      const user = User.register(userId, details);
      if (await this.users.add(user)) return { outcome: 'registered', user };
      // A concurrent request registered this id first: from here on it is an existing user.
      return this.execute(command);
    }
    if (!existing.changeDetails(details)) return { outcome: 'unchanged', user: existing };
    await this.users.update(existing);
    return { outcome: 'updated', user: existing };
  }
}
