import { testing } from '@course-platform/service-kit';
import { migrations } from '../../migrations';

export type UsersDatabase = testing.MigratedDatabase;

/** A fresh test database with the users schema migrated, for one test file. */
export function createUsersDatabase(): Promise<UsersDatabase> {
  return testing.createMigratedDatabase({ role: 'users_service', schema: 'users', migrations });
}
