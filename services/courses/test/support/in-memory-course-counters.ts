import type { CourseCounters } from '../../src/domain/course-counters';
import type { VideoTally } from '../../src/domain/course-video';
import type { InMemoryCourseStore } from './in-memory-course-store';

export class InMemoryCourseCounters implements CourseCounters {
  constructor(private readonly store: InMemoryCourseStore) {}

  async addVideos(courseId: string, tally: VideoTally): Promise<boolean> {
    const course = this.store.courses.get(courseId);
    if (!course) return false;
    course.videoCount += tally.videos;
    course.totalDurationSeconds += tally.seconds;
    return true;
  }

  async addStudents(courseId: string, count: number): Promise<boolean> {
    const course = this.store.courses.get(courseId);
    if (!course) return false;
    course.studentCount += count;
    return true;
  }
}
