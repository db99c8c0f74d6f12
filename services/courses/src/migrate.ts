// `pnpm migrate`: applies the service's migrations to its schema and exits.
import { runMigrationsCli } from '@course-platform/service-kit';
import { migrations } from '../migrations';
import { COURSES_SCHEMA, SERVICE_NAME } from './config';

runMigrationsCli({ service: SERVICE_NAME, schema: COURSES_SCHEMA, migrations });
