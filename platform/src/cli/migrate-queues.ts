// `pnpm migrate-queues --to quorum|classic [--queue <handler queue>]` (make migrate-queues): re-creates the
// platform's queues with the type QUEUE_TYPE will declare, keeping their messages (RabbitMQ cannot change a
// queue's type in place). Stop the services first; docs/runbooks/classic-to-quorum.md has the whole procedure.
import { connectToBroker, migrateQueue, topologyOf } from '@course-platform/messaging';
import { loadConfig, serviceConfigSchema } from '@course-platform/service-kit';
import { platformEnv } from '../launcher/platform-env';
import { platformSubscriptions } from '../platform-subscriptions';

const usage = 'usage: pnpm migrate-queues --to quorum|classic [--queue <handler queue>]';

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  // The broker the platform runs on (.env or .env.example, as make start reads them).
  const env = platformEnv();
  const to = option(args, '--to');
  const only = option(args, '--queue');
  if (to !== 'quorum' && to !== 'classic') {
    console.error(usage);
    return 2;
  }
  // The same retry delays and delivery limit as the services: the queues' names and arguments must match theirs.
  const settings = loadConfig(serviceConfigSchema.pick({ RETRY_DELAYS_MS: true, QUEUE_DELIVERY_LIMIT: true, EVENTS_EXCHANGE: true }));
  const exchange = settings.EVENTS_EXCHANGE;
  const subscriptions = platformSubscriptions.flatMap((service) => service.subscriptions).filter((s) => !only || s.queue === only);
  if (subscriptions.length === 0) {
    console.error(`no handler queue ${only}; make topology lists them`);
    return 2;
  }
  const topology = topologyOf(subscriptions, { exchange, retryDelaysMs: settings.RETRY_DELAYS_MS, queueType: to, deliveryLimit: settings.QUEUE_DELIVERY_LIMIT });
  const connection = await connectToBroker(env.rabbitmqUrl);
  connection.on('error', () => undefined);
  try {
    // As the services declare them: a queue is re-bound to them during the move.
    const channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    for (const retryExchange of new Set(topology.queues.map((q) => q.retryExchange))) await channel.assertExchange(retryExchange, 'direct', { durable: true });
    await channel.close();
    for (const spec of topology.queues) {
      const result = await migrateQueue(connection, spec, exchange);
      console.log(result.migrated ? `${spec.name}: now ${to}, ${result.moved} message(s) kept` : `${spec.name}: already ${to}`);
    }
  } finally {
    await connection.close().catch(() => undefined);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`migrate-queues: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
