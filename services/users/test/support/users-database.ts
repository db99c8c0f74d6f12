import { createKnex, migrate, testing, type Knex } from '@course-platform/service-kit';
import { migrations } from '../../migrations';

export interface UsersDatabase {
  db: testing.TestDatabase;
  /** Connected as users_service, migrated: what the service itself sees. */
  knex: Knex;
  close(): Promise<void>;
}

/** A fresh test database with the users schema migrated, for one test file. */
export async function createUsersDatabase(): Promise<UsersDatabase> {
  const db = await testing.createTestDatabase();
  const knex = createKnex({ url: db.urlFor('users_service'), schema: 'users' });
  await migrate(knex, 'users', migrations);
  return {
    db,
    knex,
    close: async () => {
      await knex.destroy();
      await db.drop();
    },
  };
}
