import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from '@course-platform/shared-kernel';
import { DeleteVideo } from '../../src/application/delete-video';
import { SaveVideo } from '../../src/application/save-video';
import { VideoCourseImmutableError, VideoDeletedError } from '../../src/domain/video-errors';
import { InMemoryVideoRepository } from '../support/in-memory-video-repository';
import { aVideoCommand } from '../support/mothers';

describe('SaveVideo', () => {
  let videos: InMemoryVideoRepository;
  let saveVideo: SaveVideo;

  beforeEach(() => {
    videos = new InMemoryVideoRepository();
    saveVideo = new SaveVideo(videos);
  });

  it('creates an unknown video and hands videos.created to the outbox', async () => {
    const command = aVideoCommand();
    const { outcome } = await saveVideo.execute(command);
    expect(outcome).toBe('created');
    expect(videos.outbox.map((e) => [e.type, e.aggregateId])).toEqual([['videos.created', command.videoId]]);
  });

  it('updates a changed video with videos.updated, and records nothing when the same PUT comes again', async () => {
    const command = aVideoCommand();
    await saveVideo.execute(command);
    const changed = { ...command, description: 'A better description' };
    expect((await saveVideo.execute(changed)).outcome).toBe('updated');
    expect((await saveVideo.execute(changed)).outcome).toBe('unchanged');
    expect(videos.outbox.map((e) => e.type)).toEqual(['videos.created', 'videos.updated']);
    expect(videos.outbox[1]?.data).toMatchObject({ revision: 2, changes: { description: 'A better description' } });
  });

  it('writes nothing for invalid input', async () => {
    const command = aVideoCommand({ title: ' ', durationSeconds: 0 });
    await expect(saveVideo.execute(command)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(videos.rows.size).toBe(0);
    expect(videos.outbox).toEqual([]);
  });

  it('refuses another course for an existing video', async () => {
    const command = aVideoCommand();
    await saveVideo.execute(command);
    await expect(saveVideo.execute({ ...command, courseId: randomUUID() })).rejects.toBeInstanceOf(VideoCourseImmutableError);
    expect(videos.outbox).toHaveLength(1);
  });

  it('refuses to bring back a deleted video', async () => {
    const command = aVideoCommand();
    await saveVideo.execute(command);
    await new DeleteVideo(videos).execute(command.videoId);
    await expect(saveVideo.execute(command)).rejects.toBeInstanceOf(VideoDeletedError);
  });

  it('when another request creates the same video first, decides again and finds nothing to change', async () => {
    const command = aVideoCommand();
    videos.beforeNextWrite(async () => void (await new SaveVideo(videos).execute(command)));
    expect((await saveVideo.execute(command)).outcome).toBe('unchanged');
    expect(videos.outbox.map((e) => e.type)).toEqual(['videos.created']);
  });

  it('when another request updates first, applies its own changes on top of the newer revision', async () => {
    const command = aVideoCommand();
    await saveVideo.execute(command);
    videos.beforeNextWrite(async () => void (await new SaveVideo(videos).execute({ ...command, title: 'Theirs' })));
    expect((await saveVideo.execute({ ...command, durationSeconds: command.durationSeconds + 5 })).outcome).toBe('updated');
    expect(videos.outbox.map((e) => e.data)).toEqual([
      expect.objectContaining({ revision: 1 }),
      expect.objectContaining({ revision: 2, changes: { title: 'Theirs' } }),
      expect.objectContaining({ revision: 3, changes: { title: command.title, durationSeconds: command.durationSeconds + 5 } }),
    ]);
  });
});
