import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { testing } from '@course-platform/service-kit';
import { messagingTesting } from '../../src';
import { createHarness, recordingHandler, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.cleanup());

const queue = 'courses.slow_on_video_created';

test('SIGTERM while handlers run: in-flight messages finish and are acked, the rest stay queued, none is lost', async () => {
  const child = spawn(process.execPath, ['--conditions=source', '-r', 'ts-node/register', join(__dirname, '../fixtures/slow-consumer.ts')], {
    env: { ...process.env, DATABASE_URL: h.databaseUrl, RABBITMQ_URL: h.vhost.url, QUEUE: queue, WORK_MS: '300' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await testing.eventually(() => output.includes('ready'), { timeoutMs: 20_000 });

  await h.startBus([]); // a producer only
  const ids = await h.commitEvents(30, 30);
  await testing.eventually(async () => (await h.appliedCount(queue)).rows >= 1);
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');

  expect(code).toBe(0);
  const applied = (await h.appliedCount(queue)).rows;
  expect(applied).toBeLessThan(30);
  // Every applied message was acked (else it would be back on the queue) and every other one is still there.
  expect(await messagingTesting.readyCount(h.vhost.url, queue)).toBe(30 - applied);

  await h.startBus([recordingHandler(queue)]);
  await testing.eventually(async () => expect(await h.appliedCount(queue)).toEqual({ rows: 30, distinct: 30 }));
  expect(new Set(await h.knex('applied').where({ handler: queue }).pluck('event_id'))).toEqual(new Set(ids));
});
