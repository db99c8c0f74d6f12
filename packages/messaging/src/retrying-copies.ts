// Where an event waits between two attempts of a handler: a copy in one of the handler queue's retry queues.
// Read for the operations console's journey, the way the dead-letter tools read (queue-walk.ts).
import type amqp from 'amqplib';
import { ATTEMPT_HEADER, FIRST_FAILED_HEADER, RETRIED_AT_HEADER } from './handler-consumer';
import { walkQueue, withMessageId, withWalkChannel } from './queue-walk';
import { retryDelayOf } from './topology';

export interface RetryingCopy {
  /** The retry queue it waits in; its delay is the time a copy waits there. */
  queue: string;
  delayMs: number;
  /** The attempt it goes back to its handler for. */
  nextAttempt: number;
  lastError: string;
  /** When the failed attempt put it there; absent on a copy retried by a consumer older than this header. */
  retriedAt: string | undefined;
  firstFailedAt: string | undefined;
}

const text = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value));

function toRetryingCopy(queue: string, message: amqp.GetMessage): RetryingCopy {
  const headers = message.properties.headers ?? {};
  return {
    queue,
    delayMs: retryDelayOf(queue) ?? 0,
    nextAttempt: Number(headers[ATTEMPT_HEADER] ?? 0),
    lastError: String(headers['x-last-error'] ?? ''),
    retriedAt: text(headers[RETRIED_AT_HEADER]),
    firstFailedAt: text(headers[FIRST_FAILED_HEADER]),
  };
}

/**
 * The copy of this event (message id) waiting in one of `retryQueues`, or null. Each queue is walked up to
 * `limitPerQueue` messages and every one is put back: a copy held for the walk's milliseconds expires that
 * much later, never earlier.
 */
export async function findRetryingCopy(url: string, retryQueues: readonly string[], messageId: string, limitPerQueue = 1_000): Promise<RetryingCopy | null> {
  return withWalkChannel(url, async (channel) => {
    for (const queue of retryQueues) {
      const [found] = (await walkQueue(channel, queue, { select: withMessageId(messageId), limit: 1, looksAtMost: limitPerQueue })).matched;
      if (found) return toRetryingCopy(queue, found);
    }
    return null;
  });
}
