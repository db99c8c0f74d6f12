import { serviceConfigSchema } from '@course-platform/service-kit';
import { z } from 'zod';

const milliseconds = z.coerce.number().int().min(1);

export const usersConfigSchema = serviceConfigSchema.extend({
  PORT: serviceConfigSchema.shape.PORT.default(3003),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }),
  MAIL_FROM: z.email(),
  /** How often the dispatcher looks for due emails when nothing woke it. */
  MAIL_POLL_INTERVAL_MS: milliseconds.default(1_000),
  MAIL_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(50),
  /** Backoff after a refused send: doubles from the base with every attempt, up to the cap; never gives up. */
  MAIL_RETRY_BASE_MS: milliseconds.default(1_000),
  MAIL_RETRY_MAX_MS: milliseconds.default(300_000),
});

export type UsersConfig = z.infer<typeof usersConfigSchema>;
