// A fresh test database with the courses schema migrated, reached as the courses_service role.
import { createKnex, migrate, testing, type Knex } from '@course-platform/service-kit';
import { migrations } from '../../migrations';

export interface MigratedDatabase {
  knex: Knex;
  db: testing.TestDatabase;
  drop(): Promise<void>;
}

export async function migratedDatabase(poolMax = 20): Promise<MigratedDatabase> {
  const db = await testing.createTestDatabase();
  const knex = createKnex({ url: db.urlFor('courses_service'), schema: 'courses', poolMax });
  await migrate(knex, 'courses', migrations);
  return {
    knex,
    db,
    drop: async () => {
      await knex.destroy();
      await db.drop();
    },
  };
}
