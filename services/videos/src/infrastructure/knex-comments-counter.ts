import type { Knex } from '@course-platform/service-kit';
import type { VideoId } from '@course-platform/shared-kernel';
import type { CommentsCounter } from '../domain/comments-counter';

/**
 * The counters table. Bound to the event handler's transaction when counting, so the increment commits
 * exactly when the inbox row that marks the event as handled does.
 */
export class KnexCommentsCounter implements CommentsCounter {
  constructor(private readonly db: Knex) {}

  async increment(videoId: VideoId): Promise<void> {
    await this.db('video_comments_counters')
      .insert({ video_id: videoId.value, total_comments: 1 })
      .onConflict('video_id')
      .merge({ total_comments: this.db.raw('video_comments_counters.total_comments + 1') });
  }

  async totalFor(videoId: VideoId): Promise<number> {
    const row = await this.db<{ video_id: string; total_comments: number }>('video_comments_counters').where({ video_id: videoId.value }).first();
    return row?.total_comments ?? 0;
  }
}
