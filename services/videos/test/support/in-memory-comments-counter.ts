import type { VideoId } from '@course-platform/shared-kernel';
import type { CommentsCounter } from '../../src/domain/comments-counter';

export class InMemoryCommentsCounter implements CommentsCounter {
  private readonly totals = new Map<string, number>();

  async increment(videoId: VideoId): Promise<void> {
    this.totals.set(videoId.value, (this.totals.get(videoId.value) ?? 0) + 1);
  }

  async totalFor(videoId: VideoId): Promise<number> {
    return this.totals.get(videoId.value) ?? 0;
  }
}
