import { z } from 'zod';
import { defineEvent } from './event-contract';

const title = z.string().min(1).max(200);
const description = z.string().max(5000);

export const CourseCreated = defineEvent({
  name: 'courses.created',
  version: 1,
  description: 'A course was added to the catalog.',
  schema: z.object({ courseId: z.uuid(), title, description }),
});

export const CourseUpdated = defineEvent({
  name: 'courses.updated',
  version: 1,
  description: 'A course changed; `changes` holds only the fields that changed.',
  schema: z.object({
    courseId: z.uuid(),
    changes: z
      .object({ title: title.optional(), description: description.optional() })
      .refine((changes) => Object.values(changes).some((value) => value !== undefined), 'at least one field changes'),
  }),
});
