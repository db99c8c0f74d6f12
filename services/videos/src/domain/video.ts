import {
  AggregateRoot,
  CourseId,
  VideoCreated,
  VideoDeleted,
  VideoId,
  VideoUpdated,
  type EventOf,
} from '@course-platform/shared-kernel';
import { VideoDescription } from './video-description';
import type { VideoDetails } from './video-details';
import { VideoDuration } from './video-duration';
import { VideoCourseImmutableError, VideoDeletedError } from './video-errors';
import { VideoTitle } from './video-title';

export type VideoEvent = EventOf<typeof VideoCreated> | EventOf<typeof VideoUpdated> | EventOf<typeof VideoDeleted>;

/** How a video is stored and rebuilt. A deleted video is kept as a tombstone so its id is never reused. */
export interface VideoPrimitives {
  id: string;
  courseId: string;
  title: string;
  description: string;
  durationSeconds: number;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

type VideoChanges = EventOf<typeof VideoUpdated>['data']['changes'];

export class Video extends AggregateRoot<VideoEvent> {
  private constructor(
    readonly id: VideoId,
    readonly courseId: CourseId,
    private details: VideoDetails,
    private state: { revision: number; createdAt: Date; updatedAt: Date; deletedAt: Date | null },
  ) {
    super();
  }

  static create(id: VideoId, details: VideoDetails, now: Date): Video {
    const video = new Video(id, details.courseId, details, { revision: 1, createdAt: now, updatedAt: now, deletedAt: null });
    video.record(
      VideoCreated.create(
        id.value,
        {
          videoId: id.value,
          courseId: details.courseId.value,
          title: details.title.value,
          description: details.description.value,
          durationSeconds: details.duration.value,
          revision: 1,
        },
        now,
      ),
    );
    return video;
  }

  static fromPrimitives(p: VideoPrimitives): Video {
    const courseId = new CourseId(p.courseId);
    const details = {
      courseId,
      title: new VideoTitle(p.title),
      description: new VideoDescription(p.description),
      duration: new VideoDuration(p.durationSeconds),
    };
    const state = { revision: p.revision, createdAt: p.createdAt, updatedAt: p.updatedAt, deletedAt: p.deletedAt };
    return new Video(new VideoId(p.id), courseId, details, state);
  }

  get revision(): number {
    return this.state.revision;
  }

  get createdAt(): Date {
    return this.state.createdAt;
  }

  get isDeleted(): boolean {
    return this.state.deletedAt !== null;
  }

  /** Applies a PUT to an existing video. Returns false, recording nothing, when nothing changes. */
  update(details: VideoDetails, now: Date): boolean {
    if (this.isDeleted) throw new VideoDeletedError(this.id.value);
    if (!details.courseId.equals(this.courseId)) throw new VideoCourseImmutableError(this.id.value);
    const changes: VideoChanges = {};
    if (!details.title.equals(this.details.title)) changes.title = details.title.value;
    if (!details.description.equals(this.details.description)) changes.description = details.description.value;
    if (!details.duration.equals(this.details.duration)) changes.durationSeconds = details.duration.value;
    if (Object.keys(changes).length === 0) return false;
    this.details = details;
    this.state = { ...this.state, revision: this.state.revision + 1, updatedAt: now };
    const data = { videoId: this.id.value, courseId: this.courseId.value, revision: this.state.revision, changes };
    this.record(VideoUpdated.create(this.id.value, data, now));
    return true;
  }

  /** Deletes the video. Returns false, recording nothing, when it is already deleted: deleting is idempotent. */
  delete(now: Date): boolean {
    if (this.isDeleted) return false;
    this.state = { ...this.state, revision: this.state.revision + 1, updatedAt: now, deletedAt: now };
    const data = { videoId: this.id.value, courseId: this.courseId.value, revision: this.state.revision };
    this.record(VideoDeleted.create(this.id.value, data, now));
    return true;
  }

  toPrimitives(): VideoPrimitives {
    return {
      id: this.id.value,
      courseId: this.courseId.value,
      title: this.details.title.value,
      description: this.details.description.value,
      durationSeconds: this.details.duration.value,
      ...this.state,
    };
  }
}
