import { Client } from 'pg';
import { testing } from '../../src';

// The architecture's data rule, proven on the real init script: each service role owns its schema and can
// neither read nor write another service's, nor leave tables in public.
const services = ['videos', 'courses', 'users'] as const;

let db: testing.TestDatabase;
const clients = new Map<string, Client>();

function as(service: string): Client {
  const client = clients.get(service);
  if (!client) throw new Error(`no client for ${service}`);
  return client;
}

beforeAll(async () => {
  db = await testing.createTestDatabase();
  for (const service of services) {
    const client = new Client({ connectionString: db.urlFor(`${service}_service`) });
    await client.connect();
    clients.set(service, client);
    await client.query(`create table ${service}.records (id int primary key, note text)`);
  }
});

afterAll(async () => {
  await Promise.all([...clients.values()].map((client) => client.end()));
  await db?.drop();
});

describe.each(services)('the %s_service role', (service) => {
  it('reads and writes its own schema, which is its search path', async () => {
    await as(service).query('insert into records (id, note) values (1, $1)', [service]);
    const { rows } = await as(service).query(`select note from ${service}.records where id = 1`);
    expect(rows).toEqual([{ note: service }]);
  });

  const others = services.filter((other) => other !== service);

  it.each(others)('cannot read the %s schema', async (other) => {
    await expect(as(service).query(`select * from ${other}.records`)).rejects.toMatchObject({
      code: '42501',
      message: `permission denied for schema ${other}`,
    });
  });

  it.each(others)('cannot write the %s schema', async (other) => {
    await expect(as(service).query(`insert into ${other}.records (id) values (2)`)).rejects.toMatchObject({ code: '42501' });
    await expect(as(service).query(`create table ${other}.intruder (id int)`)).rejects.toMatchObject({ code: '42501' });
  });

  it('has a statement, lock and idle-transaction timeout, so nothing it runs waits without end', async () => {
    const setting = async (name: string) => (await as(service).query(`select current_setting($1) as value`, [name])).rows[0].value;
    expect(await setting('statement_timeout')).toBe('30s');
    expect(await setting('lock_timeout')).toBe('10s');
    expect(await setting('idle_in_transaction_session_timeout')).toBe('1min');
  });

  it('cannot create a table in public', async () => {
    await expect(as(service).query(`create table public.${service}_stray (id int)`)).rejects.toMatchObject({
      code: '42501',
      message: 'permission denied for schema public',
    });
  });
});
