// Video events built from their shared-kernel contracts, with random ids, as the videos service emits them.
import { randomUUID } from 'node:crypto';
import { VideoCreated, VideoDeleted, VideoUpdated, type EventOf } from '@course-platform/shared-kernel';

export type VideoCreatedEvent = EventOf<typeof VideoCreated>;
export type VideoUpdatedEvent = EventOf<typeof VideoUpdated>;
export type VideoDeletedEvent = EventOf<typeof VideoDeleted>;

export function videoCreated(courseId: string, overrides: Partial<VideoCreatedEvent['data']> = {}): VideoCreatedEvent {
  const videoId = overrides.videoId ?? randomUUID();
  return VideoCreated.create(videoId, {
    videoId,
    courseId,
    title: `Video ${videoId.slice(0, 8)}`,
    description: 'about it',
    durationSeconds: 1 + Math.floor(Math.random() * 3600),
    revision: 1,
    ...overrides,
  });
}

export function videoUpdated(
  of: VideoCreatedEvent,
  revision: number,
  changes: VideoUpdatedEvent['data']['changes'],
): VideoUpdatedEvent {
  const { videoId, courseId } = of.data;
  return VideoUpdated.create(videoId, { videoId, courseId, revision, changes });
}

export function videoDeleted(of: VideoCreatedEvent, revision: number): VideoDeletedEvent {
  const { videoId, courseId } = of.data;
  return VideoDeleted.create(videoId, { videoId, courseId, revision });
}
