import { eventCatalog, type EventContract } from '@course-platform/shared-kernel';
import type { ServiceSubscriptions } from '@course-platform/messaging';
import { z } from 'zod';

interface JsonSchema {
  type?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

function describeFields(schema: JsonSchema): string {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .map(([name, field]) => {
      const optional = required.has(name) ? '' : '?';
      const type = field.properties ? `{ ${describeFields(field)} }` : (field.format ?? field.type ?? 'any');
      return `${name}${optional}: ${type}`;
    })
    .join(', ');
}

export function consumersOf(contract: EventContract, services: readonly ServiceSubscriptions[]): string[] {
  return services.flatMap(({ subscriptions }) =>
    subscriptions.filter((s) => s.events.some((e) => e.name === contract.name && e.version === contract.version)).map((s) => s.queue),
  );
}

/** The event catalog as a markdown table: name, version, producer, consuming queues, payload fields. */
export function eventCatalogMarkdown(services: readonly ServiceSubscriptions[]): string {
  const rows = eventCatalog.map((contract) => {
    const fields = describeFields(z.toJSONSchema(contract.schema) as JsonSchema);
    const consumers = consumersOf(contract, services).map((q) => `\`${q}\``).join('<br>') || '—';
    return `| \`${contract.name}\` | ${contract.version} | ${contract.producer} | ${consumers} | ${fields} |`;
  });
  return ['| event | version | producer | consumed by (queue) | payload `data` |', '|---|---|---|---|---|', ...rows].join('\n');
}
