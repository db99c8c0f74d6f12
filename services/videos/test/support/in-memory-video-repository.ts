import type { DomainEvent, VideoId } from '@course-platform/shared-kernel';
import { Video, type VideoPrimitives } from '../../src/domain/video';
import type { VideoPageQuery, VideoRepository } from '../../src/domain/video-repository';

function byPosition(a: VideoPrimitives, b: VideoPrimitives): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The VideoRepository port in memory, with the same optimistic semantics as the knex adapter. */
export class InMemoryVideoRepository implements VideoRepository {
  readonly rows = new Map<string, VideoPrimitives>();
  /** What would have reached the outbox, in commit order. */
  readonly outbox: DomainEvent[] = [];
  private interference: (() => Promise<void>) | null = null;

  /** Runs `write` just before the next add or update, as a concurrent request that gets there first would. */
  beforeNextWrite(write: () => Promise<void>): void {
    this.interference = write;
  }

  async find(id: VideoId): Promise<Video | null> {
    const row = this.rows.get(id.value);
    return row ? Video.fromPrimitives({ ...row }) : null;
  }

  async add(video: Video): Promise<boolean> {
    await this.interfere();
    if (this.rows.has(video.id.value)) return false;
    this.store(video);
    return true;
  }

  async update(video: Video, loadedRevision: number): Promise<boolean> {
    await this.interfere();
    if (this.rows.get(video.id.value)?.revision !== loadedRevision) return false;
    this.store(video);
    return true;
  }

  async page(query: VideoPageQuery): Promise<Video[]> {
    const after = query.after;
    return [...this.rows.values()]
      .filter((row) => row.deletedAt === null)
      .filter((row) => !query.courseId || row.courseId === query.courseId.value)
      .filter((row) => !after || byPosition(row, { ...row, createdAt: after.createdAt, id: after.id }) > 0)
      .sort(byPosition)
      .slice(0, query.limit)
      .map((row) => Video.fromPrimitives({ ...row }));
  }

  private store(video: Video): void {
    this.rows.set(video.id.value, video.toPrimitives());
    this.outbox.push(...video.pullDomainEvents());
  }

  private async interfere(): Promise<void> {
    const write = this.interference;
    this.interference = null;
    await write?.();
  }
}
