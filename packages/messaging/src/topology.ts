import type { Channel } from 'amqplib';
import type { Subscription } from './subscription';

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000, 120_000, 600_000];

export interface TopologyOptions {
  exchange: string;
  retryDelaysMs?: readonly number[];
  queueType?: 'classic' | 'quorum';
  /** Quorum handler queues: deliveries of one message before the broker dead-letters it (default 10). */
  deliveryLimit?: number;
}

export const DEFAULT_DELIVERY_LIMIT = 10;

export interface QueueSpec {
  name: string;
  /** Routing keys bound from the events exchange; empty for retry and dead-letter queues. */
  bindings: string[];
  /** The consuming service's direct exchange through which copies reach this queue (key: the queue's name). */
  retryExchange: string;
  arguments: Record<string, unknown>;
  role: 'handler' | 'retry' | 'dead_letter';
  /** The handler queue a retry or dead-letter queue belongs to. */
  handlerQueue: string;
}

export interface Topology {
  exchange: string;
  queues: QueueSpec[];
}

export const retryQueueName = (queue: string, delayMs: number) => `${queue}.retry.${delayMs}ms`;
/** The delay of a retry queue, read back from its name; undefined for any other queue. */
export const retryDelayOf = (queue: string): number | undefined => {
  const delay = /\.retry\.(\d+)ms$/.exec(queue)?.[1];
  return delay === undefined ? undefined : Number(delay);
};
export const deadLetterQueueName = (queue: string) => `${queue}.dead_letter`;
/**
 * `<service>.retry`, a direct exchange of the consuming service. Retry and dead-letter copies travel through
 * it, not through the default exchange: a service's broker user then needs no right to publish into any
 * queue by name, only into its own exchange (see infra/rabbitmq/definitions.json).
 */
export const retryExchangeName = (queue: string) => `${queue.split('.')[0]}.retry`;

/**
 * Everything a set of subscriptions needs on the broker. Each handler queue gets its own retry queues (one
 * per delay) that dead-letter back to it through its service's retry exchange — so a retried message returns
 * to its handler alone, not to every queue bound to the event — and its own dead-letter queue.
 */
export function topologyOf(subscriptions: readonly Subscription[], options: TopologyOptions): Topology {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const quorum = options.queueType === 'quorum';
  const typeArgs = quorum ? { 'x-queue-type': 'quorum' } : {};
  // Quorum queues dead-letter at most once by default: a retry expiring while its target has no quorum
  // would be dropped. At-least-once needs reject-publish overflow.
  const safeDeadLettering = quorum ? { 'x-dead-letter-strategy': 'at-least-once', 'x-overflow': 'reject-publish' } : {};
  const queues: QueueSpec[] = [];
  for (const { queue, events } of subscriptions) {
    const retryExchange = retryExchangeName(queue);
    // A message that kills or stalls its consumer before the ack is redelivered forever, out of reach of the
    // consumer's own retry count. A quorum queue counts deliveries: past the limit the broker itself moves it
    // to the dead-letter queue (reason `delivery_limit` in its x-death header) instead of letting it loop.
    const deliveryLimit = quorum
      ? {
          'x-delivery-limit': options.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT,
          ...safeDeadLettering,
          'x-dead-letter-exchange': retryExchange,
          'x-dead-letter-routing-key': deadLetterQueueName(queue),
        }
      : {};
    queues.push({
      name: queue,
      bindings: [...new Set(events.map((event) => event.name))],
      retryExchange,
      arguments: { ...typeArgs, ...deliveryLimit },
      role: 'handler',
      handlerQueue: queue,
    });
    for (const delay of new Set(delays)) {
      queues.push({
        name: retryQueueName(queue, delay),
        bindings: [],
        retryExchange,
        arguments: { ...typeArgs, ...safeDeadLettering, 'x-message-ttl': delay, 'x-dead-letter-exchange': retryExchange, 'x-dead-letter-routing-key': queue },
        role: 'retry',
        handlerQueue: queue,
      });
    }
    queues.push({ name: deadLetterQueueName(queue), bindings: [], retryExchange, arguments: { ...typeArgs }, role: 'dead_letter', handlerQueue: queue });
  }
  return { exchange: options.exchange, queues };
}

/**
 * Declares the exchange and queues; every declaration is idempotent, so all services, replicas and every
 * reconnect may run it. Bindings are only ever added here: the ones a removed or renamed handler left are
 * unbound at start by stale-bindings.ts.
 */
export async function declareTopology(channel: Channel, topology: Topology): Promise<void> {
  await channel.assertExchange(topology.exchange, 'topic', { durable: true });
  for (const exchange of new Set(topology.queues.map((q) => q.retryExchange))) await channel.assertExchange(exchange, 'direct', { durable: true });
  for (const queue of topology.queues) {
    await channel.assertQueue(queue.name, { durable: true, arguments: queue.arguments });
    await channel.bindQueue(queue.name, queue.retryExchange, queue.name);
    for (const key of queue.bindings) await channel.bindQueue(queue.name, topology.exchange, key);
  }
}

/** The part of a topology that belongs to one handler queue: itself, its retry queues, its dead-letter queue. */
export function handlerTopology(topology: Topology, handlerQueue: string): Topology {
  return { exchange: topology.exchange, queues: topology.queues.filter((q) => q.handlerQueue === handlerQueue) };
}
