import { InvalidArgumentError, PositiveInteger } from '@course-platform/shared-kernel';

/** How long a video plays, in whole seconds: at least one, at most a day — a longer one is a mistake. */
export class VideoDuration extends PositiveInteger {
  static readonly MAX_SECONDS = 86_400;

  constructor(value: unknown) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > VideoDuration.MAX_SECONDS) {
      throw new InvalidArgumentError(`durationSeconds must be whole seconds from 1 to ${VideoDuration.MAX_SECONDS} (24 hours)`, 'durationSeconds');
    }
    super(value, 'durationSeconds');
  }
}
