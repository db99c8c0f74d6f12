import type { Knex } from 'knex';
import { CourseVideo, type CourseVideoPrimitives } from '../domain/course-video';
import type { CourseVideoRepository } from '../domain/course-video-repository';

interface CourseVideoRow {
  video_id: string;
  course_id: string;
  title: string;
  duration_seconds: string;
  revision: number;
  title_revision: number;
  duration_revision: number;
  removed: boolean;
}

function toRow(p: CourseVideoPrimitives) {
  return {
    video_id: p.videoId,
    course_id: p.courseId,
    title: p.title,
    duration_seconds: p.durationSeconds,
    revision: p.revision,
    title_revision: p.titleRevision,
    duration_revision: p.durationRevision,
    removed: p.removed,
  };
}

function fromRow(row: CourseVideoRow): CourseVideo {
  return CourseVideo.fromPrimitives({
    videoId: row.video_id,
    courseId: row.course_id,
    title: row.title,
    durationSeconds: Number(row.duration_seconds),
    revision: row.revision,
    titleRevision: row.title_revision,
    durationRevision: row.duration_revision,
    removed: row.removed,
  });
}

/** The course video lists, bound to the handler's transaction (row locks last until it ends). */
export class KnexCourseVideoRepository implements CourseVideoRepository {
  constructor(private readonly db: Knex) {}

  async findForUpdate(videoId: string): Promise<CourseVideo | null> {
    const row = await this.db<CourseVideoRow>('course_videos').where({ video_id: videoId }).forUpdate().first();
    return row ? fromRow(row) : null;
  }

  async add(video: CourseVideo): Promise<boolean> {
    // Waits for a concurrent insert of the same video to commit, then inserts nothing.
    const inserted = await this.db('course_videos').insert(toRow(video.toPrimitives())).onConflict('video_id').ignore().returning('video_id');
    return inserted.length > 0;
  }

  async addAll(videos: readonly CourseVideo[]): Promise<Set<string>> {
    const rows = videos.map((video) => toRow(video.toPrimitives()));
    const inserted: Array<{ video_id: string }> = await this.db('course_videos').insert(rows).onConflict('video_id').ignore().returning('video_id');
    // Postgres answers uuids in lower case; the ids are compared as the events spell them.
    const stored = new Set(inserted.map((row) => row.video_id));
    return new Set(videos.map((video) => video.videoId).filter((id) => stored.has(id.toLowerCase())));
  }

  async update(video: CourseVideo): Promise<void> {
    const { video_id, ...changes } = toRow(video.toPrimitives());
    await this.db('course_videos').where({ video_id }).update(changes);
  }
}
