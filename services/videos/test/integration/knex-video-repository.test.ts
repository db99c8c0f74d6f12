import { randomUUID } from 'node:crypto';
import { Outbox } from '@course-platform/messaging';
import { migrate, type Knex } from '@course-platform/service-kit';
import { CourseId, VideoId } from '@course-platform/shared-kernel';
import { migrations } from '../../migrations';
import { Video } from '../../src/domain/video';
import { videoDetails } from '../../src/domain/video-details';
import { KnexVideoRepository } from '../../src/infrastructure/knex-video-repository';
import { aVideoCommand } from '../support/mothers';
import { openVideosDatabase, outboxTypesFor } from '../support/videos-database';

let database: Awaited<ReturnType<typeof openVideosDatabase>>;
let knex: Knex;
let videos: KnexVideoRepository;

beforeAll(async () => {
  database = await openVideosDatabase();
  knex = database.knex;
  videos = new KnexVideoRepository(knex, new Outbox('videos'));
});

afterAll(() => database.close());

function newVideo(overrides: Parameters<typeof aVideoCommand>[0] = {}, at = new Date()): Video {
  const command = aVideoCommand(overrides);
  return Video.create(new VideoId(command.videoId), videoDetails(command), at);
}

describe('KnexVideoRepository', () => {
  it('stores a new video and its videos.created event together', async () => {
    const video = newVideo({ title: 'Ünïcode 🎬', description: '' });
    expect(await videos.add(video)).toBe(true);
    expect((await videos.find(video.id))?.toPrimitives()).toEqual(video.toPrimitives());
    expect(await outboxTypesFor(knex, video.id.value)).toEqual(['videos.created']);
  });

  it('does not know an id never used', async () => {
    expect(await videos.find(new VideoId(randomUUID()))).toBeNull();
  });

  it('refuses a second video under a taken id, writing nothing', async () => {
    const video = newVideo();
    await videos.add(video);
    const rival = newVideo({ videoId: video.id.value, title: 'Rival' });
    expect(await videos.add(rival)).toBe(false);
    expect((await videos.find(video.id))?.toPrimitives().title).toBe(video.toPrimitives().title);
    expect(await outboxTypesFor(knex, video.id.value)).toEqual(['videos.created']);
  });

  it('lets exactly one of many concurrent creators win', async () => {
    const videoId = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => videos.add(newVideo({ videoId }))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await outboxTypesFor(knex, videoId)).toEqual(['videos.created']);
  });

  it('updates only from the revision it was loaded at', async () => {
    const video = newVideo();
    await videos.add(video);
    const first = (await videos.find(video.id)) as Video;
    const second = (await videos.find(video.id)) as Video;
    const command = { ...aVideoCommand(), videoId: video.id.value, courseId: video.courseId.value };
    first.update(videoDetails({ ...command, title: 'First' }), new Date());
    second.update(videoDetails({ ...command, title: 'Second' }), new Date());
    expect(await videos.update(first, 1)).toBe(true);
    expect(await videos.update(second, 1)).toBe(false);
    expect((await videos.find(video.id))?.toPrimitives()).toMatchObject({ title: 'First', revision: 2 });
    expect(await outboxTypesFor(knex, video.id.value)).toEqual(['videos.created', 'videos.updated']);
  });

  it('keeps a deleted video as a tombstone', async () => {
    const video = newVideo();
    await videos.add(video);
    video.delete(new Date());
    expect(await videos.update(video, 1)).toBe(true);
    const tombstone = await videos.find(video.id);
    expect(tombstone?.isDeleted).toBe(true);
    expect(tombstone?.revision).toBe(2);
    expect(await outboxTypesFor(knex, video.id.value)).toEqual(['videos.created', 'videos.deleted']);
  });

  it('pages live videos of a course in (createdAt, id) order', async () => {
    const courseId = randomUUID();
    const at = [new Date('2024-05-01T00:00:00.001Z'), new Date('2024-05-01T00:00:00.001Z'), new Date('2024-05-01T00:00:00.002Z')];
    const created = at.map((instant) => newVideo({ courseId }, instant));
    for (const video of created) await videos.add(video);
    const gone = newVideo({ courseId }, new Date('2024-05-01T00:00:00.000Z'));
    await videos.add(gone);
    gone.delete(new Date());
    await videos.update(gone, 1);
    await videos.add(newVideo({}, at[0]));

    const expected = [...created]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id.value < b.id.value ? -1 : 1))
      .map((video) => video.id.value);
    const page = await videos.page({ courseId: new CourseId(courseId), limit: 10 });
    expect(page.map((video) => video.id.value)).toEqual(expected);

    const [firstId] = expected;
    const first = page[0] as Video;
    const rest = await videos.page({ courseId: new CourseId(courseId), limit: 10, after: { createdAt: first.createdAt, id: firstId as string } });
    expect(rest.map((video) => video.id.value)).toEqual(expected.slice(1));
  });

  it('runs its migrations again without change', async () => {
    expect(await migrate(knex, 'videos', migrations)).toEqual([]);
  });
});
