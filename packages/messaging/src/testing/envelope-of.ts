import type { DomainEvent, EventEnvelope } from '@course-platform/shared-kernel';
import { randomUUID } from 'node:crypto';

/** Wraps a domain event as a foreign producer puts it on the wire. */
export function envelopeOf(event: DomainEvent, producer: string): EventEnvelope {
  return { ...event, meta: { correlationId: randomUUID(), causationId: null, producer } };
}
