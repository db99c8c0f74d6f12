// The inbox: which events each handler has handled, written in the transaction of the handling.
import type { Knex } from 'knex';

/**
 * One text for every batch size (the ids travel as one array), so it is prepared once per connection and
 * nothing is built per message: for a batch of 100, knex built and pg bound 200 parameters.
 */
const INSERT_INBOX = `insert into inbox (handler, event_id) select ?, unnest(?::uuid[])
  on conflict (handler, event_id) do nothing returning event_id`;

/**
 * Records (handler, event id) for each event and answers the ids it inserted, in the database's lower case:
 * an id already there, or repeated earlier in `eventIds`, is not among them (a duplicate).
 */
export async function insertInbox(trx: Knex.Transaction, handler: string, eventIds: readonly string[]): Promise<Set<string>> {
  const result = await trx.raw<{ rows: Array<{ event_id: string }> }>(INSERT_INBOX, [handler, [...eventIds]]).options({ name: 'inbox_insert' });
  return new Set(result.rows.map((row) => row.event_id));
}

// Counts the redelivered copies the inbox skipped, in the transaction that found them taken.

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
