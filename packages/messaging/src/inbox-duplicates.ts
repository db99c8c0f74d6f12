// Counts the redelivered copies the inbox skipped, in the transaction that found them taken.
import type { Knex } from 'knex';

/**
 * Adds each id of `delivered` that the inbox insert did not return (`inserted`: the ids it did) to its row's
 * `duplicates`, one UPDATE for the whole batch. A batch without a duplicate, the common case, runs nothing.
 * An id delivered twice in one batch was inserted once: its other copy counts.
 */
export async function recordDuplicates(trx: Knex.Transaction, handler: string, delivered: readonly string[], inserted: readonly string[]): Promise<void> {
  const fresh = new Set(inserted);
  const copies = new Map<string, number>();
  for (const id of delivered.map((eventId) => eventId.toLowerCase())) {
    if (fresh.delete(id)) continue;
    copies.set(id, (copies.get(id) ?? 0) + 1);
  }
  if (copies.size === 0) return;
  const rows = [...copies];
  await trx.raw(
    `update inbox set duplicates = inbox.duplicates + copy.count
       from (values ${rows.map(() => '(?::uuid, ?::int)').join(', ')}) as copy(event_id, count)
      where inbox.handler = ? and inbox.event_id = copy.event_id`,
    [...rows.flat(), handler],
  );
}
