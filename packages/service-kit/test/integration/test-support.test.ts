import { Client } from 'pg';
import { testing } from '../../src';
import { databaseExists } from '../support/database-exists';

// Every workspace's tests stand on these helpers: each run must get its own database and vhost, and leave
// nothing behind.

describe('createTestDatabase', () => {
  it('makes a fresh database with the three service schemas and drops it afterwards', async () => {
    const db = await testing.createTestDatabase();
    const client = new Client({ connectionString: db.superuserUrl });
    await client.connect();
    const { rows } = await client.query<{ nspname: string; owner: string }>(
      "select nspname, pg_get_userbyid(nspowner) as owner from pg_namespace where nspname in ('videos', 'courses', 'users') order by nspname",
    );
    await client.end();
    expect(rows).toEqual([
      { nspname: 'courses', owner: 'courses_service' },
      { nspname: 'users', owner: 'users_service' },
      { nspname: 'videos', owner: 'videos_service' },
    ]);
    expect(new URL(db.urlFor('videos_service')).username).toBe('videos_service');
    await db.drop();
    expect(await databaseExists(db.name)).toBe(false);
  });

  it('gives each call its own database', async () => {
    const [a, b] = await Promise.all([testing.createTestDatabase(), testing.createTestDatabase()]);
    expect(a.name).not.toBe(b?.name);
    await Promise.all([a.drop(), b?.drop()]);
  });
});

describe('createTestVhost', () => {
  it('makes a vhost guest can use and deletes it afterwards', async () => {
    const vhost = await testing.createTestVhost();
    const vhosts = await vhost.admin.request<Array<{ name: string }>>('GET', '/vhosts');
    expect(vhosts.map((entry) => entry.name)).toContain(vhost.name);
    expect(vhost.url).toMatch(new RegExp(`/${vhost.name}$`));
    await vhost.drop();
    const after = await vhost.admin.request<Array<{ name: string }>>('GET', '/vhosts');
    expect(after.map((entry) => entry.name)).not.toContain(vhost.name);
  });
});
