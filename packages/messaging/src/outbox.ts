import type { DomainEvent, EventEnvelope } from '@course-platform/shared-kernel';
import { currentCorrelation } from '@course-platform/service-kit';
import type { Knex } from 'knex';

/** Builds the wire envelope of a domain event with the correlation of the request or message causing it. */
export function toEnvelope(event: DomainEvent, producer: string): EventEnvelope {
  const { correlationId, causationId } = currentCorrelation();
  return { ...event, meta: { correlationId, causationId, producer } };
}

/**
 * Appends events to the outbox inside the caller's transaction: they are published if, and only if, the
 * transaction commits. After a commit the relay of this process is woken at once.
 */
export class Outbox {
  constructor(
    private readonly producer: string,
    private readonly onCommit: () => void = () => undefined,
  ) {}

  async append(trx: Knex.Transaction, events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((event) => ({
      event_id: event.id,
      type: event.type,
      envelope: JSON.stringify(toEnvelope(event, this.producer)),
    }));
    await trx('outbox').insert(rows);
    trx.executionPromise.then(this.onCommit, () => undefined);
  }
}
