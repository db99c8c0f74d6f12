import { testing } from '@course-platform/service-kit';
import { Client } from 'pg';
import { mailEnv, startInProcess, type ServiceName } from '../support/in-process-services';

// The data rule on the services' real, migrated schemas: each service's role uses every table of its own
// schema and can neither read nor write a single table of the other two.

const services: ServiceName[] = ['videos', 'courses', 'users'];
const pairs = services.flatMap((service) => services.filter((other) => other !== service).map((other) => [service, other] as const));

let db: testing.TestDatabase;
/** Each schema's tables, with one column of each to name in an update. */
const tables = new Map<ServiceName, Array<{ table: string; column: string }>>();
const roles = new Map<ServiceName, Client>();

function as(service: ServiceName): Client {
  const client = roles.get(service);
  if (!client) throw new Error(`no connection as ${service}_service`);
  return client;
}

function tablesOf(service: ServiceName): Array<{ table: string; column: string }> {
  const found = tables.get(service) ?? [];
  if (found.length === 0) throw new Error(`the ${service} schema has no tables`);
  return found;
}

beforeAll(async () => {
  db = await testing.createTestDatabase();
  const vhost = await testing.createTestVhost();
  const sink = await testing.SmtpSink.start();
  // Starting each service once migrates its schema: the tables below are the ones the services really use.
  for (const service of services) await (await startInProcess(service, db, vhost, service === 'users' ? mailEnv(sink.url) : {})).stop();
  await vhost.drop();
  await sink.stop();
  const admin = new Client({ connectionString: db.superuserUrl });
  await admin.connect();
  for (const service of services) {
    const { rows } = await admin.query<{ table: string; column: string }>(
      `select t.table_name as table, c.column_name as column from information_schema.tables t
       join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name and c.ordinal_position = 1
       where t.table_schema = $1 and t.table_type = 'BASE TABLE'`,
      [service],
    );
    tables.set(service, rows);
  }
  await admin.end();
  for (const service of services) {
    const client = new Client({ connectionString: db.urlFor(`${service}_service`) });
    await client.connect();
    roles.set(service, client);
  }
});

afterAll(async () => {
  await Promise.all([...roles.values()].map((client) => client.end()));
  await db?.drop();
});

const denied = { code: '42501' };

describe.each(pairs)('the %s_service role on the %s schema', (service, other) => {
  it('cannot read any of its tables', async () => {
    for (const { table } of tablesOf(other)) await expect(as(service).query(`select * from ${other}.${table} limit 1`)).rejects.toMatchObject(denied);
  });

  it('cannot insert, update, delete or truncate in any of its tables', async () => {
    for (const { table, column } of tablesOf(other)) {
      const name = `${other}.${table}`;
      for (const statement of [`insert into ${name} default values`, `update ${name} set ${column} = ${column}`, `delete from ${name}`, `truncate ${name}`]) {
        await expect(as(service).query(statement)).rejects.toMatchObject(denied);
      }
    }
  });

  it('cannot create, alter or drop anything in it', async () => {
    await expect(as(service).query(`create table ${other}.intruder (id int)`)).rejects.toMatchObject(denied);
    await expect(as(service).query(`alter table ${other}.outbox add column intruder int`)).rejects.toMatchObject(denied);
    await expect(as(service).query(`drop table ${other}.inbox`)).rejects.toMatchObject(denied);
  });
});

describe.each(services)('the %s_service role on its own schema', (service) => {
  it('reads every table', async () => {
    for (const { table } of tablesOf(service)) await expect(as(service).query(`select * from ${service}.${table} limit 1`)).resolves.toBeDefined();
  });

  it('writes its inbox and outbox (in a transaction it rolls back)', async () => {
    const client = as(service);
    await client.query('begin');
    try {
      await client.query("insert into inbox (handler, event_id) values ('isolation.probe', gen_random_uuid())");
      await client.query("insert into outbox (event_id, type, envelope) values (gen_random_uuid(), 'isolation.probe', '{}')");
      await client.query("update outbox set published_at = now() where type = 'isolation.probe'");
      await client.query("delete from inbox where handler = 'isolation.probe'");
    } finally {
      await client.query('rollback');
    }
  });
});
