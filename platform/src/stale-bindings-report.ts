import { bindingsFrom, staleBindings, topologyOf, vhostOf, type ManagementApiOptions, type ServiceSubscriptions, type TopologyOptions } from '@course-platform/messaging';

/**
 * The bindings each service would unbind at its next start, read from the broker: on the events exchange, to
 * a queue of that service that its handlers no longer declare with that routing key.
 */
export async function staleBindingsReport(services: readonly ServiceSubscriptions[], options: TopologyOptions, management: ManagementApiOptions): Promise<string> {
  const bindings = await bindingsFrom(management, options.exchange);
  const stale = services.flatMap(({ service, subscriptions }) => staleBindings(bindings, topologyOf(subscriptions, options), service));
  const where = `exchange ${options.exchange} of vhost ${vhostOf(management.amqpUrl)}`;
  if (stale.length === 0) return `stale bindings on ${where}: none`;
  return [
    `stale bindings on ${where} (each service unbinds its own at start; the queues stay):`,
    ...stale.map((binding) => `  ${binding.destination}  ${binding.routing_key}`),
  ].join('\n');
}
