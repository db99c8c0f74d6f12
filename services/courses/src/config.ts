import { serviceConfigSchema } from '@course-platform/service-kit';
import { z } from 'zod';

export const coursesConfigSchema = serviceConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3002),
});

/** The service's own schema, and where its migration table lives. */
export const COURSES_SCHEMA = 'courses';
export const SERVICE_NAME = 'courses';
