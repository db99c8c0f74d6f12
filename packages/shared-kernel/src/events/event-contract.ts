import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { DomainEvent } from './domain-event';

/** One event's name, version, producing context and payload schema: what producer and consumers agree on. */
export interface EventContract<Name extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly name: Name;
  readonly version: number;
  readonly producer: string;
  readonly description: string;
  readonly schema: Schema;
  create(aggregateId: string, data: z.infer<Schema>, at?: Date): DomainEvent<Name, z.infer<Schema>>;
}

export type EventOf<C extends EventContract> = DomainEvent<C['name'], z.infer<C['schema']>>;

export function defineEvent<Name extends string, Schema extends z.ZodType>(spec: {
  name: Name;
  version: number;
  description: string;
  schema: Schema;
}): EventContract<Name, Schema> {
  const producer = spec.name.split('.')[0] as string;
  return Object.freeze({
    ...spec,
    producer,
    create(aggregateId: string, data: z.infer<Schema>, at: Date = new Date()) {
      return {
        id: randomUUID(),
        type: spec.name,
        version: spec.version,
        occurredOn: at.toISOString(),
        aggregateId,
        data: spec.schema.parse(data) as z.infer<Schema>,
      };
    },
  });
}
