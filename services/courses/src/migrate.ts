// `pnpm migrate`: applies the service's migrations to its schema and exits.
import { createKnex, createLogger, loadConfig, migrate } from '@course-platform/service-kit';
import { migrations } from '../migrations';
import { COURSES_SCHEMA, SERVICE_NAME, coursesConfigSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfig(coursesConfigSchema.pick({ DATABASE_URL: true, LOG_LEVEL: true }));
  const logger = createLogger({ service: SERVICE_NAME, level: config.LOG_LEVEL });
  const knex = createKnex({ url: config.DATABASE_URL, schema: COURSES_SCHEMA });
  try {
    const applied = await migrate(knex, COURSES_SCHEMA, migrations);
    logger.info({ applied }, applied.length ? 'migrations applied' : 'schema up to date');
  } finally {
    await knex.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
