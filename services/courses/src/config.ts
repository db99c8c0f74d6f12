import { serviceConfigSchema } from '@course-platform/service-kit';

export const coursesConfigSchema = serviceConfigSchema.extend({
  PORT: serviceConfigSchema.shape.PORT.default(3002),
});

/** The service's own schema, and where its migration table lives. */
export const COURSES_SCHEMA = 'courses';
export const SERVICE_NAME = 'courses';
