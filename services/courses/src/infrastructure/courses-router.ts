import { checkedBy, defineRoute, pageCursor, type Route } from '@course-platform/service-kit';
import { CourseCreated } from '@course-platform/shared-kernel';
import { z } from 'zod';
import type { GetCourse } from '../application/get-course';
import { MAX_PAGE_SIZE, type ListCourses } from '../application/list-courses';
import type { PutCourse } from '../application/put-course';
import { CourseDescription } from '../domain/course-description';
import { CourseTitle } from '../domain/course-title';
import { courseJson, coursePageJson, courseViewJson } from './course-json';

const tag = 'courses';
const idParams = z.object({ id: z.uuid() });

// The contract's own field schemas, so the edge never accepts what a courses.created could not carry.
const { title, description } = CourseCreated.schema.shape;
const courseBody = z.object({
  title: title.superRefine(checkedBy((v) => new CourseTitle(v))).meta({ description: '1 to 200 characters, trimmed' }),
  description: description.superRefine(checkedBy((v) => new CourseDescription(v))).meta({ description: 'up to 5,000 characters' }),
});

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  cursor: pageCursor,
});

const problems = {
  400: { description: 'the request does not match the schema (VALIDATION_FAILED)' },
  404: { description: 'no such course (COURSE_NOT_FOUND)' },
};

export interface CoursesUseCases {
  putCourse: PutCourse;
  getCourse: GetCourse;
  listCourses: ListCourses;
}

export function coursesRoutes(useCases: CoursesUseCases): Route[] {
  return [
    defineRoute({
      method: 'put',
      path: '/courses/:id',
      summary: 'Create a course, or change it',
      tag,
      params: idParams,
      body: courseBody,
      responses: {
        201: { description: 'created; publishes courses.created', schema: courseJson },
        200: { description: 'changed (publishes courses.updated), or already as sent (publishes nothing)', schema: courseJson },
        400: problems[400],
        409: { description: 'COURSE_CONCURRENTLY_MODIFIED: other writers kept winning; retry' },
        422: { description: 'a value breaks a domain rule' },
      },
      handle: async ({ params, body }) => {
        const { outcome, course } = await useCases.putCourse.execute({ id: params.id, ...body });
        if (outcome === 'created') return { status: 201, body: course, headers: { location: `/courses/${course.id}` } };
        return { status: 200, body: course };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/courses/:id',
      summary: 'Read a course with its videos and counters',
      tag,
      params: idParams,
      responses: { 200: { description: 'the course', schema: courseViewJson }, ...problems },
      handle: async ({ params }) => ({ status: 200, body: await useCases.getCourse.execute(params.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/courses',
      summary: 'List courses, oldest first, one keyset page at a time (without their video lists)',
      tag,
      query: pageQuery,
      responses: {
        200: { description: 'a page; nextCursor is null on the last one', schema: coursePageJson },
        400: problems[400],
        422: { description: 'INVALID_CURSOR' },
      },
      handle: async ({ query }) => ({ status: 200, body: await useCases.listCourses.execute(query) }),
    }),
  ];
}
