import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from '../domain-error';
import { ValueObject } from './value-object';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export class Uuid extends ValueObject<string> {
  constructor(value: string, field = 'id') {
    if (!isUuid(value)) throw new InvalidArgumentError(`${field} must be a UUID, got ${JSON.stringify(value)}`, field);
    super(value.toLowerCase());
  }

  static random(): string {
    return randomUUID();
  }
}

export class VideoId extends Uuid {
  constructor(value: string) {
    super(value, 'videoId');
  }
}

export class CourseId extends Uuid {
  constructor(value: string) {
    super(value, 'courseId');
  }
}

export class UserId extends Uuid {
  constructor(value: string) {
    super(value, 'userId');
  }
}
