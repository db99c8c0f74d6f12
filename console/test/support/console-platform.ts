// The three services in this process, sharing one database and vhost, an SMTP sink, and the console in
// front of them: what the console's browser tests and the screenshot script run against.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start as startCourses } from '@course-platform/courses';
import { testing } from '@course-platform/service-kit';
import { start as startUsers } from '@course-platform/users';
import { start as startVideos } from '@course-platform/videos';
import { start as startConsole } from '../../src/main';

export const ADMIN_TOKEN = 'console-test-admin-token-0123456789';

export interface ConsolePlatform {
  consoleUrl: string;
  url: { videos: string; courses: string; users: string };
  /** Another console on the same platform with no ADMIN_TOKEN: read-only. */
  readOnlyConsoleUrl: string;
  /** The platform's vhost, as an administrator: where a test publishes what no service would. */
  brokerUrl: string;
  sink: testing.SmtpSink;
  stop(): Promise<void>;
}

const managementUrl = process.env.TEST_RABBITMQ_MANAGEMENT_URL ?? 'http://guest:guest@127.0.0.1:15672';

/** `env` reaches every service: e.g. other RETRY_DELAYS_MS than the dead-letter tests' short ones. */
export async function startConsolePlatform(env: NodeJS.ProcessEnv = {}): Promise<ConsolePlatform> {
  const db = await testing.createTestDatabase();
  const vhost = await testing.createTestVhost();
  const sink = await testing.SmtpSink.start();
  const auditFolder = mkdtempSync(join(tmpdir(), 'console-audit-'));
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
    await sink.stop();
    await vhost.drop();
    await db.drop();
    rmSync(auditFolder, { recursive: true, force: true });
  };
  try {
    // Short retry delays: a video before its course is dead-lettered within a second.
    const common = { ADMIN_TOKEN, RETRY_DELAYS_MS: '100,200', ...env };
    const service = async <S extends { port: number; stop(): Promise<void> }>(start: (env: NodeJS.ProcessEnv) => Promise<S>, role: string, env: NodeJS.ProcessEnv = {}) => {
      const running = await testing.startTestService(start, { role, db, vhost, env: { ...common, ...env } });
      stops.push(running.close);
      return running.baseUrl;
    };
    const url = {
      videos: await service(startVideos, 'videos_service'),
      courses: await service(startCourses, 'courses_service'),
      users: await service(startUsers, 'users_service', { SMTP_URL: sink.url, MAIL_FROM: 'courses@platform.test', MAIL_POLL_INTERVAL_MS: '100' }),
    };
    const consoleEnv = (token: NodeJS.ProcessEnv, audit: string): NodeJS.ProcessEnv => ({
      PORT: '0',
      VIDEOS_URL: url.videos,
      COURSES_URL: url.courses,
      USERS_URL: url.users,
      RABBITMQ_URL: vhost.url,
      RABBITMQ_MANAGEMENT_URL: managementUrl,
      AUDIT_LOG_FILE: join(auditFolder, audit),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...token,
    });
    const operated = await startConsole(consoleEnv({ ADMIN_TOKEN }, 'audit.jsonl'));
    stops.push(() => operated.stop());
    const readOnly = await startConsole(consoleEnv({}, 'read-only-audit.jsonl'));
    stops.push(() => readOnly.stop());
    return {
      consoleUrl: `http://127.0.0.1:${operated.port}`,
      readOnlyConsoleUrl: `http://127.0.0.1:${readOnly.port}`,
      brokerUrl: vhost.url,
      url,
      sink,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
