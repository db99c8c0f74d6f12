import { createHash } from 'node:crypto';
import type { DomainEvent, EventEnvelope } from '@course-platform/shared-kernel';
import { activeTraceCarrier, currentCorrelation } from '@course-platform/service-kit';
import type { Knex } from 'knex';

/** Builds the wire envelope of a domain event with the correlation of the request or message causing it. */
export function toEnvelope(event: DomainEvent, producer: string): EventEnvelope {
  const { correlationId, causationId } = currentCorrelation();
  return { ...event, meta: { correlationId, causationId, producer } };
}

/**
 * Appends events to the outbox with the write that raised them: they are published if, and only if, that
 * write commits. After a commit the relay of this process is woken at once.
 */
export class Outbox {
  private readonly statementNames = new Map<string, string>();

  constructor(
    private readonly producer: string,
    private readonly onCommit: () => void = () => undefined,
  ) {}

  /** Appends inside the caller's transaction, for a use case that writes several statements. */
  async append(trx: Knex.Transaction, events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await trx('outbox').insert(this.rows(events));
    trx.executionPromise.then(this.onCommit, () => undefined);
  }

  /**
   * Runs one write (an insert or update of the aggregate's row) and appends its events in the same
   * statement, a data-modifying CTE: one round trip, atomic as any transaction, where BEGIN, write, append
   * and COMMIT took four. When the write touches no row (`on conflict do nothing` lost, an optimistic
   * `where revision = ?` failed), no event is appended and the answer is false. The write's `returning` is
   * replaced. Given a transaction, it takes part in it and the relay is woken when that commits.
   *
   * The statement is a named prepared statement: a repository sends the same few shapes of write again and
   * again, so each connection has Postgres parse and plan each shape once, not on every request.
   */
  async appendWith(db: Knex, write: Knex.QueryBuilder, events: readonly DomainEvent[]): Promise<boolean> {
    const written = write.returning(db.raw('1'));
    if (events.length === 0) return (await written).length > 0;
    const rows = this.rows(events);
    // The write compiled once and spliced in as text: knex would otherwise compile it again inside the CTE.
    const { sql, bindings } = written.toSQL();
    const statement = `with written as (${sql}) insert into outbox (event_id, type, envelope, traceparent, tracestate)
       select event_id::uuid, type, envelope, traceparent, tracestate
         from (values ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}) as events (event_id, type, envelope, traceparent, tracestate)
       where exists (select from written) returning event_id`;
    const result = await db
      .raw<{ rows: unknown[] }>(statement, [
        ...bindings,
        ...rows.flatMap((row) => [row.event_id, row.type, row.envelope, row.traceparent, row.tracestate]),
      ])
      .options({ name: this.statementName(statement) });
    if (result.rows.length === 0) return false;
    if (db.isTransaction) (db as Knex.Transaction).executionPromise.then(this.onCommit, () => undefined);
    else this.onCommit();
    return true;
  }

  /** A prepared statement's name is tied to its text on each connection, so it is derived from the text. */
  private statementName(statement: string): string {
    let name = this.statementNames.get(statement);
    if (!name) {
      name = `outbox_append_${createHash('sha1').update(statement).digest('hex')}`;
      this.statementNames.set(statement, name);
    }
    return name;
  }

  /** Each row carries the trace context of the request or handler appending it, for the relay to resume. */
  private rows(events: readonly DomainEvent[]) {
    const { traceparent = null, tracestate = null } = activeTraceCarrier();
    return events.map((event) => ({
      event_id: event.id,
      type: event.type,
      envelope: JSON.stringify(toEnvelope(event, this.producer)),
      traceparent,
      tracestate,
    }));
  }
}
