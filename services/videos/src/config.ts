import { serviceConfigSchema } from '@course-platform/service-kit';
import { type z } from 'zod';

export const videosConfigSchema = serviceConfigSchema.extend({
  PORT: serviceConfigSchema.shape.PORT.default(3001),
});

export type VideosConfig = z.infer<typeof videosConfigSchema>;

/** The service's own schema, and where its migration table lives. */
export const VIDEOS_SCHEMA = 'videos';
export const SERVICE_NAME = 'videos';
