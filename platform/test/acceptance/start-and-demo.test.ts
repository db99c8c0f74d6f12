import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { testing } from '@course-platform/service-kit';

// `make start` then `pnpm demo`, as a newcomer runs them, in a database and vhost of this test's own.

function run(script: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--conditions=source', '-r', 'ts-node/register', join(__dirname, '../../src/cli', script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that a failed test can take the services it started down with it.
    detached: true,
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

let db: testing.TestDatabase;
let vhost: testing.TestVhost;
let platform: ReturnType<typeof run> | undefined;

beforeAll(async () => {
  vhost = await testing.createTestVhost();
  db = await testing.createTestDatabase();
});
afterAll(async () => {
  const pid = platform?.child.pid;
  if (pid && platform?.child.exitCode === null) process.kill(-pid, 'SIGKILL');
  await vhost.drop();
  await db.drop();
});

test('the platform starts with its console, the demo passes against it, and Ctrl-C stops every service gracefully', async () => {
  const smtpPort = await testing.freePort();
  const consolePort = await testing.freePort();
  // Real environment variables win over .env and .env.example, as they would for a user.
  const env = {
    PLATFORM_DATABASE: db.name,
    VIDEOS_DATABASE_URL: db.urlFor('videos_service'),
    COURSES_DATABASE_URL: db.urlFor('courses_service'),
    USERS_DATABASE_URL: db.urlFor('users_service'),
    RABBITMQ_URL: vhost.url,
    VIDEOS_PORT: String(await testing.freePort()),
    COURSES_PORT: String(await testing.freePort()),
    USERS_PORT: String(await testing.freePort()),
    MAILDEV_SMTP_PORT: String(smtpPort),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAILDEV_WEB_PORT: String(await testing.freePort()),
    CONSOLE_PORT: String(consolePort),
    LOG_LEVEL: 'warn',
  };
  platform = run('start-platform.ts', env);
  await testing.eventually(() => {
    if (platform!.child.exitCode !== null) throw new Error(`start exited: ${platform!.output()}`);
    return platform!.output().includes('all services ready');
  }, { timeoutMs: 60_000 });

  await testing.eventually(() => expect(platform!.output()).toContain(`console  http://127.0.0.1:${consolePort}`), { timeoutMs: 60_000 });
  const overview = await fetch(`http://127.0.0.1:${consolePort}/`);
  expect(overview.status).toBe(200);
  expect(await overview.text()).toContain('<h1>Overview</h1>');

  const demo = run('demo.ts', env);
  const [demoCode] = await once(demo.child, 'exit');
  expect(demo.output()).toContain('12 passed, 0 failed');
  expect(demoCode).toBe(0);

  platform.child.kill('SIGINT');
  const [code] = await once(platform.child, 'exit');
  expect(platform.output()).toContain('stopped (exit codes 0, 0, 0)');
  expect(code).toBe(0);
});
