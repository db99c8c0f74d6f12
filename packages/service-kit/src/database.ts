import { inspect } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import type { Logger } from './logger';

export type { Knex };

export interface DatabaseOptions {
  url: string;
  /** The service's own schema: the search path, and where its migration table lives. */
  schema: string;
  poolMax?: number;
  /** Where knex's own warnings go (a failed connection attempt, say): JSON lines like the rest, not console text. */
  logger?: Logger;
}

function knexLog(logger: Logger): Knex.Config['log'] {
  const log = logger.child({ component: 'knex' });
  // knex hands each hook one message, already formatted for a deprecation; not always a string.
  const text = (message: unknown) => (typeof message === 'string' ? message : inspect(message));
  return {
    warn: (message: unknown) => log.warn(text(message)),
    error: (message: unknown) => log.error(text(message)),
    deprecate: (message: unknown) => log.warn(text(message)),
    debug: (message: unknown) => log.debug(text(message)),
  };
}

export function createKnex(options: DatabaseOptions): Knex {
  return knexFactory({
    client: 'pg',
    connection: options.url,
    searchPath: [options.schema],
    pool: { min: 0, max: options.poolMax ?? 10 },
    // Fail a request fast (and answer 503) rather than queue it behind a database that is down.
    acquireConnectionTimeout: 5_000,
    ...(options.logger ? { log: knexLog(options.logger) } : {}),
  });
}

export async function pingDatabase(knex: Knex): Promise<boolean> {
  await knex.raw('select 1');
  return true;
}

export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
}

/**
 * Runs `work` while this process holds the schema's migration lock, a Postgres advisory lock held on one
 * connection. knex's own lock lives in a table knex must first create, so replicas starting together raced on
 * creating it, and a replica that found it locked failed instead of waiting. Trying in a loop rather than
 * blocking in pg_advisory_lock keeps the wait out of the role's lock_timeout: a long migration of one replica
 * holds the others back for as long as it takes, and a replica that dies frees the lock with its session.
 */
async function withMigrationLock<T>(knex: Knex, schema: string, work: () => Promise<T>): Promise<T> {
  const connection = await knex.client.acquireConnection();
  const query = (sql: string) => knex.raw(sql, [`${schema}.migrations`]).connection(connection);
  try {
    while (!(await query('select pg_try_advisory_lock(hashtext(?)) as locked')).rows[0].locked) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      return await work();
    } finally {
      await query('select pg_advisory_unlock(hashtext(?))');
    }
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/** Applies the service's migrations, in list order, into its schema. Idempotent; replicas take turns. */
export async function migrate(knex: Knex, schema: string, migrations: Migration[]): Promise<string[]> {
  return withMigrationLock(knex, schema, () => migrateLatest(knex, schema, migrations));
}

async function migrateLatest(knex: Knex, schema: string, migrations: Migration[]): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({
    schemaName: schema,
    tableName: 'knex_migrations',
    migrationSource: {
      getMigrations: async () => migrations,
      getMigrationName: (migration: Migration) => migration.name,
      getMigration: async (migration: Migration) => ({
        up: migration.up,
        down: migration.down ?? (async () => undefined),
      }),
    },
  })) as [number, string[]];
  return applied;
}
