import { testing, type Knex } from '@course-platform/service-kit';
import { migrations } from '../../migrations';
import { VIDEOS_SCHEMA } from '../../src/config';

/** A fresh test database, migrated and reached as the service's own role, as the service reaches it. */
export function openVideosDatabase(): Promise<testing.MigratedDatabase> {
  return testing.createMigratedDatabase({ role: 'videos_service', schema: VIDEOS_SCHEMA, migrations });
}

export async function outboxTypesFor(knex: Knex, aggregateId: string): Promise<string[]> {
  const rows = await knex<{ type: string; envelope: string }>('outbox').orderBy('position');
  return rows.filter((row) => (JSON.parse(row.envelope) as { aggregateId: string }).aggregateId === aggregateId).map((row) => row.type);
}
