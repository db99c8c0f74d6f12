import type { EventHandler } from '@course-platform/messaging';
import type { EventOf, VideoCommentAdded } from '@course-platform/shared-kernel';
import { IncrementCommentsCounterOnVideoCommentAdded } from '../application/increment-comments-counter-on-video-comment-added';
import { KnexCommentsCounter } from './knex-comments-counter';
import { incrementCommentsCounterOnVideoCommentAdded } from './subscriptions';

/** The handlers of this service, each writing through the transaction that records the event in the inbox. */
export function eventHandlers(): EventHandler[] {
  return [
    {
      ...incrementCommentsCounterOnVideoCommentAdded,
      handle: (event, trx) =>
        // The bus has parsed the envelope with the contract of the subscribed event before calling us.
        new IncrementCommentsCounterOnVideoCommentAdded(new KnexCommentsCounter(trx)).handle(event as EventOf<typeof VideoCommentAdded>),
    },
  ];
}
