// `pnpm topology [--table] [--definitions] [--mermaid]`: the platform's exchange, queues and bindings.
import { topologyDefinitions, topologyMermaid, topologyTable } from '@course-platform/messaging';
import { platformExchange, platformSubscriptions } from '../platform-subscriptions';

const flags = new Set(process.argv.slice(2));
const all = flags.size === 0;
const options = { exchange: process.env.EVENTS_EXCHANGE ?? platformExchange };
const sections: string[] = [];
if (all || flags.has('--table')) sections.push(topologyTable(platformSubscriptions, options));
if (all || flags.has('--definitions')) sections.push(JSON.stringify(topologyDefinitions(platformSubscriptions, options), null, 2));
if (all || flags.has('--mermaid')) sections.push(topologyMermaid(platformSubscriptions, options));
console.log(sections.join('\n\n'));
