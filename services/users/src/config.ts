import { serviceConfigSchema } from '@course-platform/service-kit';
import { z } from 'zod';

// At most a day: longer is a typo, and past 2^31-1 ms Node's timers fire at once instead of late.
const milliseconds = z.coerce.number().int().min(1).max(86_400_000);

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
  /** nodemailer's limits on one SMTP conversation: reaching the server, its greeting, silence on the socket. */
  SMTP_CONNECTION_TIMEOUT_MS: milliseconds.default(10_000),
  SMTP_GREETING_TIMEOUT_MS: milliseconds.default(10_000),
  SMTP_SOCKET_TIMEOUT_MS: milliseconds.default(30_000),
  /**
   * How long a claimed email stays hidden from the other replicas' dispatchers. Longer than the SMTP limits
   * together, so an email is never sent by two dispatchers at once; a crashed dispatcher's claims come back
   * when it runs out.
   */
  MAIL_LEASE_MS: milliseconds.default(120_000),
}).superRefine((config, ctx) => {
  const longestSend = config.SMTP_CONNECTION_TIMEOUT_MS + config.SMTP_GREETING_TIMEOUT_MS + config.SMTP_SOCKET_TIMEOUT_MS;
  if (config.MAIL_LEASE_MS <= longestSend) {
    ctx.addIssue({
      code: 'custom',
      path: ['MAIL_LEASE_MS'],
      message: `must be longer than the SMTP timeouts together (${longestSend} ms), or two replicas may send one email`,
    });
  }
});

export type UsersConfig = z.infer<typeof usersConfigSchema>;
