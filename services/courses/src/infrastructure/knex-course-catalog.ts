import type { Knex } from 'knex';
import type { CourseCatalog, CoursePage, CoursePosition, CourseSummary, CourseView, CourseVideoView } from '../domain/course-catalog';

interface SummaryRow {
  id: string;
  title: string;
  description: string;
  video_count: number;
  total_duration_seconds: string;
  student_count: number;
  position: string;
}

// The position as text with the database's microseconds: a JS Date would round them off and break keysets.
const POSITION = `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position`;

// One statement, so the list and the counters come from the same snapshot and always agree.
const VIDEOS = `coalesce((
  select json_agg(json_build_object('videoId', v.video_id, 'title', v.title, 'durationSeconds', v.duration_seconds)
                  order by v.list_position)
  from course_videos v where v.course_id = courses.id and not v.removed), '[]'::json) as videos`;

function toSummary(row: SummaryRow): CourseSummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    videoCount: row.video_count,
    totalDurationSeconds: Number(row.total_duration_seconds),
    studentCount: row.student_count,
  };
}

export class KnexCourseCatalog implements CourseCatalog {
  constructor(private readonly knex: Knex) {}

  private summaries() {
    return this.knex('courses').select('id', 'title', 'description', 'video_count', 'total_duration_seconds', 'student_count');
  }

  async find(id: string): Promise<CourseView | null> {
    const row = (await this.summaries().select(this.knex.raw(VIDEOS)).where({ id }).first()) as
      | (SummaryRow & { videos: CourseVideoView[] })
      | undefined;
    return row ? { ...toSummary(row), videos: row.videos } : null;
  }

  async page(query: { after?: CoursePosition; limit: number }): Promise<CoursePage> {
    const { after, limit } = query;
    const builder = this.summaries().select(this.knex.raw(POSITION)).orderBy([{ column: 'created_at' }, { column: 'id' }]).limit(limit + 1);
    if (after) builder.whereRaw('(created_at, id) > (?::timestamptz, ?::uuid)', [after.createdAt, after.id]);
    const rows = (await builder) as SummaryRow[];
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const next = rows.length > limit && last ? { createdAt: last.position, id: last.id } : null;
    return { items: items.map(toSummary), next };
  }
}
