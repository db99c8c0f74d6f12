// Reading a queue's messages without consuming them: the dead-letter tools and the console's look into the
// retry queues walk a queue the same way, on a channel whose close puts back every message not acked.
import type amqp from 'amqplib';
import { connectToBroker } from './broker-connection';

/**
 * The queue's ready count, or an error that says what to check: the broker's own answer to a missing queue
 * ("Operation failed: QueueDeclare; 404 (NOT-FOUND)") tells an operator little.
 */
export async function messagesIn(channel: amqp.Channel, queue: string): Promise<number> {
  try {
    return (await channel.checkQueue(queue)).messageCount;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 404) throw error;
    throw new Error(`no queue ${queue} on this broker: check the handler queue's name (make topology lists them) and that its service has started once, which declares its queues`);
  }
}

/**
 * Runs `use` on a confirm channel of a connection of its own, whose errors reject the operation instead of
 * crashing the process. Closing the channel puts every message `use` took and did not ack back on its queue.
 */
export async function withWalkChannel<T>(url: string, use: (channel: amqp.ConfirmChannel) => Promise<T>): Promise<T> {
  const connection = await connectToBroker(url);
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    const result = await use(channel);
    await channel.close();
    return result;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

export interface QueueWalk {
  /** Which messages to act on; the others stay where they are, in their order. */
  select(message: amqp.GetMessage): boolean;
  limit: number;
  /** Messages taken to find them, when not all that are there: a long queue is not read to its end. */
  looksAtMost?: number;
  /** Done to each selected message before it is acked, i.e. taken off the queue. Absent: only read. */
  act?: (message: amqp.GetMessage) => Promise<void>;
}

/**
 * Takes each message present now off the queue and acts on the selected ones; the channel's close puts the
 * others back. Only what is there at the start: a message that comes back at once must not be met twice.
 */
export async function walkQueue(channel: amqp.Channel, queue: string, walk: QueueWalk): Promise<{ count: number; matched: amqp.GetMessage[] }> {
  const count = await messagesIn(channel, queue);
  const looks = Math.min(count, walk.looksAtMost ?? count);
  const matched: amqp.GetMessage[] = [];
  for (let seen = 0; seen < looks && matched.length < walk.limit; seen += 1) {
    const message = await channel.get(queue, { noAck: false });
    if (!message) break;
    if (!walk.select(message)) continue;
    if (walk.act) {
      await walk.act(message);
      channel.ack(message);
    }
    matched.push(message);
  }
  return { count, matched };
}

export const withMessageId = (messageId: string) => (message: amqp.GetMessage) => message.properties.messageId === messageId;
