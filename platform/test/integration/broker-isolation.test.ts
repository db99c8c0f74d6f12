import { randomUUID } from 'node:crypto';
import { subscriptions as coursesSubscriptions } from '@course-platform/courses';
import { bindingsFrom, deadLetterQueueName, listDeadLetters, messagingTesting, retryExchangeName, topologyOf, type Subscription } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { VideoCreated } from '@course-platform/shared-kernel';
import { subscriptions as usersSubscriptions } from '@course-platform/users';
import { subscriptions as videosSubscriptions } from '@course-platform/videos';
import amqp, { type ChannelModel } from 'amqplib';
import { platformExchange, platformSubscriptions } from '../../src/platform-subscriptions';
import { staleBindingsReport } from '../../src/stale-bindings-report';
import { outcomeOf } from '../support/broker-refusal';
import { createBrokerUser, deleteBrokerUser, type BrokerUser } from '../support/broker-users';
import { mailEnv, startInProcess, type InProcessService, type ServiceName } from '../support/in-process-services';

// Each service's RabbitMQ user as infra/rabbitmq/definitions.json defines it: the real services run on it and
// do all their work (declare, consume, publish, retry, dead-letter), and it cannot touch another's queues nor
// publish anywhere but the events exchange.

const services: ServiceName[] = ['videos', 'courses', 'users'];
const subscriptionsOf: Record<ServiceName, readonly Subscription[]> = { videos: videosSubscriptions, courses: coursesSubscriptions, users: usersSubscriptions };
const RETRY_DELAYS_MS = [100, 200, 400];
const queuesOf = (service: ServiceName) => topologyOf(subscriptionsOf[service], { exchange: platformExchange, retryDelaysMs: RETRY_DELAYS_MS }).queues.map((q) => q.name);
const others = (service: ServiceName) => services.filter((other) => other !== service);
// Left by a handler of courses that was removed, and by one of users that no longer takes videos.updated.
const staleOnStart = [
  { queue: 'courses.retired_on_video_created', routingKey: 'videos.created' },
  { queue: 'users.send_email_on_video_created', routingKey: 'videos.updated' },
];

let db: testing.TestDatabase;
let vhost: testing.TestVhost;
let sink: testing.SmtpSink;
const users = new Map<ServiceName, BrokerUser>();
const running = new Map<ServiceName, InProcessService>();
const connections = new Map<ServiceName, ChannelModel>();
let staleBeforeStart: string;
const management = () => ({ url: vhost.admin.url, amqpUrl: vhost.url });

/** What an older version of the platform left on the broker: two bindings no handler of today declares. */
async function leaveStaleBindings(): Promise<void> {
  const guest = await amqp.connect(vhost.url);
  const channel = await guest.createChannel();
  await channel.assertExchange(platformExchange, 'topic', { durable: true });
  for (const { queue, routingKey } of staleOnStart) {
    await channel.assertQueue(queue, { durable: true });
    await channel.bindQueue(queue, platformExchange, routingKey);
  }
  await guest.close();
  await messagingTesting.publishRaw(vhost.url, platformExchange, 'videos.created', '{"for": "an operator to drain"}');
}

function of<T>(map: Map<ServiceName, T>, service: ServiceName): T {
  const value = map.get(service);
  if (value === undefined) throw new Error(`nothing for ${service}`);
  return value;
}

async function call(service: ServiceName, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${of(running, service).baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  db = await testing.createTestDatabase();
  vhost = await testing.createTestVhost();
  sink = await testing.SmtpSink.start();
  for (const service of services) users.set(service, await createBrokerUser(vhost, service));
  await leaveStaleBindings();
  staleBeforeStart = await staleBindingsReport(platformSubscriptions, { exchange: platformExchange }, management());
  // No user in the management URL: each service asks the management API as its own broker user.
  const managementUrl = new URL(vhost.admin.url);
  managementUrl.username = '';
  managementUrl.password = '';
  for (const service of services) {
    const env = {
      RABBITMQ_URL: of(users, service).url,
      RABBITMQ_MANAGEMENT_URL: managementUrl.toString(),
      RETRY_DELAYS_MS: RETRY_DELAYS_MS.join(','),
      ...(service === 'users' ? mailEnv(sink.url) : {}),
    };
    running.set(service, await startInProcess(service, db, vhost, env));
  }
  for (const service of services) {
    const connection = await amqp.connect(of(users, service).url);
    connection.on('error', () => undefined);
    connections.set(service, connection);
  }
});

afterAll(async () => {
  for (const connection of connections.values()) await connection.close().catch(() => undefined);
  for (const service of running.values()) await service.stop();
  for (const user of users.values()) await deleteBrokerUser(vhost, user);
  await sink?.stop();
  await vhost?.drop();
  await db?.drop();
});

describe('the services, each on its own broker user', () => {
  it('declare their whole topology and consume every handler queue', async () => {
    const guest = await amqp.connect(vhost.url);
    try {
      const channel = await guest.createChannel();
      for (const service of services) {
        for (const { queue } of subscriptionsOf[service]) expect((await channel.checkQueue(queue)).consumerCount).toBeGreaterThanOrEqual(1);
        for (const queue of queuesOf(service)) await channel.checkQueue(queue);
      }
    } finally {
      await guest.close();
    }
  });

  it('unbind at start, each as its own user, the stale bindings of their own queues, and leave the queues', async () => {
    // `make topology` listed them before the services started.
    for (const { queue, routingKey } of staleOnStart) expect(staleBeforeStart).toContain(`  ${queue}  ${routingKey}`);
    const left = (await bindingsFrom(management(), platformExchange)).map((b) => `${b.destination} ${b.routing_key}`);
    for (const { queue, routingKey } of staleOnStart) expect(left).not.toContain(`${queue} ${routingKey}`);
    expect(left).toContain('users.send_email_on_video_created videos.created');
    expect(await messagingTesting.readyCount(vhost.url, 'courses.retired_on_video_created')).toBe(1);
    expect(await staleBindingsReport(platformSubscriptions, { exchange: platformExchange }, management())).toBe(
      `stale bindings on exchange ${platformExchange} of vhost ${vhost.name}: none`,
    );
  });

  it("publish their events to the exchange and consume each other's", async () => {
    const courseId = randomUUID();
    const student = { id: randomUUID(), email: `s.${randomUUID().slice(0, 8)}@example.com` };
    expect((await call('courses', 'PUT', `/courses/${courseId}`, { title: 'Least privilege', description: '' })).status).toBe(201);
    expect((await call('users', 'PUT', `/users/${student.id}`, { name: 'Sam', username: `sam_${student.id.slice(0, 8)}`, email: student.email })).status).toBe(201);
    // courses.created travels courses -> users; users.enrolled users -> courses; videos.created videos -> both.
    await testing.eventually(async () => expect((await call('users', 'PUT', `/users/${student.id}/enrollments/${courseId}`)).status).toBe(201));
    await testing.eventually(async () => expect((await call('courses', 'GET', `/courses/${courseId}`)).body).toMatchObject({ studentCount: 1 }));
    const videoId = randomUUID();
    expect((await call('videos', 'PUT', `/videos/${videoId}`, { title: 'Permissions', description: '', courseId, durationSeconds: 60 })).status).toBe(201);
    await testing.eventually(async () => expect((await call('courses', 'GET', `/courses/${courseId}`)).body).toMatchObject({ videos: [{ videoId }] }));
    await testing.eventually(() => expect(sink.received.filter((mail) => mail.to.includes(student.email))).toHaveLength(1));
  });

  it('send a failing message down their own retry queues and into their own dead-letter queues', async () => {
    const courseId = randomUUID(); // a course nobody knows: both consumers of videos.created fail and retry
    const event = VideoCreated.create(randomUUID(), { videoId: randomUUID(), courseId, title: 'Orphan', description: '', durationSeconds: 5, revision: 1 });
    const envelope = { ...event, meta: { correlationId: randomUUID(), causationId: null, producer: 'videos' } };
    await messagingTesting.publishRaw(vhost.url, platformExchange, event.type, envelope, { messageId: event.id, type: event.type });
    for (const queue of ['courses.add_video_on_video_created', 'users.send_email_on_video_created']) {
      const report = await testing.eventually(async () => {
        const found = await listDeadLetters(vhost.url, queue);
        expect(found.messages.map((m) => m.messageId)).toContain(event.id);
        return found;
      });
      expect(report.messages.find((m) => m.messageId === event.id)).toMatchObject({ reason: 'HANDLER_FAILED', attempts: RETRY_DELAYS_MS.length + 1 });
    }
  });
});

describe.each(services)('the %s_service user', (service) => {
  const connection = () => of(connections, service);

  it.each(others(service))('cannot read, consume or declare any queue of %s', async (other) => {
    for (const queue of queuesOf(other)) {
      expect(await outcomeOf(connection(), (channel) => channel.get(queue))).toMatch(/ACCESS_REFUSED/);
      expect(await outcomeOf(connection(), (channel) => channel.consume(queue, () => undefined))).toMatch(/ACCESS_REFUSED/);
    }
    expect(await outcomeOf(connection(), (channel) => channel.assertQueue(`${other}.intruder_on_videos_created`))).toMatch(/ACCESS_REFUSED/);
  });

  it('cannot publish to any exchange but the events exchange', async () => {
    const guest = await amqp.connect(vhost.url);
    await (await guest.createChannel()).assertExchange('archive', 'topic', { durable: false, autoDelete: true });
    for (const exchange of ['amq.topic', 'amq.direct', 'amq.fanout', 'amq.headers', 'archive']) {
      expect(await outcomeOf(connection(), (channel) => channel.publish(exchange, `${service}.created`, Buffer.from('{}')))).toMatch(/ACCESS_REFUSED/);
    }
    await guest.close();
  });

  it("publishes its own context's events to the events exchange, and no other context's", async () => {
    expect(await outcomeOf(connection(), (channel) => channel.publish(platformExchange, `${service}.probed`, Buffer.from('{}')))).toBe('allowed');
    for (const other of others(service)) {
      expect(await outcomeOf(connection(), (channel) => channel.publish(platformExchange, `${other}.created`, Buffer.from('{}')))).toMatch(/ACCESS_REFUSED/);
    }
  });

  it('republishes to its own retry and dead-letter queues through its retry exchange', async () => {
    const [queue] = subscriptionsOf[service].map((s) => s.queue) as [string];
    const deadLetters = deadLetterQueueName(queue);
    const messageId = randomUUID();
    const publish = (channel: amqp.Channel) => channel.publish(retryExchangeName(queue), deadLetters, Buffer.from('{}'), { messageId, persistent: true });
    expect(await outcomeOf(connection(), publish)).toBe('allowed');
    const found = await messagingTesting.drainQueue(vhost.url, deadLetters);
    expect(found.map((m) => m.messageId)).toContain(messageId);
  });

  it('cannot put a message into any queue through the default exchange', async () => {
    const [queue] = subscriptionsOf[service].map((s) => s.queue) as [string];
    const outcome = await outcomeOf(connection(), (channel) => channel.publish('', deadLetterQueueName(queue), Buffer.from('{}'), { persistent: true }));
    expect(outcome).toMatch(/ACCESS_REFUSED/);
  });

  it.each(others(service))("cannot put a message into a queue of %s through that service's retry exchange", async (other) => {
    const [queue] = subscriptionsOf[other].map((s) => s.queue) as [string];
    const outcome = await outcomeOf(connection(), (channel) => channel.publish(retryExchangeName(queue), deadLetterQueueName(queue), Buffer.from('{}'), { persistent: true }));
    await messagingTesting.drainQueue(vhost.url, deadLetterQueueName(queue));
    expect(outcome).toMatch(/ACCESS_REFUSED/);
  });
});
