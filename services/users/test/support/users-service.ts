import { messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { start, type RunningUsersService } from '../../src/main';
import { SmtpSink } from './smtp-sink';

export const { call, metricValue } = testing;

export type UsersServiceUnderTest = messagingTesting.ServiceUnderTest<RunningUsersService>;

/**
 * The real service on a random port, with its own database and vhost, a probe on its exchange, and mail
 * going to `smtpUrl` (an SmtpSink in the test process). Delays are short so retries happen within a test.
 */
export function startUsersService(smtpUrl: string, env: NodeJS.ProcessEnv = {}): Promise<UsersServiceUnderTest> {
  return messagingTesting.startServiceUnderTest(start, {
    role: 'users_service',
    env: {
      SMTP_URL: smtpUrl,
      MAIL_FROM: 'courses@platform.test',
      MAIL_POLL_INTERVAL_MS: '100',
      MAIL_RETRY_BASE_MS: '50',
      MAIL_RETRY_MAX_MS: '400',
      RETRY_DELAYS_MS: '50,100,200,400,400,400,400,400',
      ...env,
    },
  });
}

/** A mail sink and the service sending to it, stopped together. */
export async function startUsersServiceWithMail(
  env: NodeJS.ProcessEnv = {},
): Promise<{ sut: UsersServiceUnderTest; sink: SmtpSink; close(): Promise<void> }> {
  const sink = await SmtpSink.start();
  const sut = await startUsersService(sink.url, env);
  return {
    sut,
    sink,
    close: async () => {
      await sut.close();
      await sink.stop();
    },
  };
}
