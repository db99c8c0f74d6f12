import { z } from 'zod';
import { defineEvent } from './event-contract';

export const UserRegistered = defineEvent({
  name: 'users.registered',
  version: 1,
  description: 'A student registered.',
  schema: z.object({
    userId: z.uuid(),
    name: z.string().min(1).max(100),
    username: z.string().regex(/^[a-z0-9_.-]{3,30}$/),
    email: z.email(),
  }),
});

export const UserEnrolled = defineEvent({
  name: 'users.enrolled',
  version: 1,
  description: 'A student enrolled in a course.',
  schema: z.object({ userId: z.uuid(), courseId: z.uuid(), enrolledAt: z.iso.datetime() }),
});
