import { randomUUID } from 'node:crypto';
import { courseFixture } from '../support/course-fixture';
import { videoCreated, videoDeleted, videoUpdated } from '../support/video-event-mother';

async function fixtureWithCourse() {
  const fixture = courseFixture();
  const courseId = randomUUID();
  await fixture.putCourse.execute({ id: courseId, title: 'Course', description: '' });
  return { ...fixture, courseId, view: () => fixture.getCourse.execute(courseId) };
}

describe('the video list of a course', () => {
  it('lists created videos in the order they were added and counts them', async () => {
    const { addVideo, courseId, view } = await fixtureWithCourse();
    const first = videoCreated(courseId, { durationSeconds: 60 });
    const second = videoCreated(courseId, { durationSeconds: 90 });
    await addVideo.handle(first.data);
    await addVideo.handle(second.data);
    const course = await view();
    expect(course.videos).toEqual([
      { videoId: first.data.videoId, title: first.data.title, durationSeconds: 60 },
      { videoId: second.data.videoId, title: second.data.title, durationSeconds: 90 },
    ]);
    expect(course).toMatchObject({ videoCount: 2, totalDurationSeconds: 150 });
  });

  it('counts a video once however often its creation arrives', async () => {
    const { addVideo, courseId, view } = await fixtureWithCourse();
    const created = videoCreated(courseId, { durationSeconds: 30 });
    await addVideo.handle(created.data);
    await addVideo.handle(created.data);
    expect(await view()).toMatchObject({ videoCount: 1, totalDurationSeconds: 30 });
  });

  it('throws for a video of a course not known yet, and applies it once the course exists', async () => {
    const { addVideo, putCourse, getCourse, store } = courseFixture();
    const courseId = randomUUID();
    const created = videoCreated(courseId);
    await expect(addVideo.handle(created.data)).rejects.toMatchObject({ code: 'COURSE_NOT_KNOWN_YET' });
    expect(store.videos.size).toBe(0);
    await putCourse.execute({ id: courseId, title: 'Late', description: '' });
    await addVideo.handle(created.data);
    expect((await getCourse.execute(courseId)).videos.map((v) => v.videoId)).toEqual([created.data.videoId]);
  });

  it('throws for an update that overtook its creation, and applies it once the video is listed', async () => {
    const { addVideo, updateVideo, courseId, view } = await fixtureWithCourse();
    const created = videoCreated(courseId, { durationSeconds: 10 });
    const updated = videoUpdated(created, 2, { title: 'Renamed', durationSeconds: 25 });
    await expect(updateVideo.handle(updated.data)).rejects.toMatchObject({ code: 'VIDEO_NOT_KNOWN_YET' });
    await addVideo.handle(created.data);
    await updateVideo.handle(updated.data);
    const course = await view();
    expect(course.videos).toEqual([{ videoId: created.data.videoId, title: 'Renamed', durationSeconds: 25 }]);
    expect(course.totalDurationSeconds).toBe(25);
  });

  it('keeps every field when updates arrive out of order, and ignores replays', async () => {
    const { addVideo, updateVideo, courseId, view } = await fixtureWithCourse();
    const created = videoCreated(courseId, { title: 'One', durationSeconds: 10 });
    const retitled = videoUpdated(created, 2, { title: 'Two' });
    const lengthened = videoUpdated(created, 3, { durationSeconds: 40 });
    const retitledAgain = videoUpdated(created, 4, { title: 'Four' });
    await addVideo.handle(created.data);
    for (const event of [lengthened, retitledAgain, retitled, lengthened]) await updateVideo.handle(event.data);
    const course = await view();
    expect(course.videos).toEqual([{ videoId: created.data.videoId, title: 'Four', durationSeconds: 40 }]);
    expect(course.totalDurationSeconds).toBe(40);
  });

  it('removes a deleted video and uncounts it; later stale updates change nothing', async () => {
    const { addVideo, updateVideo, removeVideo, courseId, view } = await fixtureWithCourse();
    const kept = videoCreated(courseId, { durationSeconds: 5 });
    const dropped = videoCreated(courseId, { durationSeconds: 50 });
    await addVideo.handle(kept.data);
    await addVideo.handle(dropped.data);
    await removeVideo.handle(videoDeleted(dropped, 3).data);
    await updateVideo.handle(videoUpdated(dropped, 2, { durationSeconds: 500 }).data);
    await removeVideo.handle(videoDeleted(dropped, 3).data);
    const course = await view();
    expect(course.videos.map((v) => v.videoId)).toEqual([kept.data.videoId]);
    expect(course).toMatchObject({ videoCount: 1, totalDurationSeconds: 5 });
  });

  it('never brings back a video whose deletion overtook its creation', async () => {
    const { addVideo, updateVideo, removeVideo, courseId, view } = await fixtureWithCourse();
    const created = videoCreated(courseId, { durationSeconds: 70 });
    await removeVideo.handle(videoDeleted(created, 2).data);
    await addVideo.handle(created.data);
    await updateVideo.handle(videoUpdated(created, 2, { title: 'Ghost' }).data);
    expect(await view()).toMatchObject({ videos: [], videoCount: 0, totalDurationSeconds: 0 });
  });
});

describe('the student count of a course', () => {
  it('adds one per enrollment', async () => {
    const { incrementStudents, courseId, view } = await fixtureWithCourse();
    const enrolledAt = new Date().toISOString();
    await incrementStudents.handle({ userId: randomUUID(), courseId, enrolledAt });
    await incrementStudents.handle({ userId: randomUUID(), courseId, enrolledAt });
    expect((await view()).studentCount).toBe(2);
  });

  it('throws for a course not known yet, so the enrollment is retried', async () => {
    const { incrementStudents } = courseFixture();
    const enrollment = { userId: randomUUID(), courseId: randomUUID(), enrolledAt: new Date().toISOString() };
    await expect(incrementStudents.handle(enrollment)).rejects.toMatchObject({ code: 'COURSE_NOT_KNOWN_YET' });
  });
});
