// `pnpm topology [--table] [--definitions] [--mermaid] [--stale]`: the platform's exchange, queues and bindings,
// and the stale bindings the broker still has (when RABBITMQ_MANAGEMENT_URL is set).
import { topologyDefinitions, topologyMermaid, topologyTable } from '@course-platform/messaging';
import { brokerUrls } from '@course-platform/service-kit';
import { platformEnv, type PlatformEnv } from '../launcher/platform-env';
import { platformExchange, platformSubscriptions } from '../platform-subscriptions';
import { staleBindingsReport } from '../stale-bindings-report';

async function staleSection(options: { exchange: string }, { rabbitmqUrl, rabbitmqManagementUrl }: PlatformEnv): Promise<string> {
  if (!rabbitmqManagementUrl) return 'stale bindings: not checked (set RABBITMQ_MANAGEMENT_URL to compare the broker with the code)';
  try {
    return await staleBindingsReport(platformSubscriptions, options, { url: rabbitmqManagementUrl, amqpUrl: brokerUrls(rabbitmqUrl)[0] ?? rabbitmqUrl });
  } catch (error) {
    return `stale bindings: not checked (${error instanceof Error ? error.message : String(error)})`;
  }
}

async function main(): Promise<void> {
  // Reads .env or .env.example as `make start` does, so it looks at the broker the platform runs on.
  const env = platformEnv();
  const flags = new Set(process.argv.slice(2));
  const all = flags.size === 0;
  const options = { exchange: process.env.EVENTS_EXCHANGE ?? platformExchange };
  const sections: string[] = [];
  if (all || flags.has('--table')) sections.push(topologyTable(platformSubscriptions, options));
  if (all || flags.has('--definitions')) sections.push(JSON.stringify(topologyDefinitions(platformSubscriptions, options), null, 2));
  if (all || flags.has('--mermaid')) sections.push(topologyMermaid(platformSubscriptions, options));
  if (all || flags.has('--stale')) sections.push(await staleSection(options, env));
  console.log(sections.join('\n\n'));
}

void main();
