import { randomUUID } from 'node:crypto';
import { VideoCreated, VideoDeleted, VideoId, VideoUpdated } from '@course-platform/shared-kernel';
import { Video } from '../../src/domain/video';
import { videoDetails } from '../../src/domain/video-details';
import { VideoCourseImmutableError, VideoDeletedError } from '../../src/domain/video-errors';
import { aVideoCommand } from '../support/mothers';

const created = new Date('2025-01-02T03:04:05.678Z');
const later = new Date('2025-01-03T00:00:00.000Z');

function aVideo() {
  const command = aVideoCommand();
  const video = Video.create(new VideoId(command.videoId), videoDetails(command), created);
  return { command, video };
}

describe('Video', () => {
  it('records videos.created with every field and revision 1, valid against its contract', () => {
    const { command, video } = aVideo();
    const [event, ...rest] = video.pullDomainEvents();
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ type: 'videos.created', version: 1, aggregateId: command.videoId, occurredOn: created.toISOString() });
    expect(VideoCreated.schema.parse(event?.data)).toEqual({
      videoId: command.videoId,
      courseId: command.courseId,
      title: command.title,
      description: command.description,
      durationSeconds: command.durationSeconds,
      revision: 1,
    });
    expect(video.pullDomainEvents()).toEqual([]);
  });

  it('records videos.updated with only the changed fields and the next revision', () => {
    const { command, video } = aVideo();
    video.pullDomainEvents();
    const changed = video.update(videoDetails({ ...command, title: '  New title ', durationSeconds: command.durationSeconds + 1 }), later);
    expect(changed).toBe(true);
    const [event] = video.pullDomainEvents();
    expect(event?.type).toBe('videos.updated');
    expect(VideoUpdated.schema.parse(event?.data)).toEqual({
      videoId: command.videoId,
      courseId: command.courseId,
      revision: 2,
      changes: { title: 'New title', durationSeconds: command.durationSeconds + 1 },
    });
    expect(video.toPrimitives()).toMatchObject({ title: 'New title', revision: 2, createdAt: created, updatedAt: later });
  });

  it('records nothing when an update changes nothing (a trimmed title is the same title)', () => {
    const { command, video } = aVideo();
    video.pullDomainEvents();
    expect(video.update(videoDetails({ ...command, title: ` ${command.title} ` }), later)).toBe(false);
    expect(video.pullDomainEvents()).toEqual([]);
    expect(video.revision).toBe(1);
  });

  it('refuses to move to another course', () => {
    const { command, video } = aVideo();
    expect(() => video.update(videoDetails({ ...command, courseId: randomUUID() }), later)).toThrow(VideoCourseImmutableError);
  });

  it('records videos.deleted once, with the next revision', () => {
    const { command, video } = aVideo();
    video.pullDomainEvents();
    expect(video.delete(later)).toBe(true);
    expect(video.delete(later)).toBe(false);
    const events = video.pullDomainEvents();
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('videos.deleted');
    expect(VideoDeleted.schema.parse(events[0]?.data)).toEqual({ videoId: command.videoId, courseId: command.courseId, revision: 2 });
    expect(video.isDeleted).toBe(true);
  });

  it('cannot be updated once deleted', () => {
    const { command, video } = aVideo();
    video.delete(later);
    expect(() => video.update(videoDetails({ ...command, title: 'Back again' }), later)).toThrow(VideoDeletedError);
  });

  it('is rebuilt from its primitives unchanged and without events', () => {
    const { video } = aVideo();
    video.delete(later);
    const rebuilt = Video.fromPrimitives(video.toPrimitives());
    expect(rebuilt.toPrimitives()).toEqual(video.toPrimitives());
    expect(rebuilt.pullDomainEvents()).toEqual([]);
  });
});
