import { randomUUID } from 'node:crypto';
import { CourseUpdated } from '@course-platform/shared-kernel';
import { StoreCourseOnCourseCreated } from '../../../src/application/store-course-on-course-created';
import { UpdateCourseOnCourseUpdated } from '../../../src/application/update-course-on-course-updated';
import { InMemoryCourseCatalog } from '../../support/in-memory-course-catalog';
import { aCourseCreated } from '../../support/mothers';

function setup() {
  const courses = new InMemoryCourseCatalog();
  return { courses, created: new StoreCourseOnCourseCreated(courses), updated: new UpdateCourseOnCourseUpdated(courses) };
}

const retitled = (courseId: string, title: string) => CourseUpdated.create(courseId, { courseId, changes: { title } });

test('a created course becomes known with its title, and follows its renames', async () => {
  const { courses, created, updated } = setup();
  const event = aCourseCreated({ title: 'Old title' });
  await created.handle(event);
  await updated.handle(retitled(event.data.courseId, 'New title'));
  await updated.handle(CourseUpdated.create(event.data.courseId, { courseId: event.data.courseId, changes: { description: 'only this' } }));
  expect(await courses.find(event.data.courseId)).toEqual({ id: event.data.courseId, title: 'New title' });
});

test('a rename that overtakes the creation is kept when the creation arrives', async () => {
  const { courses, created, updated } = setup();
  const courseId = randomUUID();
  await updated.handle(retitled(courseId, 'Newer title'));
  await created.handle(aCourseCreated({ courseId, title: 'Original title' }));
  expect(await courses.find(courseId)).toEqual({ id: courseId, title: 'Newer title' });
});
