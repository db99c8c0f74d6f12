import { ConfigError, loadConfig } from '@course-platform/service-kit';
import { usersConfigSchema } from '../../src/config';
import { thrown } from '../support/thrown';

const valid = {
  DATABASE_URL: 'postgres://users_service@127.0.0.1:5432/course_platform',
  RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  MAIL_FROM: 'courses@example.com',
};

test('defaults: port 3003 and the mail delivery settings', () => {
  expect(loadConfig(usersConfigSchema, valid)).toMatchObject({
    PORT: 3003,
    SMTP_URL: 'smtp://127.0.0.1:1025',
    MAIL_FROM: 'courses@example.com',
    MAIL_POLL_INTERVAL_MS: 1_000,
    MAIL_BATCH_SIZE: 50,
    MAIL_RETRY_BASE_MS: 1_000,
    MAIL_RETRY_MAX_MS: 300_000,
  });
});

test.each([
  ['SMTP_URL', undefined, /SMTP_URL is missing/],
  ['SMTP_URL', 'http://mail.example.com', /SMTP_URL is invalid/],
  ['MAIL_FROM', undefined, /MAIL_FROM is missing/],
  ['MAIL_FROM', 'not an address', /MAIL_FROM is invalid/],
])('%s = %p stops the start with an error naming it', async (variable, value, message) => {
  const error = await thrown(() => loadConfig(usersConfigSchema, { ...valid, [variable]: value }));
  expect(error).toBeInstanceOf(ConfigError);
  expect(error).toMatchObject({ variable });
  expect((error as Error).message).toMatch(message);
});
