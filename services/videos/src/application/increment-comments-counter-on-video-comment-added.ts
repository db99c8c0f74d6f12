import { VideoId, type EventOf, type VideoCommentAdded } from '@course-platform/shared-kernel';
import type { CommentsCounter } from '../domain/comments-counter';

/** Counts each comment once: the bus's inbox drops redeliveries before they reach this handler. */
export class IncrementCommentsCounterOnVideoCommentAdded {
  constructor(private readonly counter: CommentsCounter) {}

  async handle(event: EventOf<typeof VideoCommentAdded>): Promise<void> {
    await this.counter.increment(new VideoId(event.data.videoId));
  }
}
