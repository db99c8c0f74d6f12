import type { DomainEvent } from '@course-platform/shared-kernel';
import { User } from '../../src/domain/user';
import { UsernameTakenError } from '../../src/domain/user-errors';
import type { UserRepository } from '../../src/domain/user-repository';

export class InMemoryUserRepository implements UserRepository {
  readonly events: DomainEvent[] = [];
  private readonly rows = new Map<string, { name: string; username: string; email: string }>();

  async find(id: string): Promise<User | null> {
    const row = this.rows.get(id);
    return row ? User.restore(id, row) : null;
  }

  async add(user: User): Promise<boolean> {
    if (this.rows.has(user.id.value)) return false;
    this.ensureFree(user);
    this.rows.set(user.id.value, user.details());
    this.events.push(...user.pullDomainEvents());
    return true;
  }

  async update(user: User): Promise<void> {
    this.ensureFree(user);
    this.rows.set(user.id.value, user.details());
  }

  private ensureFree(user: User): void {
    for (const [id, row] of this.rows) {
      if (id !== user.id.value && row.username === user.username) throw new UsernameTakenError(user.username);
    }
  }
}
