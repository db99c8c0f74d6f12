import { randomBytes } from 'node:crypto';
import { dropDatabase, roleUrl, setupPlatformDatabase } from '../platform-database';

export const testSuperuserUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  superuserUrl: string;
  /** The URL of one service role in this database, e.g. urlFor('videos_service'). */
  urlFor(role: string): string;
  drop(): Promise<void>;
}

/** A fresh database with the platform's schemas and roles, unique to this test file, dropped afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cpt_${randomBytes(6).toString('hex')}`;
  const superuserUrl = await setupPlatformDatabase(testSuperuserUrl, name);
  return {
    name,
    superuserUrl,
    urlFor: (role) => roleUrl(superuserUrl, role),
    drop: () => dropDatabase(testSuperuserUrl, name),
  };
}
