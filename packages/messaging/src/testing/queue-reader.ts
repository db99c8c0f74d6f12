import { connectToBroker } from '../broker-connection';

export interface QueuedMessage {
  content: string;
  headers: Record<string, unknown>;
  messageId: string | undefined;
  type: string | undefined;
}

/** Takes every message off a queue (acking them): for tests that inspect dead-letter queues. */
export async function drainQueue(url: string, queue: string): Promise<QueuedMessage[]> {
  const connection = await connectToBroker(url);
  try {
    const channel = await connection.createChannel();
    const messages: QueuedMessage[] = [];
    for (let message = await channel.get(queue, { noAck: true }); message; message = await channel.get(queue, { noAck: true })) {
      messages.push({
        content: message.content.toString(),
        headers: message.properties.headers ?? {},
        messageId: message.properties.messageId,
        type: message.properties.type,
      });
    }
    return messages;
  } finally {
    await connection.close();
  }
}

/** Messages ready on a queue, straight from the broker (the management API's figures lag by seconds). */
export async function readyCount(url: string, queue: string): Promise<number> {
  const connection = await connectToBroker(url);
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined); // a missing queue rejects checkQueue; it is not a crash
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await connection.close();
  }
}
