import type { Channel } from 'amqplib';
import type { Subscription } from './subscription';

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000, 120_000, 600_000];

export interface TopologyOptions {
  exchange: string;
  retryDelaysMs?: readonly number[];
  queueType?: 'classic' | 'quorum';
}

export interface QueueSpec {
  name: string;
  /** Routing keys bound from the events exchange; empty for retry and dead-letter queues. */
  bindings: string[];
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
export const deadLetterQueueName = (queue: string) => `${queue}.dead_letter`;

/**
 * Everything a set of subscriptions needs on the broker. Each handler queue gets its own retry queues (one
 * per delay) that dead-letter back to it through the default exchange — so a retried message returns to its
 * handler alone, not to every queue bound to the event — and its own dead-letter queue.
 */
export function topologyOf(subscriptions: readonly Subscription[], options: TopologyOptions): Topology {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const typeArgs = options.queueType === 'quorum' ? { 'x-queue-type': 'quorum' } : {};
  const queues: QueueSpec[] = [];
  for (const { queue, events } of subscriptions) {
    queues.push({
      name: queue,
      bindings: [...new Set(events.map((event) => event.name))],
      arguments: { ...typeArgs },
      role: 'handler',
      handlerQueue: queue,
    });
    for (const delay of new Set(delays)) {
      queues.push({
        name: retryQueueName(queue, delay),
        bindings: [],
        arguments: { ...typeArgs, 'x-message-ttl': delay, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
        role: 'retry',
        handlerQueue: queue,
      });
    }
    queues.push({ name: deadLetterQueueName(queue), bindings: [], arguments: { ...typeArgs }, role: 'dead_letter', handlerQueue: queue });
  }
  return { exchange: options.exchange, queues };
}

/** Declares the topology; every declaration is idempotent, so all services and replicas may run it at start. */
export async function declareTopology(channel: Channel, topology: Topology): Promise<void> {
  await channel.assertExchange(topology.exchange, 'topic', { durable: true });
  for (const queue of topology.queues) {
    await channel.assertQueue(queue.name, { durable: true, arguments: queue.arguments });
    for (const key of queue.bindings) await channel.bindQueue(queue.name, topology.exchange, key);
  }
}
