// The application wired to in-memory adapters, as main.ts wires it to knex.
import { AddVideoOnVideoCreated } from '../../src/application/add-video-on-video-created';
import { GetCourse } from '../../src/application/get-course';
import { IncrementStudentsOnUserEnrolled } from '../../src/application/increment-students-on-user-enrolled';
import { ListCourses } from '../../src/application/list-courses';
import { PutCourse } from '../../src/application/put-course';
import { RemoveVideoOnVideoDeleted } from '../../src/application/remove-video-on-video-deleted';
import { UpdateVideoOnVideoUpdated } from '../../src/application/update-video-on-video-updated';
import { InMemoryCourseCatalog } from './in-memory-course-catalog';
import { InMemoryCourseCounters } from './in-memory-course-counters';
import { InMemoryCourseRepository } from './in-memory-course-repository';
import { InMemoryCourseStore } from './in-memory-course-store';
import { InMemoryCourseVideoRepository } from './in-memory-course-video-repository';

/** An event handler run as the bus runs it: in a transaction that a throw rolls back. */
function transactional<E>(store: InMemoryCourseStore, handler: { handle(event: E): Promise<void> }) {
  return { handle: (event: E) => store.transaction(() => handler.handle(event)) };
}

export function courseFixture() {
  const store = new InMemoryCourseStore();
  const videos = new InMemoryCourseVideoRepository(store);
  const counters = new InMemoryCourseCounters(store);
  const catalog = new InMemoryCourseCatalog(store);
  return {
    store,
    putCourse: new PutCourse(new InMemoryCourseRepository(store)),
    getCourse: new GetCourse(catalog),
    listCourses: new ListCourses(catalog),
    addVideo: transactional(store, new AddVideoOnVideoCreated(videos, counters)),
    updateVideo: transactional(store, new UpdateVideoOnVideoUpdated(videos, counters)),
    removeVideo: transactional(store, new RemoveVideoOnVideoDeleted(videos, counters)),
    incrementStudents: transactional(store, new IncrementStudentsOnUserEnrolled(counters)),
  };
}
