import { InvalidArgumentError, isUuid } from '@course-platform/shared-kernel';
import type { VideoPosition } from '../domain/video-repository';

// Opaque to clients on purpose: the encoding may change without breaking anyone who just hands it back.

export function encodeCursor(position: VideoPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): VideoPosition {
  const invalid = new InvalidArgumentError('cursor is not one this service handed out', 'cursor', 'INVALID_CURSOR');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw invalid;
  const [createdAt, id] = decoded as unknown[];
  const date = typeof createdAt === 'string' ? new Date(createdAt) : new Date(NaN);
  if (Number.isNaN(date.getTime()) || !isUuid(id)) throw invalid;
  return { createdAt: date, id };
}
