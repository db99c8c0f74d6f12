import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { topologyDefinitions, topologyMermaid } from '@course-platform/messaging';
import { asyncApiDocument } from './asyncapi';
import { eventCatalogMarkdown } from './event-catalog';
import { platformExchange, platformSubscriptions } from './platform-subscriptions';

export const repoRoot = resolve(__dirname, '../..');
export const readmePath = resolve(repoRoot, 'README.md');
export const asyncApiPath = resolve(repoRoot, 'docs/asyncapi.json');
export const definitionsPath = resolve(repoRoot, 'infra/rabbitmq/definitions.json');

/** The README's generated blocks, each between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export function generatedBlocks(): Record<string, string> {
  return {
    topology: ['```mermaid', topologyMermaid(platformSubscriptions, { exchange: platformExchange }), '```'].join('\n'),
    events: eventCatalogMarkdown(platformSubscriptions),
  };
}

export function asyncApiJson(): string {
  return `${JSON.stringify(asyncApiDocument(platformSubscriptions, platformExchange), null, 2)}\n`;
}

/** The README with every generated block replaced by its current content. */
export function renderReadme(readme: string = readFileSync(readmePath, 'utf8')): string {
  let out = readme;
  for (const [name, content] of Object.entries(generatedBlocks())) {
    const block = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!block.test(out)) throw new Error(`README.md has no generated:${name} block`);
    out = out.replace(block, (_all, open: string, close: string) => `${open}\n${content}\n${close}`);
  }
  return out;
}

/**
 * infra/rabbitmq/definitions.json with its exchanges, queues and bindings taken from the code's topology, so
 * the broker of docker-compose has every handler queue before the first event is published. Users and
 * permissions in it are kept as they are.
 */
export function renderDefinitions(current: string = readFileSync(definitionsPath, 'utf8')): string {
  const definitions = JSON.parse(current) as Record<string, unknown>;
  const topology = topologyDefinitions(platformSubscriptions, { exchange: platformExchange });
  return `${JSON.stringify({ ...definitions, ...topology }, null, 2)}\n`;
}
