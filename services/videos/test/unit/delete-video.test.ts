import { randomUUID } from 'node:crypto';
import { DeleteVideo } from '../../src/application/delete-video';
import { FindVideo } from '../../src/application/find-video';
import { SaveVideo } from '../../src/application/save-video';
import { VideoNotFoundError } from '../../src/domain/video-errors';
import { InMemoryVideoRepository } from '../support/in-memory-video-repository';
import { aVideoCommand } from '../support/mothers';

describe('DeleteVideo', () => {
  it('records videos.deleted once, however often it is asked, and the video is no longer found', async () => {
    const videos = new InMemoryVideoRepository();
    const command = aVideoCommand();
    await new SaveVideo(videos).execute(command);
    const deleteVideo = new DeleteVideo(videos);
    await deleteVideo.execute(command.videoId);
    await deleteVideo.execute(command.videoId);
    expect(videos.outbox.map((e) => e.type)).toEqual(['videos.created', 'videos.deleted']);
    expect(videos.outbox[1]?.data).toEqual({ videoId: command.videoId, courseId: command.courseId, revision: 2 });
    await expect(new FindVideo(videos).execute(command.videoId)).rejects.toBeInstanceOf(VideoNotFoundError);
  });

  it('does not know an id that was never used', async () => {
    await expect(new DeleteVideo(new InMemoryVideoRepository()).execute(randomUUID())).rejects.toBeInstanceOf(VideoNotFoundError);
  });

  it('when another request deletes first, succeeds without a second event', async () => {
    const videos = new InMemoryVideoRepository();
    const command = aVideoCommand();
    await new SaveVideo(videos).execute(command);
    videos.beforeNextWrite(() => new DeleteVideo(videos).execute(command.videoId));
    await new DeleteVideo(videos).execute(command.videoId);
    expect(videos.outbox.filter((e) => e.type === 'videos.deleted')).toHaveLength(1);
  });
});
