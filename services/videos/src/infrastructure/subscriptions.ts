import type { Subscription } from '@course-platform/messaging';
import { VideoCommentAdded } from '@course-platform/shared-kernel';

// What this service consumes. The topology tooling imports this list, so it holds plain constants only.

export const incrementCommentsCounterOnVideoCommentAdded = {
  queue: 'videos.increment_comments_counter_on_video_comment_added',
  events: [VideoCommentAdded],
} as const satisfies Subscription;

export const subscriptions: readonly Subscription[] = [incrementCommentsCounterOnVideoCommentAdded];
