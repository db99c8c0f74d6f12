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
    SMTP_CONNECTION_TIMEOUT_MS: 10_000,
    SMTP_GREETING_TIMEOUT_MS: 10_000,
    SMTP_SOCKET_TIMEOUT_MS: 30_000,
    MAIL_LEASE_MS: 120_000,
  });
});

test('the delivery lease and SMTP timeouts are read from the environment', () => {
  const config = loadConfig(usersConfigSchema, { ...valid, MAIL_LEASE_MS: '20000', SMTP_CONNECTION_TIMEOUT_MS: '2000', SMTP_GREETING_TIMEOUT_MS: '2000', SMTP_SOCKET_TIMEOUT_MS: '5000' });
  expect(config).toMatchObject({ MAIL_LEASE_MS: 20_000, SMTP_CONNECTION_TIMEOUT_MS: 2_000, SMTP_GREETING_TIMEOUT_MS: 2_000, SMTP_SOCKET_TIMEOUT_MS: 5_000 });
});

test('a lease no longer than the SMTP timeouts together stops the start naming MAIL_LEASE_MS', async () => {
  const error = await thrown(() => loadConfig(usersConfigSchema, { ...valid, MAIL_LEASE_MS: '50000' }));
  expect(error).toMatchObject({ variable: 'MAIL_LEASE_MS' });
  expect((error as Error).message).toMatch(/longer than the SMTP timeouts together \(50000 ms\)/);
});

test.each([
  ['SMTP_URL', undefined, /SMTP_URL is missing/],
  ['SMTP_URL', 'http://mail.example.com', /SMTP_URL is invalid/],
  ['MAIL_FROM', undefined, /MAIL_FROM is missing/],
  ['MAIL_FROM', 'not an address', /MAIL_FROM is invalid/],
  ['MAIL_LEASE_MS', '0', /MAIL_LEASE_MS is invalid/],
  ['MAIL_LEASE_MS', '1e12', /MAIL_LEASE_MS is invalid/],
  ['MAIL_RETRY_MAX_MS', '3000000000', /MAIL_RETRY_MAX_MS is invalid/],
  ['SMTP_SOCKET_TIMEOUT_MS', 'soon', /SMTP_SOCKET_TIMEOUT_MS is invalid/],
])('%s = %p stops the start with an error naming it', async (variable, value, message) => {
  const error = await thrown(() => loadConfig(usersConfigSchema, { ...valid, [variable]: value }));
  expect(error).toBeInstanceOf(ConfigError);
  expect(error).toMatchObject({ variable });
  expect((error as Error).message).toMatch(message);
});
