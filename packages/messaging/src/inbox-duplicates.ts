// Counts the redelivered copies the inbox skipped, in the transaction that found them taken.
import type { Knex } from 'knex';

/**
 * Adds each copy the inbox insert found taken (`copies`: their event ids, an id once per copy) to its row's
 * `duplicates`, one UPDATE for the whole batch. A batch without a duplicate, the common case, runs nothing.
 */
export async function recordDuplicates(trx: Knex.Transaction, handler: string, copies: readonly string[]): Promise<void> {
  if (copies.length === 0) return;
  const counts = new Map<string, number>();
  for (const id of copies) counts.set(id.toLowerCase(), (counts.get(id.toLowerCase()) ?? 0) + 1);
  const rows = [...counts];
  await trx.raw(
    `update inbox set duplicates = inbox.duplicates + copy.count
       from (values ${rows.map(() => '(?::uuid, ?::int)').join(', ')}) as copy(event_id, count)
      where inbox.handler = ? and inbox.event_id = copy.event_id`,
    [...rows.flat(), handler],
  );
}
