import type { ConfirmChannel } from 'amqplib';
import { once } from 'node:events';

export interface RawMessage {
  routingKey: string;
  body: Buffer;
  messageId?: string;
}

/** Publishes every message at once on a confirm channel, then waits for all the confirms: full pipelining. */
export async function publishPipelined(channel: ConfirmChannel, exchange: string, messages: readonly RawMessage[]): Promise<void> {
  for (const { routingKey, body, messageId } of messages) {
    const writable = channel.publish(exchange, routingKey, body, {
      persistent: true,
      contentType: 'application/json',
      type: routingKey,
      messageId,
    });
    if (!writable) await once(channel, 'drain');
  }
  await channel.waitForConfirms();
}
