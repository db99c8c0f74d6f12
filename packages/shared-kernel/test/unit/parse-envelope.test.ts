import { randomUUID } from 'node:crypto';
import { EnvelopeError, parseEnvelope, VideoCommentAdded, type EnvelopeRejection } from '../../src';

const event = VideoCommentAdded.create(randomUUID(), {
  commentId: randomUUID(),
  videoId: randomUUID(),
  authorId: randomUUID(),
  content: 'Great video',
});
const envelope = { ...event, meta: { correlationId: 'req-1', causationId: null, producer: 'videos' } };

function body(changes: Record<string, unknown>): string {
  return JSON.stringify({ ...envelope, ...changes });
}

function reasonOf(raw: string): EnvelopeRejection {
  try {
    parseEnvelope(raw);
  } catch (error) {
    if (error instanceof EnvelopeError) return error.reason;
    throw error;
  }
  throw new Error('expected an EnvelopeError');
}

describe('parseEnvelope', () => {
  it('returns a valid envelope from a Buffer or a string', () => {
    expect(parseEnvelope(Buffer.from(JSON.stringify(envelope)))).toEqual(envelope);
    expect(parseEnvelope(JSON.stringify(envelope))).toEqual(envelope);
  });

  it('accepts an event caused by another event', () => {
    const caused = { ...envelope.meta, causationId: randomUUID() };
    expect(parseEnvelope(body({ meta: caused })).meta).toEqual(caused);
  });

  it.each(['{not json', '', 'undefined'])('rejects %p as MALFORMED_JSON', (raw) => {
    expect(reasonOf(raw)).toBe('MALFORMED_JSON');
  });

  it.each([
    ['a JSON array', JSON.stringify([envelope])],
    ['an id that is no uuid', body({ id: 'e-1' })],
    ['no aggregateId', body({ aggregateId: undefined })],
    ['version 0', body({ version: 0 })],
    ['a version that is a string', body({ version: '1' })],
    ['occurredOn that is no date-time', body({ occurredOn: 'today' })],
    ['no meta', body({ meta: undefined })],
    ['meta without producer', body({ meta: { correlationId: 'c', causationId: null } })],
  ])('rejects %s as INVALID_ENVELOPE', (_why, raw) => {
    expect(reasonOf(raw)).toBe('INVALID_ENVELOPE');
  });

  it.each([
    ['an unknown type', body({ type: 'videos.exploded' })],
    ['an unknown version of a known type', body({ version: 2 })],
  ])('rejects %s as UNKNOWN_EVENT', (_why, raw) => {
    expect(reasonOf(raw)).toBe('UNKNOWN_EVENT');
  });

  it('rejects data that breaks its contract as INVALID_PAYLOAD, naming the field', () => {
    const raw = body({ data: { ...envelope.data, content: '' } });
    expect(reasonOf(raw)).toBe('INVALID_PAYLOAD');
    expect(() => parseEnvelope(raw)).toThrow(/videos\.comment_added v1: content/);
  });
});
