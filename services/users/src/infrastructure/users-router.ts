import { defineRoute, type Route } from '@course-platform/service-kit';
import { z } from 'zod';
import type { GetUser } from '../application/get-user';
import type { RegisterUser } from '../application/register-user';
import type { User } from '../domain/user';

export const userParams = z.object({ id: z.uuid() });

const userBody = z.object({
  name: z.string().trim().min(1).max(100),
  username: z.string().regex(/^[a-z0-9_.-]{3,30}$/, '3 to 30 characters of a-z, 0-9, "_", "." or "-"'),
  email: z.email().max(254),
});

const userSchema = z.object({ id: z.uuid(), name: z.string(), username: z.string(), email: z.email() });

const toJson = (user: User) => ({ id: user.id.value, ...user.details() });

export function usersRouter(useCases: { registerUser: RegisterUser; getUser: GetUser }): Route[] {
  return [
    defineRoute({
      method: 'put',
      path: '/users/:id',
      summary: 'Register a student, or update their details (idempotent)',
      tag: 'users',
      params: userParams,
      body: userBody,
      responses: {
        201: { description: 'Registered; users.registered is published', schema: userSchema },
        200: { description: 'Already registered; the details are stored as sent (no event)', schema: userSchema },
        400: { description: 'The request is not valid' },
        409: { description: 'USERNAME_TAKEN: another user has this username' },
        422: { description: 'A value is not acceptable' },
      },
      async handle({ params, body }) {
        const { outcome, user } = await useCases.registerUser.execute({ id: params.id, ...body });
        return { status: outcome === 'registered' ? 201 : 200, body: toJson(user) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/users/:id',
      summary: 'A student',
      tag: 'users',
      params: userParams,
      responses: {
        200: { description: 'The student', schema: userSchema },
        404: { description: 'USER_NOT_FOUND' },
      },
      async handle({ params }) {
        return { status: 200, body: toJson(await useCases.getUser.execute(params.id)) };
      },
    }),
  ];
}
