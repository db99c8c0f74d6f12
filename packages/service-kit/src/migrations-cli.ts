import { serviceConfigSchema, loadConfig } from './config';
import { createKnex, migrate, type Migration } from './database';
import { createLogger } from './logger';

export interface MigrationsCliOptions {
  service: string;
  /** The service's own schema, where its migrations and their table live. */
  schema: string;
  migrations: Migration[];
}

async function applyMigrations(options: MigrationsCliOptions): Promise<void> {
  // Only what migrating needs, so `pnpm migrate` runs without the broker's or the mailer's settings.
  const config = loadConfig(serviceConfigSchema.pick({ DATABASE_URL: true, LOG_LEVEL: true }));
  const logger = createLogger({ service: options.service, level: config.LOG_LEVEL });
  const knex = createKnex({ url: config.DATABASE_URL, schema: options.schema });
  try {
    const applied = await migrate(knex, options.schema, options.migrations);
    logger.info({ applied }, applied.length ? 'migrations applied' : 'schema up to date');
  } finally {
    await knex.destroy();
  }
}

/** A service's `pnpm migrate`: applies its migrations to its schema and exits; a failure is one line and exit code 1. */
export function runMigrationsCli(options: MigrationsCliOptions): void {
  applyMigrations(options).catch((error: unknown) => {
    process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
