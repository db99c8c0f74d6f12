import { createKnex, migrate, type Knex, type Migration } from '../database';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface MigratedDatabase {
  db: TestDatabase;
  /** Connected as the service's role, its schema migrated: what the service itself sees. */
  knex: Knex;
  close(): Promise<void>;
}

export interface MigratedDatabaseOptions {
  /** The service's role, e.g. 'videos_service'. */
  role: string;
  schema: string;
  migrations: Migration[];
  poolMax?: number;
}

/** A fresh test database with one service's schema migrated, for the integration tests of its repositories. */
export async function createMigratedDatabase(options: MigratedDatabaseOptions): Promise<MigratedDatabase> {
  const db = await createTestDatabase();
  const knex = createKnex({ url: db.urlFor(options.role), schema: options.schema, poolMax: options.poolMax });
  await migrate(knex, options.schema, options.migrations);
  return {
    db,
    knex,
    close: async () => {
      await knex.destroy();
      await db.drop();
    },
  };
}
