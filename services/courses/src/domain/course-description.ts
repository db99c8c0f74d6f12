import { BoundedString } from '@course-platform/shared-kernel';

/** Free text, kept exactly as written (white space may be formatting): up to 5,000 characters, may be empty. */
export class CourseDescription extends BoundedString {
  constructor(value: unknown) {
    super(value, { field: 'description', min: 0, max: 5000 });
  }
}
