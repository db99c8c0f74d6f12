import { BoundedString, InvalidArgumentError } from '@course-platform/shared-kernel';

/** What a student wrote: 1 to 2,000 characters, kept as written, but never only white space. */
export class CommentContent extends BoundedString {
  constructor(value: unknown) {
    super(value, { field: 'content', min: 1, max: 2000 });
    if (this.value.trim() === '') throw new InvalidArgumentError('content must not be blank', 'content');
  }
}
