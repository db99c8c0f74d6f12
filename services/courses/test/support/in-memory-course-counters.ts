import type { CourseCounters } from '../../src/domain/course-counters';
import type { VideoTally } from '../../src/domain/course-video';
import type { InMemoryCourseStore } from './in-memory-course-store';

export class InMemoryCourseCounters implements CourseCounters {
  constructor(private readonly store: InMemoryCourseStore) {}

  async isKnown(courseId: string): Promise<boolean> {
    return this.store.courses.has(courseId);
  }

  async addVideos(courseId: string, tally: VideoTally): Promise<void> {
    const course = this.store.courses.get(courseId);
    if (!course) return;
    course.videoCount += tally.videos;
    course.totalDurationSeconds += tally.seconds;
  }

  async addStudent(courseId: string): Promise<boolean> {
    const course = this.store.courses.get(courseId);
    if (!course) return false;
    course.studentCount += 1;
    return true;
  }
}
