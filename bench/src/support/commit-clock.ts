import type { Knex } from '@course-platform/service-kit';

interface QueryEvent {
  sql: string;
  bindings?: readonly unknown[];
  __knexTxId?: string;
}

/** The machine's clock in ms with sub-ms precision: comparable between the bench's processes. */
export const epochNow = () => performance.timeOrigin + performance.now();

type PgQuery = (this: unknown, connection: { __knexTxId?: string }, query: { sql: string; bindings?: readonly unknown[] }) => Promise<unknown>;

/** Names the rows a statement writes ("what this transaction commits"), or none for statements of no interest. */
export type Classifier = (sql: string, bindings: readonly unknown[]) => string[];

/**
 * Learns, on the machine's clock, the moment each watched transaction committed: the instant its COMMIT
 * answered, which is the earliest any code could know it. A service's knex instance is watched from the
 * outside, without touching the service's code: a 'query' listener notes which transaction wrote which keys,
 * and a wrapper around knex's pg query function times the COMMIT, or the statement itself when it runs
 * outside a transaction (`Outbox.appendWith`: one statement is its own transaction).
 */
export class CommitClock {
  readonly committedAt = new Map<string, number>();
  private readonly pending = new Map<string, string[]>();
  private restore: (() => void) | null = null;

  /** The classifier of each watched knex, by its client: the statements outside a transaction go by it. */
  private readonly classifiers = new Map<unknown, Classifier>();

  watch(knex: Knex, classify: Classifier): void {
    this.classifiers.set(knex.client, classify);
    knex.on('query', (query: QueryEvent) => {
      if (!query.__knexTxId) return;
      const keys = classify(query.sql, query.bindings ?? []);
      if (keys.length === 0) return;
      this.pending.set(query.__knexTxId, [...(this.pending.get(query.__knexTxId) ?? []), ...keys]);
    });
    this.wrapQuery(Object.getPrototypeOf(knex.client) as { _query: PgQuery });
  }

  private wrapQuery(client: { _query: PgQuery }): void {
    if (this.restore) return;
    const original = client._query;
    const { pending, committedAt, classifiers } = this;
    const stamp = (result: Promise<unknown>, keys: readonly string[]) =>
      result.then(
        () => {
          const now = epochNow();
          for (const key of keys) committedAt.set(key, now);
        },
        () => undefined,
      );
    client._query = function (connection, query) {
      const result = original.call(this, connection, query);
      const txId = connection.__knexTxId;
      if (txId === undefined) {
        const keys = classifiers.get(this)?.(query.sql, query.bindings ?? []) ?? [];
        if (keys.length > 0) void stamp(result, keys);
        return result;
      }
      const keys = pending.get(txId);
      if (keys && /^(COMMIT|ROLLBACK)/.test(query.sql)) {
        pending.delete(txId);
        if (query.sql.startsWith('COMMIT')) void stamp(result, keys);
      }
      return result;
    };
    this.restore = () => {
      client._query = original;
    };
  }

  stop(): void {
    this.restore?.();
    this.restore = null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id of an event envelope among a statement's bindings; other values (a row's text, say) are not one. */
function envelopeId(value: unknown): string[] {
  if (typeof value !== 'string' || !value.startsWith('{"')) return [];
  try {
    const parsed = JSON.parse(value) as { id?: unknown; meta?: unknown };
    return typeof parsed.id === 'string' && parsed.meta !== undefined ? [parsed.id] : [];
  } catch {
    return [];
  }
}

/** An outbox insert (alone, or after the write in `appendWith`) commits events: one key per event id. */
export const outboxEvents: Classifier = (sql, bindings) => (/insert into "?outbox"? /.test(sql) ? bindings.flatMap(envelopeId) : []);

/**
 * An inbox insert (of one message, or of a batch: its ids as one array) commits handled events: key
 * `<queue> <event id>` each.
 */
export const inboxEntries: Classifier = (sql, bindings) => {
  if (!/^insert into "?inbox"? /.test(sql)) return [];
  const strings = bindings.flat().filter((value): value is string => typeof value === 'string');
  const queue = strings.find((value) => !UUID.test(value));
  return queue ? strings.filter((value) => UUID.test(value)).map((eventId) => `${queue} ${eventId}`) : [];
};
