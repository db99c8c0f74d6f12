import { CourseVideo } from '../../src/domain/course-video';
import type { CourseVideoRepository } from '../../src/domain/course-video-repository';
import type { InMemoryCourseStore } from './in-memory-course-store';

export class InMemoryCourseVideoRepository implements CourseVideoRepository {
  constructor(private readonly store: InMemoryCourseStore) {}

  async findForUpdate(videoId: string): Promise<CourseVideo | null> {
    const stored = this.store.videos.get(videoId);
    return stored ? CourseVideo.fromPrimitives(stored) : null;
  }

  async add(video: CourseVideo): Promise<boolean> {
    if (this.store.videos.has(video.videoId)) return false;
    this.store.videos.set(video.videoId, video.toPrimitives());
    return true;
  }

  async addAll(videos: readonly CourseVideo[]): Promise<Set<string>> {
    const added = new Set<string>();
    for (const video of videos) if (await this.add(video)) added.add(video.videoId);
    return added;
  }

  async update(video: CourseVideo): Promise<void> {
    this.store.videos.set(video.videoId, video.toPrimitives());
  }
}
