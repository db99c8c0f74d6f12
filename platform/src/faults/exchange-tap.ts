import { connectToBroker, messagingTesting } from '@course-platform/messaging';

const TAP_QUEUE = 'faults.exchange_tap';

/**
 * A durable queue bound to every routing key of the events exchange: a copy of each message published there,
 * kept through broker restarts (a quorum queue on a cluster, so that it outlives any one node), and read once
 * at the end to count what the relays published (and how often).
 */
export class ExchangeTap {
  private constructor(private readonly url: string) {}

  static async bind(url: string, exchange: string, queueType: 'classic' | 'quorum'): Promise<ExchangeTap> {
    const connection = await connectToBroker(url);
    try {
      const channel = await connection.createChannel();
      await channel.assertExchange(exchange, 'topic', { durable: true });
      await channel.assertQueue(TAP_QUEUE, { durable: true, arguments: queueType === 'quorum' ? { 'x-queue-type': 'quorum' } : {} });
      await channel.bindQueue(TAP_QUEUE, exchange, '#');
    } finally {
      await connection.close();
    }
    return new ExchangeTap(url);
  }

  /** Every message the exchange routed since `bind`, taken off the tap. */
  drain(): Promise<messagingTesting.QueuedMessage[]> {
    return messagingTesting.drainQueue(this.url, TAP_QUEUE);
  }
}
