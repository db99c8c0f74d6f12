import type { ChannelModel } from 'amqplib';
import type { Logger } from 'pino';
import { bindingsFrom, type BrokerBinding, type ManagementApiOptions } from './management-api';
import type { Topology } from './topology';

const pairOf = (queue: string, routingKey: string) => JSON.stringify([queue, routingKey]);

/**
 * The bindings a removed or renamed handler left behind, so narrowly that nothing else can match: from the
 * events exchange to a queue named `<service>.…` whose (queue, routing key) is not in the service's topology.
 * Other services' queues, other exchanges (the service's own retry exchange included) are never considered.
 */
export function staleBindings(bindings: readonly BrokerBinding[], topology: Topology, service: string): BrokerBinding[] {
  const current = new Set(topology.queues.flatMap((queue) => queue.bindings.map((key) => pairOf(queue.name, key))));
  return bindings.filter(
    (binding) =>
      binding.source === topology.exchange &&
      binding.destination_type === 'queue' &&
      binding.destination.startsWith(`${service}.`) &&
      !current.has(pairOf(binding.destination, binding.routing_key)),
  );
}

export interface StaleBindingsOptions {
  management: ManagementApiOptions;
  service: string;
  /** The whole topology of the service's handlers, as declared. */
  topology: Topology;
  logger: Logger;
}

/**
 * Unbinds the service's stale bindings, one structured log line for each, and leaves their queues and messages
 * in place for an operator to drain (or delete). A stale binding whose queue has a consumer is kept and
 * reported: during a rolling deployment an older replica may still run that handler and need its events.
 */
export async function unbindStaleBindings(connection: ChannelModel, { management, service, topology, logger }: StaleBindingsOptions): Promise<void> {
  const stale = staleBindings(await bindingsFrom(management, topology.exchange), topology, service);
  logger.info({ stale: stale.length }, 'stale bindings checked');
  for (const binding of stale) {
    const fields = { exchange: binding.source, queue: binding.destination, routingKey: binding.routing_key };
    // A channel for each: a queue deleted meanwhile closes the channel that asks about it.
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    try {
      // Counted now, on the broker, where the management API's figures lag by seconds.
      const { consumerCount, messageCount } = await channel.checkQueue(binding.destination);
      if (consumerCount > 0) {
        logger.warn({ ...fields, consumers: consumerCount }, 'stale binding kept: its queue has a consumer, maybe a replica of an older version');
        continue;
      }
      await channel.unbindQueue(binding.destination, binding.source, binding.routing_key, binding.arguments);
      logger.warn({ ...fields, messages: messageCount }, 'stale binding unbound; its queue and messages are left for an operator to drain');
    } catch (error) {
      logger.warn({ ...fields, err: error }, 'could not unbind a stale binding');
    } finally {
      await channel.close().catch(() => undefined);
    }
  }
}
