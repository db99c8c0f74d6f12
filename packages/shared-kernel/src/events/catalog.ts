import { z } from 'zod';
import { CourseCreated, CourseUpdated } from './courses-events';
import type { EventEnvelope } from './domain-event';
import type { EventContract } from './event-contract';
import { UserEnrolled, UserRegistered } from './users-events';
import { VideoCommentAdded, VideoCreated, VideoDeleted, VideoUpdated } from './videos-events';

/** Every event of the platform. A breaking change is a new version here, never an edit of an old one. */
export const eventCatalog: readonly EventContract[] = [
  VideoCreated,
  VideoUpdated,
  VideoDeleted,
  VideoCommentAdded,
  CourseCreated,
  CourseUpdated,
  UserRegistered,
  UserEnrolled,
];

export function findContract(name: string, version: number): EventContract | undefined {
  return eventCatalog.find((contract) => contract.name === name && contract.version === version);
}

export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredOn: z.iso.datetime({ offset: true }),
  aggregateId: z.uuid(),
  data: z.unknown(),
  meta: z.object({
    correlationId: z.string().min(1),
    causationId: z.string().min(1).nullable(),
    producer: z.string().min(1),
  }),
});

export type EnvelopeRejection = 'MALFORMED_JSON' | 'INVALID_ENVELOPE' | 'UNKNOWN_EVENT' | 'INVALID_PAYLOAD';

export class EnvelopeError extends Error {
  constructor(
    readonly reason: EnvelopeRejection,
    message: string,
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/** Parses a message body into an envelope whose `data` satisfies its contract, or throws an EnvelopeError. */
export function parseEnvelope(body: Buffer | string): EventEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(body.toString());
  } catch (error) {
    throw new EnvelopeError('MALFORMED_JSON', (error as Error).message);
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw new EnvelopeError('INVALID_ENVELOPE', describe(envelope.error));
  const { type, version } = envelope.data;
  const contract = findContract(type, version);
  if (!contract) throw new EnvelopeError('UNKNOWN_EVENT', `no contract for ${type} v${version}`);
  const data = contract.schema.safeParse(envelope.data.data);
  if (!data.success) throw new EnvelopeError('INVALID_PAYLOAD', `${type} v${version}: ${describe(data.error)}`);
  return { ...envelope.data, data: data.data };
}
