import { BoundedString } from '@course-platform/shared-kernel';

/** A course's title: 1 to 200 characters once surrounding white space is trimmed. */
export class CourseTitle extends BoundedString {
  constructor(value: unknown) {
    super(value, { field: 'title', min: 1, max: 200, trim: true });
  }
}
