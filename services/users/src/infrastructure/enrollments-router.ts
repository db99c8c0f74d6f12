import { defineRoute, type Route } from '@course-platform/service-kit';
import { z } from 'zod';
import type { EnrollUser } from '../application/enroll-user';
import type { ListEnrollments } from '../application/list-enrollments';
import type { Enrollment } from '../domain/enrollment';
import { userParams } from './users-router';

const enrollmentSchema = z.object({ userId: z.uuid(), courseId: z.uuid(), enrolledAt: z.iso.datetime() });

const toJson = (enrollment: Enrollment) => ({
  userId: enrollment.userId.value,
  courseId: enrollment.courseId.value,
  enrolledAt: enrollment.enrolledAt.toISOString(),
});

export function enrollmentsRouter(useCases: { enrollUser: EnrollUser; listEnrollments: ListEnrollments }): Route[] {
  return [
    defineRoute({
      method: 'put',
      path: '/users/:id/enrollments/:courseId',
      summary: 'Enroll a student in a course (idempotent)',
      tag: 'enrollments',
      params: z.object({ id: z.uuid(), courseId: z.uuid() }),
      responses: {
        201: { description: 'Enrolled; users.enrolled is published', schema: enrollmentSchema },
        200: { description: 'Already enrolled (no event)', schema: enrollmentSchema },
        400: { description: 'The request is not valid' },
        404: {
          description: 'USER_NOT_FOUND, or COURSE_NOT_FOUND: the course is unknown here, or its courses.created has not arrived yet (retry later)',
        },
      },
      async handle({ params }) {
        const { outcome, enrollment } = await useCases.enrollUser.execute({ userId: params.id, courseId: params.courseId });
        return { status: outcome === 'enrolled' ? 201 : 200, body: toJson(enrollment) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/users/:id/enrollments',
      summary: "A student's enrollments, oldest first",
      tag: 'enrollments',
      params: userParams,
      responses: {
        200: { description: 'The enrollments', schema: z.object({ items: z.array(enrollmentSchema) }) },
        404: { description: 'USER_NOT_FOUND' },
      },
      async handle({ params }) {
        const enrollments = await useCases.listEnrollments.execute(params.id);
        return { status: 200, body: { items: enrollments.map(toJson) } };
      },
    }),
  ];
}
