import { InvalidArgumentError, ValueObject } from '@course-platform/shared-kernel';

const USERNAME = /^[a-z0-9_.-]{3,30}$/;

/** The handle a student is known by: unique across the platform, so it is compared exactly as stored. */
export class Username extends ValueObject<string> {
  constructor(value: unknown) {
    if (typeof value !== 'string' || !USERNAME.test(value)) {
      throw new InvalidArgumentError('username must be 3 to 30 characters of a-z, 0-9, "_", "." or "-"', 'username', 'INVALID_USERNAME');
    }
    super(value);
  }
}
