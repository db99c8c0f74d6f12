// Real videos.* and users.enrolled envelopes, built from their contracts, published on the exchange as their
// producers do; the course changes as seen through GET /courses/:id.
import { testing } from '@course-platform/service-kit';
import { UserEnrolled } from '@course-platform/shared-kernel';
import { randomUUID } from 'node:crypto';
import { addVideoOnVideoCreated, incrementStudentsOnUserEnrolled, removeVideoOnVideoDeleted } from '../../src/infrastructure/subscriptions';
import { call, consumed, startCoursesService, type CoursesServiceUnderTest } from '../support/courses-service';
import { videoCreated, videoDeleted, videoUpdated } from '../support/video-event-mother';

let sut: CoursesServiceUnderTest;

beforeAll(async () => {
  sut = await startCoursesService();
});

afterAll(() => sut.close());

async function newCourse(): Promise<string> {
  const id = randomUUID();
  expect((await call(sut.baseUrl, 'PUT', `/courses/${id}`, { title: 'Followed', description: '' })).status).toBe(201);
  return id;
}

const course = async (id: string) => (await call(sut.baseUrl, 'GET', `/courses/${id}`)).body;

function enrolled(courseId: string) {
  return UserEnrolled.create(randomUUID(), { userId: randomUUID(), courseId, enrolledAt: new Date().toISOString() });
}

describe('a course fed by events', () => {
  it('lists, updates and removes videos and counts students as their events arrive', async () => {
    const courseId = await newCourse();
    const first = videoCreated(courseId, { title: 'Intro', durationSeconds: 120 });
    const second = videoCreated(courseId, { title: 'Outro', durationSeconds: 30 });
    await sut.publish(first, 'videos');
    await testing.eventually(async () => expect((await course(courseId)).videoCount).toBe(1));
    await sut.publish(second, 'videos');
    await testing.eventually(async () =>
      expect(await course(courseId)).toMatchObject({
        videos: [
          { videoId: first.data.videoId, title: 'Intro', durationSeconds: 120 },
          { videoId: second.data.videoId, title: 'Outro', durationSeconds: 30 },
        ],
        videoCount: 2,
        totalDurationSeconds: 150,
      }),
    );

    await sut.publish(videoUpdated(first, 2, { title: 'Welcome', durationSeconds: 100 }), 'videos');
    await sut.publish(videoDeleted(second, 2), 'videos');
    await sut.publish(enrolled(courseId), 'users');
    await sut.publish(enrolled(courseId), 'users');
    await testing.eventually(async () =>
      expect(await course(courseId)).toMatchObject({
        videos: [{ videoId: first.data.videoId, title: 'Welcome', durationSeconds: 100 }],
        videoCount: 1,
        totalDurationSeconds: 100,
        studentCount: 2,
      }),
    );
  });

  it('counts a redelivered enrollment once', async () => {
    const courseId = await newCourse();
    const enrollment = enrolled(courseId);
    const queue = incrementStudentsOnUserEnrolled.queue;
    await sut.publish(enrollment, 'users');
    await testing.eventually(async () => expect((await course(courseId)).studentCount).toBe(1));
    const duplicatesBefore = await consumed(sut, queue, 'duplicate');
    await sut.publish(enrollment, 'users');
    await testing.eventually(async () => expect(await consumed(sut, queue, 'duplicate')).toBe(duplicatesBefore + 1));
    expect((await course(courseId)).studentCount).toBe(1);
  });

  it('applies an update that overtook its creation once the creation arrives', async () => {
    const courseId = await newCourse();
    const created = videoCreated(courseId, { title: 'Draft', durationSeconds: 10 });
    await sut.publish(videoUpdated(created, 2, { title: 'Final' }), 'videos');
    await sut.publish(created, 'videos');
    await testing.eventually(async () =>
      expect((await course(courseId)).videos).toEqual([{ videoId: created.data.videoId, title: 'Final', durationSeconds: 10 }]),
    );
  });

  it('never lists a video whose deletion overtook its creation', async () => {
    const courseId = await newCourse();
    const ghost = videoCreated(courseId, { durationSeconds: 999 });
    const witness = videoCreated(courseId, { durationSeconds: 1 });
    const queue = addVideoOnVideoCreated.queue;
    const deletionsBefore = await consumed(sut, removeVideoOnVideoDeleted.queue, 'handled');
    await sut.publish(videoDeleted(ghost, 2), 'videos');
    await testing.eventually(async () => expect(await consumed(sut, removeVideoOnVideoDeleted.queue, 'handled')).toBe(deletionsBefore + 1));
    const handledBefore = await consumed(sut, queue, 'handled');
    await sut.publish(ghost, 'videos');
    await sut.publish(witness, 'videos');
    await testing.eventually(async () => expect(await consumed(sut, queue, 'handled')).toBe(handledBefore + 2));
    expect(await course(courseId)).toMatchObject({
      videos: [{ videoId: witness.data.videoId, title: witness.data.title, durationSeconds: 1 }],
      videoCount: 1,
      totalDurationSeconds: 1,
    });
  });
});
