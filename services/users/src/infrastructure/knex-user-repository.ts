import type { Outbox } from '@course-platform/messaging';
import type { Knex } from 'knex';
import { User } from '../domain/user';
import { UsernameTakenError } from '../domain/user-errors';
import type { UserRepository } from '../domain/user-repository';
import { isUniqueViolation } from './unique-violation';

const USERNAME_UNIQUE = 'users_username_unique';

export class KnexUserRepository implements UserRepository {
  constructor(
    private readonly knex: Knex,
    private readonly outbox: Outbox,
  ) {}

  async find(id: string): Promise<User | null> {
    const row = await this.knex('users').where({ id }).first<{ id: string; name: string; username: string; email: string } | undefined>('id', 'name', 'username', 'email');
    return row ? User.restore(row.id, row) : null;
  }

  async add(user: User): Promise<boolean> {
    return this.mappingTakenUsername(user, () => {
      const insert = this.knex('users').insert({ id: user.id.value, ...user.details() }).onConflict('id').ignore();
      return this.outbox.appendWith(this.knex, insert, user.pullDomainEvents());
    });
  }

  async update(user: User): Promise<void> {
    await this.mappingTakenUsername(user, () =>
      this.knex('users').where({ id: user.id.value }).update({ ...user.details(), updated_at: this.knex.fn.now() }),
    );
  }

  private async mappingTakenUsername<T>(user: User, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, USERNAME_UNIQUE)) throw new UsernameTakenError(user.username);
      throw error;
    }
  }
}
