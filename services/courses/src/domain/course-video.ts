import type { EventOf, VideoCreated, VideoDeleted, VideoUpdated } from '@course-platform/shared-kernel';

type VideoCreatedData = EventOf<typeof VideoCreated>['data'];
type VideoUpdatedData = EventOf<typeof VideoUpdated>['data'];
type VideoDeletedData = EventOf<typeof VideoDeleted>['data'];

/** How much a course's counters move when one of its videos changes. */
export interface VideoTally {
  videos: number;
  seconds: number;
}

/** An entry of a course's video list, as stored. A removed entry is a tombstone that keeps the video out. */
export interface CourseVideoPrimitives {
  videoId: string;
  courseId: string;
  title: string;
  durationSeconds: number;
  /** The highest video revision applied to this entry. */
  revision: number;
  /** The revision that last set each projected field, so updates that arrive out of order lose nothing. */
  titleRevision: number;
  durationRevision: number;
  removed: boolean;
}

export interface CourseVideoChange {
  video: CourseVideo;
  tally: VideoTally;
}

/**
 * One video in a course's list, fed by the videos service's events. The ordering rules live here: revisions
 * decide what is stale, and a deleted video never comes back.
 */
export class CourseVideo {
  private constructor(private readonly state: CourseVideoPrimitives) {}

  static listed(created: VideoCreatedData): CourseVideoChange {
    const video = new CourseVideo({
      videoId: created.videoId,
      courseId: created.courseId,
      title: created.title,
      durationSeconds: created.durationSeconds,
      revision: created.revision,
      titleRevision: created.revision,
      durationRevision: created.revision,
      removed: false,
    });
    return { video, tally: { videos: 1, seconds: created.durationSeconds } };
  }

  /** The entry of a video deleted before its creation arrived: the late creation will find it and stay out. */
  static tombstone(deleted: VideoDeletedData): CourseVideo {
    const { videoId, courseId, revision } = deleted;
    return new CourseVideo({ videoId, courseId, title: '', durationSeconds: 0, revision, titleRevision: 0, durationRevision: 0, removed: true });
  }

  static fromPrimitives(p: CourseVideoPrimitives): CourseVideo {
    return new CourseVideo({ ...p });
  }

  get videoId(): string {
    return this.state.videoId;
  }

  get courseId(): string {
    return this.state.courseId;
  }

  /**
   * Applies each field the update carries whose revision is newer than the one that last set it; null when
   * nothing in it is new (a replay, a stale update, or the video is removed).
   */
  applyUpdate(updated: VideoUpdatedData): CourseVideoChange | null {
    const s = this.state;
    if (s.removed) return null;
    const { revision, changes } = updated;
    const next = { ...s, revision: Math.max(s.revision, revision) };
    if (changes.title !== undefined && revision > s.titleRevision) {
      Object.assign(next, { title: changes.title, titleRevision: revision });
    }
    if (changes.durationSeconds !== undefined && revision > s.durationRevision) {
      Object.assign(next, { durationSeconds: changes.durationSeconds, durationRevision: revision });
    }
    const changed = next.revision !== s.revision || next.titleRevision !== s.titleRevision || next.durationRevision !== s.durationRevision;
    if (!changed) return null;
    return { video: new CourseVideo(next), tally: { videos: 0, seconds: next.durationSeconds - s.durationSeconds } };
  }

  /** Removes the video from its course; null when it is already removed or the deletion is stale. */
  remove(deleted: VideoDeletedData): CourseVideoChange | null {
    const s = this.state;
    if (s.removed || deleted.revision <= s.revision) return null;
    const video = new CourseVideo({ ...s, revision: deleted.revision, removed: true });
    return { video, tally: { videos: -1, seconds: -s.durationSeconds } };
  }

  toPrimitives(): CourseVideoPrimitives {
    return { ...this.state };
  }
}
