import type { EventContract, EventEnvelope } from '@course-platform/shared-kernel';
import type { Knex } from 'knex';

/** What a handler listens to: enough to declare its queue, bindings, retry path and dead-letter queue. */
export interface Subscription {
  /** `<consuming service>.<action>_on_<event>`: a constant in code, never derived from a class name. */
  readonly queue: string;
  readonly events: readonly EventContract[];
}

/**
 * A subscription with the code that applies an event. `handle` runs inside the transaction that recorded the
 * event in the inbox: it must write through `trx` (and may append new events to the outbox through it), so
 * its effects commit exactly when the inbox row does. Throwing sends the message down the retry path.
 */
export interface EventHandler extends Subscription {
  handle(event: EventEnvelope, trx: Knex.Transaction): Promise<void>;
  /**
   * For a handler whose writes batch well (a projection upsert of many rows in one statement): the events of a
   * batch not seen before, more than one, in delivery order, in the transaction that recorded them in the
   * inbox. It must have the effect of `handle` on each, in order. If it throws, the batch is rolled back and
   * each message handled again alone through `handle`, so a failure that belongs to one event fails only it.
   */
  handleBatch?(events: readonly EventEnvelope[], trx: Knex.Transaction): Promise<void>;
  /**
   * How long one call may take (default: the service's HANDLER_TIMEOUT_MS). Past it the call is cut off, its
   * transaction rolled back, and its message retried like any failure.
   */
  readonly timeoutMs?: number;
}

/** A handler error that retrying cannot fix: the message goes straight to the dead-letter queue. */
export class PermanentHandlerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentHandlerError';
  }
}
