import { BoundedString } from '@course-platform/shared-kernel';

/** A video's title: 1 to 200 characters once surrounding white space is trimmed. */
export class VideoTitle extends BoundedString {
  constructor(value: unknown) {
    super(value, { field: 'title', min: 1, max: 200, trim: true });
  }
}
