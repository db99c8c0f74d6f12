// The video handlers on the real database, each in its own transaction as the bus runs them, concurrently.
import { messagingTesting, Outbox, type EventHandler } from '@course-platform/messaging';
import { UserEnrolled, type DomainEvent } from '@course-platform/shared-kernel';
import { randomUUID } from 'node:crypto';
import { GetCourse } from '../../src/application/get-course';
import { PutCourse } from '../../src/application/put-course';
import { eventHandlers } from '../../src/infrastructure/event-handlers';
import { KnexCourseCatalog } from '../../src/infrastructure/knex-course-catalog';
import { KnexCourseRepository } from '../../src/infrastructure/knex-course-repository';
import { inParallel } from '../support/in-parallel';
import { migratedDatabase, type MigratedDatabase } from '../support/migrated-database';
import { videoCreated, videoDeleted, videoUpdated } from '../support/video-event-mother';
import { shuffle } from '../support/shuffle';

// As many handlers in flight as the pool has connections: each one holds a transaction.
const CONCURRENCY = 20;

let database: MigratedDatabase;
let getCourse: GetCourse;
let putCourse: PutCourse;

beforeAll(async () => {
  database = await migratedDatabase();
  getCourse = new GetCourse(new KnexCourseCatalog(database.knex));
  putCourse = new PutCourse(new KnexCourseRepository(database.knex, new Outbox('courses')));
});

afterAll(() => database.close());

function handlerOf(type: string): EventHandler {
  const handler = eventHandlers().find((h) => h.events.some((contract) => contract.name === type));
  if (!handler) throw new Error(`no handler for ${type}`);
  return handler;
}

/** Creations handled as the bus hands a batch to the handler: all in one call, in one transaction. */
function applyBatch(events: DomainEvent[], producer = 'videos'): Promise<void> {
  const handler = handlerOf(events[0]!.type);
  return database.knex.transaction((trx) => handler.handleBatch!(events.map((event) => messagingTesting.envelopeOf(event, producer)), trx));
}

function apply(event: DomainEvent, producer = 'videos'): Promise<void> {
  return database.knex.transaction((trx) => handlerOf(event.type).handle(messagingTesting.envelopeOf(event, producer), trx));
}

async function newCourse(): Promise<string> {
  const id = randomUUID();
  await putCourse.execute({ id, title: 'Projection', description: '' });
  return id;
}

describe('the course video projection', () => {
  it('counts 500 concurrent, shuffled and duplicated creations exactly', async () => {
    const courseId = await newCourse();
    const created = Array.from({ length: 500 }, () => videoCreated(courseId));
    const deliveries = shuffle([...created, ...created.slice(0, 150)]);
    await inParallel(deliveries, CONCURRENCY, (event) => apply(event));
    const course = await getCourse.execute(courseId);
    expect(course.videos.map((v) => v.videoId).sort()).toEqual(created.map((e) => e.data.videoId).sort());
    expect(course.videoCount).toBe(500);
    expect(course.totalDurationSeconds).toBe(created.reduce((sum, e) => sum + e.data.durationSeconds, 0));
  });

  it('applies creations of several courses in one batch, a video repeated in it or listed before counted once', async () => {
    const [first, second] = [await newCourse(), await newCourse()];
    const listedBefore = videoCreated(first, { durationSeconds: 5 });
    await apply(listedBefore);
    const created = [...Array.from({ length: 40 }, () => videoCreated(first)), ...Array.from({ length: 30 }, () => videoCreated(second))];
    // A second creation of one video, with other data: the first one in the batch is the one listed.
    const repeated = videoCreated(second, { videoId: created[45]!.data.videoId, title: 'Not this one', durationSeconds: 7 });
    await applyBatch(shuffle([...created, listedBefore]).concat(repeated));

    for (const courseId of [first, second]) {
      const mine = [...created, listedBefore].filter((e) => e.data.courseId === courseId);
      const course = await getCourse.execute(courseId);
      expect(course.videos.map((v) => v.videoId).sort()).toEqual(mine.map((e) => e.data.videoId).sort());
      expect(course.videoCount).toBe(mine.length);
      expect(course.totalDurationSeconds).toBe(mine.reduce((sum, e) => sum + e.data.durationSeconds, 0));
    }
    expect((await getCourse.execute(second)).videos.find((v) => v.videoId === repeated.data.videoId)?.title).toBe(created[45]!.data.title);
  });

  it('refuses a batch with a creation of an unknown course whole, storing nothing of it', async () => {
    const known = await newCourse();
    const batch = [videoCreated(known), videoCreated(randomUUID()), videoCreated(known)];
    await expect(applyBatch(batch)).rejects.toMatchObject({ code: 'COURSE_NOT_KNOWN_YET' });
    expect(await getCourse.execute(known)).toMatchObject({ videos: [], videoCount: 0, totalDurationSeconds: 0 });
  });

  it('keeps a video out when its deletion races its creation', async () => {
    const courseId = await newCourse();
    const created = Array.from({ length: 50 }, () => videoCreated(courseId, { durationSeconds: 100 }));
    const kept = videoCreated(courseId, { durationSeconds: 7 });
    const deliveries = shuffle([kept, ...created, ...created.map((e) => videoDeleted(e, 2))]);
    await inParallel(deliveries, CONCURRENCY, (event) => apply(event));
    expect(await getCourse.execute(courseId)).toMatchObject({
      videos: [{ videoId: kept.data.videoId, title: kept.data.title, durationSeconds: 7 }],
      videoCount: 1,
      totalDurationSeconds: 7,
    });
  });

  it('applies concurrent updates of one video field by field, whatever order they commit in', async () => {
    const courseId = await newCourse();
    const created = videoCreated(courseId, { title: 'v1', durationSeconds: 10 });
    await apply(created);
    const updates = [
      videoUpdated(created, 2, { title: 'v2', durationSeconds: 20 }),
      videoUpdated(created, 3, { durationSeconds: 30 }),
      videoUpdated(created, 4, { title: 'v4' }),
      videoUpdated(created, 5, { description: 'not listed' }),
    ];
    await inParallel(shuffle([...updates, ...updates]), CONCURRENCY, (event) => apply(event));
    expect(await getCourse.execute(courseId)).toMatchObject({
      videos: [{ videoId: created.data.videoId, title: 'v4', durationSeconds: 30 }],
      totalDurationSeconds: 30,
    });
  });

  it('refuses an update before its creation and a creation before its course, storing nothing', async () => {
    const unknownCourse = randomUUID();
    const early = videoCreated(unknownCourse);
    await expect(apply(early)).rejects.toMatchObject({ code: 'COURSE_NOT_KNOWN_YET' });
    await expect(apply(videoUpdated(early, 2, { title: 'early' }))).rejects.toMatchObject({ code: 'VIDEO_NOT_KNOWN_YET' });
    await putCourse.execute({ id: unknownCourse, title: 'Arrived', description: '' });
    await apply(early);
    await apply(videoUpdated(early, 2, { title: 'early' }));
    expect((await getCourse.execute(unknownCourse)).videos).toEqual([
      { videoId: early.data.videoId, title: 'early', durationSeconds: early.data.durationSeconds },
    ]);
  });

  it('counts concurrent enrollments exactly and refuses those of an unknown course', async () => {
    const courseId = await newCourse();
    const enrollments = Array.from({ length: 40 }, () =>
      UserEnrolled.create(randomUUID(), { userId: randomUUID(), courseId, enrolledAt: new Date().toISOString() }),
    );
    await inParallel(enrollments, CONCURRENCY, (event) => apply(event, 'users'));
    expect((await getCourse.execute(courseId)).studentCount).toBe(40);
    const stray = UserEnrolled.create(randomUUID(), { userId: randomUUID(), courseId: randomUUID(), enrolledAt: new Date().toISOString() });
    await expect(apply(stray, 'users')).rejects.toMatchObject({ code: 'COURSE_NOT_KNOWN_YET' });
  });

  it('counts the enrollments of a batch per course, and refuses the batch whole when one course is unknown', async () => {
    const [first, second] = [await newCourse(), await newCourse()];
    const enrolled = (courseId: string) => UserEnrolled.create(randomUUID(), { userId: randomUUID(), courseId, enrolledAt: new Date().toISOString() });
    await applyBatch(shuffle([...Array.from({ length: 7 }, () => enrolled(first)), ...Array.from({ length: 4 }, () => enrolled(second))]), 'users');
    expect((await getCourse.execute(first)).studentCount).toBe(7);
    expect((await getCourse.execute(second)).studentCount).toBe(4);
    await expect(applyBatch([enrolled(first), enrolled(randomUUID())], 'users')).rejects.toMatchObject({ code: 'COURSE_NOT_KNOWN_YET' });
    expect((await getCourse.execute(first)).studentCount).toBe(7);
  });
});
