// A handler queue's dead letters: list them, send them back to their queue, or discard one. The one
// implementation behind both front ends, `make dlq` (cli/dlq.ts) and the operations console.
import type amqp from 'amqplib';
import { publishConfirmed } from './publish-confirmed';
import { messagesIn, walkQueue, withMessageId, withWalkChannel, type QueueWalk } from './queue-walk';
import { ATTEMPT_HEADER, FIRST_FAILED_HEADER } from './handler-consumer';
import { deadLetterQueueName, retryExchangeName } from './topology';

export interface DeadLetter {
  messageId: string | undefined;
  type: string | undefined;
  aggregateId: string | undefined;
  correlationId: string | undefined;
  reason: string;
  error: string;
  attempts: number;
  firstFailedAt: string | undefined;
  deadLetteredAt: string | undefined;
  /** The message body, parsed when it is JSON, else its text (a malformed message is dead-lettered as it came). */
  payload: unknown;
}

export interface DeadLetterReport {
  queue: string;
  count: number;
  byReason: Record<string, number>;
  messages: DeadLetter[];
}

type Headers = Record<string, unknown> | undefined;

const text = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value));

function parsed(content: Buffer): unknown {
  const body = content.toString('utf8');
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/**
 * Our consumer names its reason in a header. The broker dead-letters on its own too — a quorum queue past its
 * delivery limit — and says why in the latest entry of x-death (`delivery_limit` becomes DELIVERY_LIMIT).
 */
function reasonOf(headers: Headers): string {
  const ours = headers?.['x-dead-letter-reason'];
  if (ours !== undefined) return String(ours);
  const [latest] = (headers?.['x-death'] as Array<{ reason?: unknown }> | undefined) ?? [];
  return latest?.reason === undefined ? 'UNKNOWN' : String(latest.reason).toUpperCase();
}

function toDeadLetter(message: amqp.GetMessage): DeadLetter {
  const headers: Headers = message.properties.headers;
  const payload = parsed(message.content);
  const envelope = (typeof payload === 'object' && payload !== null ? payload : {}) as { aggregateId?: unknown; meta?: { correlationId?: unknown } };
  return {
    messageId: message.properties.messageId,
    type: message.properties.type,
    aggregateId: text(envelope.aggregateId),
    correlationId: text(envelope.meta?.correlationId) ?? text(message.properties.correlationId),
    reason: reasonOf(headers),
    error: String(headers?.['x-error'] ?? ''),
    attempts: Number(headers?.['x-attempts'] ?? 0),
    firstFailedAt: text(headers?.[FIRST_FAILED_HEADER]),
    deadLetteredAt: text(headers?.['x-dead-lettered-at']),
    payload,
  };
}

/** Sends one dead letter back to its handler queue with a fresh attempt count; resolves once confirmed. */
async function replay(channel: amqp.ConfirmChannel, handlerQueue: string, message: amqp.GetMessage): Promise<void> {
  const headers = Object.fromEntries(
    Object.entries(message.properties.headers ?? {}).filter(([name]) => !name.startsWith('x-dead-letter') && name !== 'x-error' && name !== FIRST_FAILED_HEADER),
  );
  await publishConfirmed(
    channel,
    [
      {
        exchange: retryExchangeName(handlerQueue),
        routingKey: handlerQueue,
        content: message.content,
        options: {
          messageId: message.properties.messageId,
          type: message.properties.type,
          contentType: message.properties.contentType,
          correlationId: message.properties.correlationId,
          persistent: true,
          mandatory: true,
          headers: { ...headers, [ATTEMPT_HEADER]: 1, 'x-replayed-at': new Date().toISOString() },
        },
      },
    ],
    { timeoutMs: 10_000, rejectReturned: true },
  );
}

type Action = 'replay' | 'discard';

/**
 * Walks the dead-letter queue (queue-walk.ts). A replayed message is acked only after the broker confirmed its
 * copy, so a crash mid-way loses none; the handler's inbox makes a copy it already handled harmless.
 */
async function walkDeadLetters(url: string, handlerQueue: string, walk: Omit<QueueWalk, 'act'> & { action?: Action }): Promise<{ count: number; matched: DeadLetter[] }> {
  return withWalkChannel(url, async (channel) => {
    if (walk.action === 'replay') await messagesIn(channel, handlerQueue);
    const act = { replay: (message: amqp.GetMessage) => replay(channel, handlerQueue, message), discard: async () => undefined };
    const { count, matched } = await walkQueue(channel, deadLetterQueueName(handlerQueue), { ...walk, act: walk.action && act[walk.action] });
    return { count, matched: matched.map(toDeadLetter) };
  });
}

const every = () => true;

/** Reads a handler queue's dead letters, oldest first, without removing them. */
export async function listDeadLetters(url: string, handlerQueue: string, limit = 1_000): Promise<DeadLetterReport> {
  const { count, matched } = await walkDeadLetters(url, handlerQueue, { select: every, limit });
  const byReason: Record<string, number> = {};
  for (const { reason } of matched) byReason[reason] = (byReason[reason] ?? 0) + 1;
  return { queue: deadLetterQueueName(handlerQueue), count, byReason, messages: matched };
}

/** Moves dead letters back to their handler queue with a fresh attempt count, oldest first. */
export async function replayDeadLetters(url: string, handlerQueue: string, limit = Number.POSITIVE_INFINITY): Promise<number> {
  return (await walkDeadLetters(url, handlerQueue, { select: every, limit, action: 'replay' })).matched.length;
}

/** Moves the dead letter with this message id (the event id) back to its handler queue; false when absent. */
export async function replayDeadLetter(url: string, handlerQueue: string, messageId: string): Promise<boolean> {
  return (await walkDeadLetters(url, handlerQueue, { select: withMessageId(messageId), limit: 1, action: 'replay' })).matched.length === 1;
}

/** Deletes the dead letter with this message id for good; false when absent. */
export async function discardDeadLetter(url: string, handlerQueue: string, messageId: string): Promise<boolean> {
  return (await walkDeadLetters(url, handlerQueue, { select: withMessageId(messageId), limit: 1, action: 'discard' })).matched.length === 1;
}
