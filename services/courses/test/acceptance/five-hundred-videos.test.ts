// 500 videos.created for one course, 150 of them delivered twice, all shuffled and published concurrently.
import { testing } from '@course-platform/service-kit';
import { randomUUID } from 'node:crypto';
import { addVideoOnVideoCreated } from '../../src/infrastructure/subscriptions';
import { call, consumed, startCoursesService, type CoursesServiceUnderTest } from '../support/courses-service';
import { inParallel } from '../support/in-parallel';
import { videoCreated } from '../support/video-event-mother';
import { shuffle } from '../support/shuffle';

let sut: CoursesServiceUnderTest;

beforeAll(async () => {
  sut = await startCoursesService();
});

afterAll(() => sut.close());

test('500 shuffled videos.created with duplicates: each listed once, exact count and total duration', async () => {
  const courseId = randomUUID();
  expect((await call(sut.baseUrl, 'PUT', `/courses/${courseId}`, { title: 'Big course', description: '' })).status).toBe(201);
  const created = Array.from({ length: 500 }, () => videoCreated(courseId));
  const deliveries = shuffle([...created, ...created.slice(0, 150)]);
  const queue = addVideoOnVideoCreated.queue;
  const [handledBefore, duplicatesBefore] = [await consumed(sut, queue, 'handled'), await consumed(sut, queue, 'duplicate')];

  await inParallel(deliveries, 16, (event) => sut.publish(event, 'videos'));

  // Every copy settled: the 500 handled, the 150 second copies recognised by the inbox.
  await testing.eventually(
    async () => {
      expect(await consumed(sut, queue, 'handled')).toBe(handledBefore + 500);
      expect(await consumed(sut, queue, 'duplicate')).toBe(duplicatesBefore + 150);
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
  const course = (await call(sut.baseUrl, 'GET', `/courses/${courseId}`)).body as {
    videos: Array<{ videoId: string }>;
    videoCount: number;
    totalDurationSeconds: number;
  };
  expect(course.videos.map((v) => v.videoId).sort()).toEqual(created.map((e) => e.data.videoId).sort());
  expect(course.videoCount).toBe(500);
  expect(course.totalDurationSeconds).toBe(created.reduce((sum, e) => sum + e.data.durationSeconds, 0));
});
