import { serviceConfigSchema } from '@course-platform/service-kit';
import { z } from 'zod';

export const videosConfigSchema = serviceConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
});

export type VideosConfig = z.infer<typeof videosConfigSchema>;

/** The service's own schema, and where its migration table lives. */
export const VIDEOS_SCHEMA = 'videos';
export const SERVICE_NAME = 'videos';
