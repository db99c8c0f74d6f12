import { InvalidArgumentError, ValueObject } from '@course-platform/shared-kernel';

// The same pattern as zod's z.email(), which the users.registered contract applies: what this accepts, the
// contract accepts too.
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** An email address, kept lower-case so that two spellings of one mailbox are one value. */
export class Email extends ValueObject<string> {
  constructor(value: unknown) {
    const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (text.length > 254 || !EMAIL.test(text)) {
      throw new InvalidArgumentError(`email must be a valid address, got ${JSON.stringify(value)}`, 'email', 'INVALID_EMAIL');
    }
    super(text);
  }
}
