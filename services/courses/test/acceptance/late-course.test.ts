// A video whose course is not known yet goes down the retry path: applied once the course exists, and
// dead-lettered only when the course never comes within the retry limit.
import { messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { randomUUID } from 'node:crypto';
import { addVideoOnVideoCreated } from '../../src/infrastructure/subscriptions';
import { call, consumed, startCoursesService, type CoursesServiceUnderTest } from '../support/courses-service';
import { videoCreated } from '../support/video-event-mother';

const queue = addVideoOnVideoCreated.queue;
let sut: CoursesServiceUnderTest;

beforeAll(async () => {
  // A linger long enough for a burst published at once to be handled as one batch.
  sut = await startCoursesService({ RETRY_DELAYS_MS: '100,200,400,800,1600', CONSUMER_BATCH_LINGER_MS: '100' });
});

afterAll(() => sut.close());

test('a video created before its course is retried, then listed once the course exists', async () => {
  const courseId = randomUUID();
  const created = videoCreated(courseId, { durationSeconds: 42 });
  const retriedBefore = await consumed(sut, queue, 'retried');
  await sut.publish(created, 'videos');
  await testing.eventually(async () => expect(await consumed(sut, queue, 'retried')).toBeGreaterThan(retriedBefore));

  expect((await call(sut.baseUrl, 'PUT', `/courses/${courseId}`, { title: 'Late', description: '' })).status).toBe(201);
  await testing.eventually(async () =>
    expect((await call(sut.baseUrl, 'GET', `/courses/${courseId}`)).body).toMatchObject({
      videos: [{ videoId: created.data.videoId, title: created.data.title, durationSeconds: 42 }],
      videoCount: 1,
      totalDurationSeconds: 42,
    }),
  );
});

test('in a burst handled as a batch, the video of an unknown course fails alone: the others are listed once, it is retried', async () => {
  const courseId = randomUUID();
  expect((await call(sut.baseUrl, 'PUT', `/courses/${courseId}`, { title: 'Busy', description: '' })).status).toBe(201);
  const created = Array.from({ length: 30 }, () => videoCreated(courseId));
  const orphan = videoCreated(randomUUID());
  const retriedBefore = await consumed(sut, queue, 'retried');
  await Promise.all([...created.slice(0, 15), orphan, ...created.slice(15)].map((event) => sut.publish(event, 'videos')));

  await testing.eventually(async () => expect(await consumed(sut, queue, 'retried')).toBeGreaterThan(retriedBefore));
  const course = await testing.eventually(async () => {
    const { body } = await call(sut.baseUrl, 'GET', `/courses/${courseId}`);
    expect(body).toMatchObject({ videoCount: 30 });
    return body as { videos: Array<{ videoId: string }>; totalDurationSeconds: number };
  });
  expect(course.videos.map((v) => v.videoId).sort()).toEqual(created.map((e) => e.data.videoId).sort());
  expect(course.totalDurationSeconds).toBe(created.reduce((sum, e) => sum + e.data.durationSeconds, 0));
});

test('a video of a course that never arrives is dead-lettered past the retry limit', async () => {
  const orphan = videoCreated(randomUUID());
  await sut.publish(orphan, 'videos');
  const deadLetters: messagingTesting.QueuedMessage[] = [];
  const ours = await testing.eventually(
    async () => {
      deadLetters.push(...(await messagingTesting.drainQueue(sut.vhost.url, `${queue}.dead_letter`)));
      const found = deadLetters.find((m) => m.messageId === orphan.id);
      if (!found) throw new Error(`${orphan.id} not dead-lettered yet`);
      return found;
    },
    { timeoutMs: 20_000, intervalMs: 200 },
  );
  expect(ours.headers).toMatchObject({ 'x-dead-letter-reason': 'HANDLER_FAILED', 'x-attempts': 6 });
  expect(String(ours.headers['x-error'])).toMatch(/not known yet/);
});
