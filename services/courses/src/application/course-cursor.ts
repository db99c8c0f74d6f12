import { InvalidArgumentError, isUuid } from '@course-platform/shared-kernel';
import type { CoursePosition } from '../domain/course-catalog';

// Exactly what the catalog hands out: a UTC timestamp with the database's microseconds.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The opaque cursor of `GET /courses`: clients pass it back untouched, so its format may change freely. */
export function encodeCursor(position: CoursePosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CoursePosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw invalidCursor();
  const [createdAt, id] = decoded as unknown[];
  if (typeof createdAt !== 'string' || !TIMESTAMP.test(createdAt) || !isUuid(id)) throw invalidCursor();
  return { createdAt, id: id.toLowerCase() };
}

function invalidCursor(): InvalidArgumentError {
  return new InvalidArgumentError('cursor is not one this service handed out', 'cursor', 'INVALID_CURSOR');
}
