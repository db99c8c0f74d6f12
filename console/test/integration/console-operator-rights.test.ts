// docker-compose.yml runs the console as console_operator: its rights from infra/rabbitmq/definitions.json,
// tried on the real broker in a vhost of its own, are enough for the dead-letter page and the journey's look
// into retry queues, and no more.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { discardDeadLetter, findRetryingCopy, listDeadLetters, messagingTesting, replayDeadLetter, retryQueueName } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import amqp from 'amqplib';

const repoRoot = join(__dirname, '..', '..', '..');
const definitions = JSON.parse(readFileSync(join(repoRoot, 'infra', 'rabbitmq', 'definitions.json'), 'utf8')) as {
  users: Array<{ name: string; password_hash: string; hashing_algorithm: string; tags: string[] }>;
  permissions: Array<{ user: string; configure: string; write: string; read: string }>;
};
const password = /amqp:\/\/console_operator:([^@]+)@/.exec(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'))?.[1] ?? '';
const queue = 'users.probe_on_video_created';
// Declared without its delay here, so that a copy stays while the test looks.
const retryQueue = retryQueueName(queue, 1_000);
const user = `cpt_${randomBytes(4).toString('hex')}_console_operator`;
let vhost: testing.TestVhost;
let operatorUrl: string;

beforeAll(async () => {
  vhost = await testing.createTestVhost();
  const guest = await amqp.connect(vhost.url);
  const channel = await guest.createChannel();
  // What the users service declares for a handler: its queue, reached from its retry exchange, and its dead letters.
  await channel.assertExchange('videos', 'topic', { durable: true });
  await channel.assertExchange('users.retry', 'direct', { durable: true });
  await channel.assertQueue(queue, { durable: true });
  await channel.bindQueue(queue, 'users.retry', queue);
  await channel.assertQueue(`${queue}.dead_letter`, { durable: true });
  await channel.bindQueue(`${queue}.dead_letter`, 'users.retry', `${queue}.dead_letter`);
  await channel.assertQueue(retryQueue, { durable: true });
  await channel.bindQueue(retryQueue, 'users.retry', retryQueue);
  await guest.close();

  const operator = definitions.users.find((entry) => entry.name === 'console_operator');
  const rights = definitions.permissions.find((entry) => entry.user === 'console_operator');
  if (!operator || !rights) throw new Error('definitions.json has no console_operator');
  await vhost.admin.request('PUT', `/users/${user}`, { password_hash: operator.password_hash, hashing_algorithm: operator.hashing_algorithm, tags: operator.tags.join(',') });
  await vhost.admin.request('PUT', `/permissions/${vhost.name}/${user}`, { configure: rights.configure, write: rights.write, read: rights.read });
  const url = new URL(vhost.url);
  url.username = user;
  url.password = password;
  operatorUrl = url.toString();
});

afterAll(async () => {
  await vhost?.admin.request('DELETE', `/users/${user}`);
  await vhost?.drop();
});

/** A copy as the consumer leaves one, through the service's retry exchange: a dead letter or a retry. */
async function copyInto(target: string, eventId: string, headers: Record<string, unknown>): Promise<void> {
  const guest = await amqp.connect(vhost.url);
  try {
    const channel = await guest.createConfirmChannel();
    channel.publish('users.retry', target, Buffer.from(JSON.stringify({ id: eventId })), { messageId: eventId, persistent: true, headers });
    await channel.waitForConfirms();
  } finally {
    await guest.close();
  }
}

const deadLetter = (eventId: string) => copyInto(`${queue}.dead_letter`, eventId, { 'x-dead-letter-reason': 'HANDLER_FAILED', 'x-attempts': 3 });

test('console_operator lists, retries and discards dead letters with the password docker-compose.yml gives it', async () => {
  const [retried, discarded] = [randomUUID(), randomUUID()];
  await deadLetter(retried);
  await deadLetter(discarded);
  await testing.eventually(async () => expect((await listDeadLetters(operatorUrl, queue)).count).toBe(2));
  expect(await replayDeadLetter(operatorUrl, queue, retried)).toBe(true);
  expect(await discardDeadLetter(operatorUrl, queue, discarded)).toBe(true);
  expect(await messagingTesting.readyCount(vhost.url, queue)).toBe(1);
  expect(await messagingTesting.readyCount(vhost.url, `${queue}.dead_letter`)).toBe(0);
});

test("console_operator finds an event's copy in a retry queue and leaves it there", async () => {
  const eventId = randomUUID();
  await copyInto(retryQueue, eventId, { 'x-attempt': 2, 'x-last-error': 'course not known yet' });
  const copy = await testing.eventually(async () => {
    const found = await findRetryingCopy(operatorUrl, [retryQueue], eventId);
    expect(found).not.toBeNull();
    return found;
  });
  expect(copy).toMatchObject({ queue: retryQueue, nextAttempt: 2, lastError: 'course not known yet' });
  expect(await messagingTesting.readyCount(vhost.url, retryQueue)).toBe(1);
});

test('console_operator may not read a handler queue nor publish to the events exchange', async () => {
  const connection = await amqp.connect(operatorUrl);
  connection.on('error', () => undefined);
  try {
    const reading = await connection.createChannel();
    reading.on('error', () => undefined);
    await expect(reading.get(queue)).rejects.toThrow(/ACCESS_REFUSED/);
    const publishing = await connection.createConfirmChannel();
    publishing.on('error', () => undefined);
    const refused = new Promise<string>((resolve) => publishing.on('error', (error: Error) => resolve(error.message)));
    publishing.publish('videos', 'videos.created', Buffer.from('{}'));
    expect(await refused).toMatch(/ACCESS_REFUSED/);
  } finally {
    await connection.close().catch(() => undefined);
  }
});
