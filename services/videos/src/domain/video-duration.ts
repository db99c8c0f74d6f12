import { PositiveInteger } from '@course-platform/shared-kernel';

/** How long a video plays, in whole seconds. */
export class VideoDuration extends PositiveInteger {
  constructor(value: unknown) {
    super(value, 'durationSeconds');
  }
}
