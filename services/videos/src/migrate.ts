// `pnpm migrate`: applies the service's migrations to its schema and exits.
import { runMigrationsCli } from '@course-platform/service-kit';
import { migrations } from '../migrations';
import { SERVICE_NAME, VIDEOS_SCHEMA } from './config';

runMigrationsCli({ service: SERVICE_NAME, schema: VIDEOS_SCHEMA, migrations });
