import type { Subscription } from './subscription';
import { topologyOf, type TopologyOptions } from './topology';

/** One consuming service and its subscriptions: the input of the platform-wide views below. */
export interface ServiceSubscriptions {
  service: string;
  subscriptions: readonly Subscription[];
}

function platformTopology(services: readonly ServiceSubscriptions[], options: TopologyOptions) {
  return topologyOf(services.flatMap((s) => s.subscriptions), options);
}

/** Queues, their kind, bindings and arguments, as a fixed-width table for the terminal. */
export function topologyTable(services: readonly ServiceSubscriptions[], options: TopologyOptions): string {
  const { exchange, queues } = platformTopology(services, options);
  const rows = queues.map((q) => [
    q.name,
    q.role,
    [...q.bindings.map((key) => `${exchange}:${key}`), `${q.retryExchange}:${q.name}`].join(', ') + (q.role === 'retry' ? ` -> ${q.handlerQueue}` : ''),
    Object.entries(q.arguments).map(([k, v]) => `${k}=${String(v)}`).join(' '),
  ]);
  const header = ['queue', 'kind', 'bindings', 'arguments'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [`exchange ${exchange} (topic, durable)`, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The same topology as RabbitMQ definitions, loadable with `rabbitmqctl import_definitions` or the UI. */
export function topologyDefinitions(services: readonly ServiceSubscriptions[], options: TopologyOptions, vhost = '/') {
  const { exchange, queues } = platformTopology(services, options);
  return {
    exchanges: [
      { name: exchange, vhost, type: 'topic', durable: true, auto_delete: false, internal: false, arguments: {} },
      ...[...new Set(queues.map((q) => q.retryExchange))].map((name) => ({ name, vhost, type: 'direct', durable: true, auto_delete: false, internal: false, arguments: {} })),
    ],
    queues: queues.map((q) => ({ name: q.name, vhost, durable: true, auto_delete: false, arguments: q.arguments })),
    bindings: queues.flatMap((q) => [
      ...q.bindings.map((key) => ({ source: exchange, vhost, destination: q.name, destination_type: 'queue', routing_key: key, arguments: {} })),
      { source: q.retryExchange, vhost, destination: q.name, destination_type: 'queue', routing_key: q.name, arguments: {} },
    ]),
  };
}

const nodeId = (name: string) => name.replace(/[^\w]/g, '_');

/**
 * A mermaid flowchart: producing services -> the exchange -> each handler queue (labelled with its routing
 * keys) -> the consuming service. Retry and dead-letter queues are left out: every handler queue has them.
 */
export function topologyMermaid(services: readonly ServiceSubscriptions[], options: TopologyOptions): string {
  const exchange = options.exchange;
  const lines = ['flowchart LR', `  X{{"exchange ${exchange} (topic)"}}`];
  const producers = new Map<string, Set<string>>();
  for (const { subscriptions } of services) {
    for (const { events } of subscriptions) {
      for (const event of events) producers.set(event.producer, (producers.get(event.producer) ?? new Set()).add(event.name));
    }
  }
  const allServices = new Set([...services.map((s) => s.service), ...producers.keys()]);
  for (const service of [...allServices].sort()) lines.push(`  ${nodeId(service)}(["${service} service"])`);
  for (const [producer, events] of [...producers].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${nodeId(producer)} -- "${[...events].sort().join('<br/>')}" --> X`);
  }
  for (const { service, subscriptions } of services) {
    for (const { queue, events } of subscriptions) {
      lines.push(`  X -- "${events.map((e) => e.name).join('<br/>')}" --> ${nodeId(queue)}[["${queue}"]]`);
      lines.push(`  ${nodeId(queue)} --> ${nodeId(service)}`);
    }
  }
  return lines.join('\n');
}
