import { BoundedString } from '@course-platform/shared-kernel';

export class UserName extends BoundedString {
  constructor(value: unknown) {
    super(value, { field: 'name', min: 1, max: 100, trim: true });
  }
}
