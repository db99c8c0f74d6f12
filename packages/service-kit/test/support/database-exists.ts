import { Client } from 'pg';
import { testing } from '../../src';

/** Whether the test server has this database: tests of the helpers check they leave nothing behind. */
export async function databaseExists(name: string): Promise<boolean> {
  const admin = new Client({ connectionString: testing.testSuperuserUrl });
  await admin.connect();
  try {
    return (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await admin.end();
  }
}
