import { connectToBroker } from '@course-platform/messaging';
import { EXCHANGE } from './video-events';

/**
 * Declares a durable queue bound to the events exchange, as a consuming service would, so the relay's
 * mandatory publishes are routable (an unbound event is returned by the broker and counts as unroutable).
 */
export async function bindQueue(url: string, queue: string, pattern: string, queueType: 'classic' | 'quorum' = 'classic'): Promise<void> {
  const connection = await connectToBroker(url);
  try {
    const channel = await connection.createChannel();
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    await channel.assertQueue(queue, { durable: true, arguments: queueType === 'quorum' ? { 'x-queue-type': 'quorum' } : {} });
    await channel.bindQueue(queue, EXCHANGE, pattern);
  } finally {
    await connection.close();
  }
}

/** Messages ready on a queue, straight from the broker. */
export async function queueDepth(url: string, queue: string): Promise<number> {
  const connection = await connectToBroker(url);
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await connection.close();
  }
}
