// `pnpm migrate`: applies the users schema's migrations and exits.
import { createKnex, createLogger, loadConfig, migrate } from '@course-platform/service-kit';
import { migrations } from '../migrations';
import { usersConfigSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfig(usersConfigSchema.pick({ DATABASE_URL: true, LOG_LEVEL: true }));
  const logger = createLogger({ service: 'users', level: config.LOG_LEVEL });
  const knex = createKnex({ url: config.DATABASE_URL, schema: 'users' });
  try {
    const applied = await migrate(knex, 'users', migrations);
    logger.info({ applied }, 'migrations applied');
  } finally {
    await knex.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
