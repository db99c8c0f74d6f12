import { randomUUID } from 'node:crypto';
import type { EnvelopeRejection } from '@course-platform/shared-kernel';
import { connectToBroker } from '@course-platform/messaging';
import { platformSubscriptions } from '../platform-subscriptions';

export interface PoisonMessage {
  messageId: string;
  routingKey: string;
  body: string;
  reason: EnvelopeRejection;
  /** The handler queues bound to its routing key: each must dead-letter its copy. */
  queues: string[];
}

const handlerQueues = platformSubscriptions.flatMap(({ subscriptions }) => subscriptions);
const boundTo = (routingKey: string) => handlerQueues.filter((s) => s.events.some((event) => event.name === routingKey)).map((s) => s.queue);
const routingKeys = [...new Set(handlerQueues.flatMap((s) => s.events.map((event) => event.name)))].sort();

function envelope(messageId: string, type: string, data: unknown): string {
  const meta = { correlationId: randomUUID(), causationId: null, producer: 'fault-suite' };
  return JSON.stringify({ id: messageId, type, version: 1, occurredOn: new Date().toISOString(), aggregateId: randomUUID(), data, meta });
}

/**
 * `count` poison messages over every routing key some handler is bound to, in turn malformed JSON, an event
 * type no contract knows, and a known event whose payload breaks its schema.
 */
export function poisonMessages(count: number): PoisonMessage[] {
  return Array.from({ length: count }, (_, index) => {
    const messageId = randomUUID();
    const routingKey = routingKeys[index % routingKeys.length] as string;
    const kind = index % 3;
    const [body, reason]: [string, EnvelopeRejection] =
      kind === 0
        ? [`{"id":"${messageId}","type":"${routingKey}",`, 'MALFORMED_JSON']
        : kind === 1
          ? [envelope(messageId, `${routingKey.split('.')[0]}.exploded`, {}), 'UNKNOWN_EVENT']
          : [envelope(messageId, routingKey, { videoId: 'not-a-uuid', title: 42 }), 'INVALID_PAYLOAD'];
    return { messageId, routingKey, body, reason, queues: boundTo(routingKey) };
  });
}

/** Publishes them on the events exchange as a foreign producer would, with publisher confirms. */
export async function publishPoison(url: string, exchange: string, messages: readonly PoisonMessage[]): Promise<void> {
  const connection = await connectToBroker(url);
  try {
    const channel = await connection.createConfirmChannel();
    for (const message of messages) {
      channel.publish(exchange, message.routingKey, Buffer.from(message.body), {
        messageId: message.messageId,
        type: message.routingKey,
        contentType: 'application/json',
        persistent: true,
      });
    }
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}
