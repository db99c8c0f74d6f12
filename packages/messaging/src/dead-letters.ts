import type amqp from 'amqplib';
import { connectToBroker } from './broker-connection';
import { publishConfirmed } from './publish-confirmed';
import { ATTEMPT_HEADER } from './handler-consumer';
import { deadLetterQueueName, retryExchangeName } from './topology';

export interface DeadLetter {
  messageId: string | undefined;
  type: string | undefined;
  reason: string;
  error: string;
  attempts: number;
  deadLetteredAt: string | undefined;
}

export interface DeadLetterReport {
  queue: string;
  count: number;
  byReason: Record<string, number>;
  messages: DeadLetter[];
}

const header = (headers: Record<string, unknown> | undefined, name: string) => headers?.[name];

/**
 * Our consumer names its reason in a header. The broker dead-letters on its own too — a quorum queue past its
 * delivery limit — and says why in the latest entry of x-death (`delivery_limit` becomes DELIVERY_LIMIT).
 */
function reasonOf(headers: Record<string, unknown> | undefined): string {
  const ours = header(headers, 'x-dead-letter-reason');
  if (ours !== undefined) return String(ours);
  const [latest] = (header(headers, 'x-death') as Array<{ reason?: unknown }> | undefined) ?? [];
  return latest?.reason === undefined ? 'UNKNOWN' : String(latest.reason).toUpperCase();
}

/**
 * The queue's ready count, or an error that says what to check: the broker's own answer to a missing queue
 * ("Operation failed: QueueDeclare; 404 (NOT-FOUND)") tells an operator little.
 */
async function messagesIn(channel: amqp.Channel, queue: string): Promise<number> {
  try {
    return (await channel.checkQueue(queue)).messageCount;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 404) throw error;
    throw new Error(`no queue ${queue} on this broker: check the handler queue's name (make topology lists them) and that its service has started once, which declares its queues`);
  }
}

/** A connection for a one-shot tool: its errors reject the operation instead of crashing the process. */
async function connect(url: string): Promise<amqp.ChannelModel> {
  const connection = await connectToBroker(url);
  connection.on('error', () => undefined);
  return connection;
}

/** Reads a handler queue's dead letters without removing them: they are requeued when the channel closes. */
export async function listDeadLetters(url: string, handlerQueue: string, limit = 1_000): Promise<DeadLetterReport> {
  const queue = deadLetterQueueName(handlerQueue);
  const connection = await connect(url);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    const messageCount = await messagesIn(channel, queue);
    const messages: DeadLetter[] = [];
    while (messages.length < Math.min(limit, messageCount)) {
      const message = await channel.get(queue, { noAck: false });
      if (!message) break;
      const headers = message.properties.headers;
      messages.push({
        messageId: message.properties.messageId,
        type: message.properties.type,
        reason: reasonOf(headers),
        error: String(header(headers, 'x-error') ?? ''),
        attempts: Number(header(headers, 'x-attempts') ?? 0),
        deadLetteredAt: header(headers, 'x-dead-lettered-at') as string | undefined,
      });
    }
    await channel.close(); // puts every message we got back on the queue
    const byReason: Record<string, number> = {};
    for (const { reason } of messages) byReason[reason] = (byReason[reason] ?? 0) + 1;
    return { queue, count: messageCount, byReason, messages };
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/**
 * Moves dead letters back to their handler queue with a fresh attempt count, oldest first. Each message is
 * acked on the dead-letter queue only after the broker confirmed its copy, so a crash mid-way loses none.
 */
export async function replayDeadLetters(url: string, handlerQueue: string, limit = Number.POSITIVE_INFINITY): Promise<number> {
  const queue = deadLetterQueueName(handlerQueue);
  const connection = await connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    await messagesIn(channel, handlerQueue);
    // Only what is there now: a message that fails again at once comes back, and must not be replayed twice.
    const messageCount = await messagesIn(channel, queue);
    let moved = 0;
    while (moved < Math.min(limit, messageCount)) {
      const message = await channel.get(queue, { noAck: false });
      if (!message) break;
      const headers = Object.fromEntries(
        Object.entries(message.properties.headers ?? {}).filter(([name]) => !name.startsWith('x-dead-letter') && name !== 'x-error'),
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
      channel.ack(message);
      moved += 1;
    }
    await channel.close();
    return moved;
  } finally {
    await connection.close().catch(() => undefined);
  }
}
