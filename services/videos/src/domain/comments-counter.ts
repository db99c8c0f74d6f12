import type { VideoId } from '@course-platform/shared-kernel';

/** The read model of how many comments each video has, fed by `videos.comment_added` events. */
export interface CommentsCounter {
  increment(videoId: VideoId): Promise<void>;
  /** 0 for a video no comment event has reached yet. */
  totalFor(videoId: VideoId): Promise<number>;
}
