import type { Outbox } from '@course-platform/messaging';
import type { Knex } from '@course-platform/service-kit';
import type { VideoId } from '@course-platform/shared-kernel';
import { Video, type VideoPrimitives } from '../domain/video';
import type { VideoPageQuery, VideoRepository } from '../domain/video-repository';

interface VideoRow {
  id: string;
  course_id: string;
  title: string;
  description: string;
  duration_seconds: number;
  revision: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

function toVideo(row: VideoRow): Video {
  return Video.fromPrimitives({
    id: row.id,
    courseId: row.course_id,
    title: row.title,
    description: row.description,
    durationSeconds: row.duration_seconds,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  });
}

function toRow(p: VideoPrimitives): VideoRow {
  return {
    id: p.id,
    course_id: p.courseId,
    title: p.title,
    description: p.description,
    duration_seconds: p.durationSeconds,
    revision: p.revision,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    deleted_at: p.deletedAt,
  };
}

/** Stores videos in `videos` and their events in the outbox, in one statement per write. */
export class KnexVideoRepository implements VideoRepository {
  constructor(
    private readonly knex: Knex,
    private readonly outbox: Outbox,
  ) {}

  async find(id: VideoId): Promise<Video | null> {
    const row = await this.knex<VideoRow>('videos').where({ id: id.value }).first();
    return row ? toVideo(row) : null;
  }

  async add(video: Video): Promise<boolean> {
    // `on conflict do nothing` lets the database pick the one winner among concurrent creators.
    const insert = this.knex('videos').insert(toRow(video.toPrimitives())).onConflict('id').ignore();
    return this.outbox.appendWith(this.knex, insert, video.pullDomainEvents());
  }

  async update(video: Video, loadedRevision: number): Promise<boolean> {
    const { title, description, duration_seconds, revision, updated_at, deleted_at, id } = toRow(video.toPrimitives());
    const update = this.knex('videos')
      .where({ id, revision: loadedRevision })
      .update({ title, description, duration_seconds, revision, updated_at, deleted_at });
    return this.outbox.appendWith(this.knex, update, video.pullDomainEvents());
  }

  async page(query: VideoPageQuery): Promise<Video[]> {
    const rows = this.knex<VideoRow>('videos').whereNull('deleted_at').orderBy([{ column: 'created_at' }, { column: 'id' }]).limit(query.limit);
    if (query.courseId) rows.where({ course_id: query.courseId.value });
    if (query.after) rows.whereRaw('(created_at, id) > (?, ?)', [query.after.createdAt, query.after.id]);
    return (await rows).map(toVideo);
  }
}
