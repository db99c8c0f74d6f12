// Whatever order (and however often) a course's events arrive in, retrying what throws, the course ends up
// as if they had arrived once, in order.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DomainError } from '@course-platform/shared-kernel';
import { courseFixture } from '../support/course-fixture';
import { videoCreated, videoDeleted, videoUpdated, type VideoCreatedEvent } from '../support/video-event-mother';

const historyArbitrary = fc.record({
  durationSeconds: fc.integer({ min: 1, max: 10_000 }),
  updates: fc.array(
    fc
      .record({ title: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }), durationSeconds: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }) })
      .filter((changes) => changes.title !== undefined || changes.durationSeconds !== undefined),
    { maxLength: 3 },
  ),
  deleted: fc.boolean(),
});

type History = typeof historyArbitrary extends fc.Arbitrary<infer T> ? T : never;
type Delivery = () => Promise<void>;

function scenario(histories: Array<History>, fixture: ReturnType<typeof courseFixture>, courseId: string) {
  const expected: Array<{ videoId: string; title: string; durationSeconds: number }> = [];
  const deliveries: Delivery[] = [() => fixture.putCourse.execute({ id: courseId, title: 'Course', description: '' }).then(() => undefined)];
  for (const history of histories) {
    const created: VideoCreatedEvent = videoCreated(courseId, { durationSeconds: history.durationSeconds });
    deliveries.push(() => fixture.addVideo.handle(created.data));
    let { title, durationSeconds } = created.data;
    history.updates.forEach((changes, index) => {
      const clean = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      const updated = videoUpdated(created, index + 2, clean);
      deliveries.push(() => fixture.updateVideo.handle(updated.data));
      title = changes.title ?? title;
      durationSeconds = changes.durationSeconds ?? durationSeconds;
    });
    if (history.deleted) {
      const deleted = videoDeleted(created, history.updates.length + 2);
      deliveries.push(() => fixture.removeVideo.handle(deleted.data));
    } else {
      expected.push({ videoId: created.data.videoId, title, durationSeconds });
    }
  }
  return { deliveries, expected };
}

/** Delivers in the given order; what throws "not known yet" goes to the back of the queue, as a retry would. */
async function deliver(queue: Delivery[]): Promise<void> {
  for (let rounds = 0; queue.length > 0; rounds += 1) {
    if (rounds > 10_000) throw new Error('deliveries never settled');
    const next = queue.shift() as Delivery;
    try {
      await next();
    } catch (error) {
      if (!(error instanceof DomainError && error.code.endsWith('_NOT_KNOWN_YET'))) throw error;
      queue.push(next);
    }
  }
}

const byId = (a: { videoId: string }, b: { videoId: string }) => a.videoId.localeCompare(b.videoId);

test('shuffled and duplicated video events converge on the in-order result', async () => {
  const scenarioArbitrary = fc
    .array(historyArbitrary, { minLength: 1, maxLength: 5 })
    .chain((histories) => {
      const count = 1 + histories.reduce((sum, h) => sum + 1 + h.updates.length + (h.deleted ? 1 : 0), 0);
      const indices = Array.from({ length: count }, (_, i) => i);
      const order = fc.array(fc.nat({ max: count - 1 }), { maxLength: 6 }).chain((duplicates) => {
        const all = [...indices, ...duplicates];
        return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
      });
      return fc.tuple(fc.constant(histories), order);
    });
  await fc.assert(
    fc.asyncProperty(scenarioArbitrary, async ([histories, order]) => {
      const fixture = courseFixture();
      const courseId = randomUUID();
      const { deliveries, expected } = scenario(histories, fixture, courseId);
      await deliver(order.map((index) => deliveries[index] as Delivery));
      const course = await fixture.getCourse.execute(courseId);
      expect([...course.videos].sort(byId)).toEqual([...expected].sort(byId));
      expect(course.videoCount).toBe(expected.length);
      expect(course.totalDurationSeconds).toBe(expected.reduce((sum, v) => sum + v.durationSeconds, 0));
    }),
    { numRuns: 300 },
  );
});
