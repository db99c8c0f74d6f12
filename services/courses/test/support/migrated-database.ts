// A fresh test database with the courses schema migrated, reached as the courses_service role.
import { testing } from '@course-platform/service-kit';
import { migrations } from '../../migrations';
import { COURSES_SCHEMA } from '../../src/config';

export type MigratedDatabase = testing.MigratedDatabase;

export function migratedDatabase(poolMax = 20): Promise<MigratedDatabase> {
  return testing.createMigratedDatabase({ role: 'courses_service', schema: COURSES_SCHEMA, migrations, poolMax });
}
