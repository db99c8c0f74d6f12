// `pnpm migrate`: applies the users schema's migrations and exits.
import { runMigrationsCli } from '@course-platform/service-kit';
import { migrations } from '../migrations';

runMigrationsCli({ service: 'users', schema: 'users', migrations });
