import { randomUUID } from 'node:crypto';
import { VideoCreated, VideoDeleted } from '@course-platform/shared-kernel';
import { InMemoryEventBus, type InMemoryHandler } from '../../src';

const created = () => {
  const videoId = randomUUID();
  return VideoCreated.create(videoId, { videoId, courseId: randomUUID(), title: 'Intro', description: '', durationSeconds: 30, revision: 1 });
};

function counting(queue: string, failTimes = 0): InMemoryHandler & { calls: number; applied: string[] } {
  const handler = {
    queue,
    events: [VideoCreated],
    calls: 0,
    applied: [] as string[],
    async handle(event: { id: string }) {
      handler.calls += 1;
      if (handler.calls <= failTimes) throw new Error(`failure ${handler.calls}`);
      handler.applied.push(event.id);
    },
  };
  return handler;
}

test('each subscribed handler applies an event once, even when it is delivered again', async () => {
  const a = counting('courses.a_on_video_created');
  const b = counting('users.b_on_video_created');
  const bus = new InMemoryEventBus('videos', [a, b]);
  const event = created();

  await bus.append([event]);
  await bus.deliver(bus.published[0]!);

  expect(a.applied).toEqual([event.id]);
  expect(b.applied).toEqual([event.id]);
  expect(bus.published[0]!.meta.producer).toBe('videos');
});

test('handlers only receive the events they subscribe to', async () => {
  const a = counting('courses.a_on_video_created');
  const bus = new InMemoryEventBus('videos', [a]);
  const videoId = randomUUID();
  await bus.append([VideoDeleted.create(videoId, { videoId, courseId: randomUUID(), revision: 2 })]);
  expect(a.calls).toBe(0);
});

test('a failing handler is retried, and dead-lettered past the limit', async () => {
  const flaky = counting('courses.flaky_on_video_created', 2);
  const broken = counting('courses.broken_on_video_created', 99);
  const bus = new InMemoryEventBus('videos', [flaky, broken], 3);
  const event = created();

  await bus.append([event]);

  expect(flaky.applied).toEqual([event.id]);
  expect(flaky.calls).toBe(3);
  expect(broken.applied).toEqual([]);
  expect(bus.deadLetters).toEqual([{ queue: broken.queue, event: expect.objectContaining({ id: event.id }), error: 'failure 3' }]);
});
