import type { Knex } from 'knex';
import type { CourseCounters } from '../domain/course-counters';
import type { VideoTally } from '../domain/course-video';

/**
 * Counters as `set n = n + delta`: the row lock of the update serialises concurrent handlers of one course,
 * and each adds to what the previous one committed, so no increment is lost.
 */
export class KnexCourseCounters implements CourseCounters {
  constructor(private readonly db: Knex) {}

  async addVideos(courseId: string, tally: VideoTally): Promise<boolean> {
    const counted = await this.db('courses').where({ id: courseId }).increment({ video_count: tally.videos, total_duration_seconds: tally.seconds });
    return counted > 0;
  }

  async addStudents(courseId: string, count: number): Promise<boolean> {
    return (await this.db('courses').where({ id: courseId }).increment('student_count', count)) > 0;
  }
}
