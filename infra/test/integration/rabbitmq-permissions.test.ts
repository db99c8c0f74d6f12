import { randomBytes } from 'node:crypto';
import amqp, { type ChannelModel } from 'amqplib';
import { testing } from '@course-platform/service-kit';
import { brokerPasswordOf, readDefinitions, services, type ServiceName } from '../support/platform-files';

// The definitions' permissions, tried on the real broker: each service user gets them (and its password hash)
// in a fresh vhost under a unique name, then does what the event bus does, and what it must not do.
const definitions = readDefinitions();
const run = randomBytes(4).toString('hex');
let vhost: testing.TestVhost;
const connections = new Map<ServiceName, ChannelModel>();

function userOf(service: ServiceName) {
  const name = `${service}_service`;
  const user = definitions.users.find((entry) => entry.name === name);
  const permission = definitions.permissions.find((entry) => entry.user === name);
  const topic = definitions.topic_permissions.filter((entry) => entry.user === name);
  if (!user || !permission) throw new Error(`definitions.json has no user or permission for ${name}`);
  return { name: `cpt_${run}_${name}`, user, permission, topic };
}

function connectionOf(service: ServiceName): ChannelModel {
  const connection = connections.get(service);
  if (!connection) throw new Error(`${service} is not connected`);
  return connection;
}

/** Runs an operation on a fresh channel and returns the broker's refusal, or fails if it was allowed. */
async function refusal(connection: ChannelModel, operation: (channel: amqp.ConfirmChannel) => Promise<unknown>): Promise<string> {
  const channel = await connection.createConfirmChannel();
  const closedByBroker = new Promise<string>((resolve) => channel.on('error', (error: Error) => resolve(error.message)));
  await operation(channel).catch(() => undefined);
  const outcome = await Promise.race([closedByBroker, channel.waitForConfirms().then(() => 'allowed', () => 'closed')]);
  if (outcome === 'closed') return closedByBroker;
  return outcome;
}

beforeAll(async () => {
  vhost = await testing.createTestVhost();
  const guest = await amqp.connect(vhost.url);
  const channel = await guest.createChannel();
  for (const service of services) await channel.assertQueue(`${service}.existing_queue`, { durable: true });
  await guest.close();
  for (const service of services) {
    const { name, user, permission, topic } = userOf(service);
    await vhost.admin.request('PUT', `/users/${name}`, { password_hash: user.password_hash, hashing_algorithm: user.hashing_algorithm, tags: user.tags.join(',') });
    const { configure, write, read } = permission;
    await vhost.admin.request('PUT', `/permissions/${vhost.name}/${name}`, { configure, write, read });
    for (const entry of topic) {
      await vhost.admin.request('PUT', `/topic-permissions/${vhost.name}/${name}`, { exchange: entry.exchange, write: entry.write, read: entry.read });
    }
    const url = new URL(vhost.url);
    url.username = name;
    url.password = brokerPasswordOf(service);
    const connection = await amqp.connect(url.toString());
    connection.on('error', () => undefined);
    connections.set(service, connection);
  }
});

afterAll(async () => {
  await Promise.all([...connections.values()].map((connection) => connection.close().catch(() => undefined)));
  for (const service of services) await vhost?.admin.request('DELETE', `/users/${userOf(service).name}`);
  await vhost?.drop();
});

describe.each(services)('the %s_service user', (service) => {
  const queue = `${service}.probe_on_courses_created`;
  const retry = `${queue}.retry.1000ms`;
  const deadLetter = `${queue}.dead_letter`;

  it('logs in with the password docker-compose.yml gives it and declares its topology as the bus does', async () => {
    const channel = await connectionOf(service).createChannel();
    await channel.assertExchange('videos', 'topic', { durable: true });
    await channel.assertExchange(`${service}.retry`, 'direct', { durable: true });
    await channel.assertQueue(queue, { durable: true });
    await channel.assertQueue(retry, {
      durable: true,
      arguments: { 'x-message-ttl': 1000, 'x-dead-letter-exchange': `${service}.retry`, 'x-dead-letter-routing-key': queue },
    });
    await channel.assertQueue(deadLetter, { durable: true });
    await channel.bindQueue(queue, 'videos', 'courses.created');
    for (const name of [queue, retry, deadLetter]) await channel.bindQueue(name, `${service}.retry`, name);
    await channel.close();
  });

  it('publishes its own events and republishes to its own queues through its retry exchange', async () => {
    const channel = await connectionOf(service).createConfirmChannel();
    channel.publish('videos', `${service}.probed`, Buffer.from('event'), { persistent: true });
    channel.publish(`${service}.retry`, deadLetter, Buffer.from('dead letter'), { persistent: true });
    await channel.waitForConfirms();
    const message = await channel.get(deadLetter, { noAck: true });
    expect(message && message.content.toString()).toBe('dead letter');
    await channel.close();
  });

  it.each(services.filter((other) => other !== service))('cannot read, declare or publish as %s', async (other) => {
    const connection = connectionOf(service);
    expect(await refusal(connection, (channel) => channel.get(`${other}.existing_queue`))).toMatch(/ACCESS_REFUSED.*queue '\w+\.existing_queue'/);
    expect(await refusal(connection, (channel) => channel.assertQueue(`${other}.intruder`))).toMatch(/ACCESS_REFUSED/);
    const spoofed = await refusal(connection, async (channel) => channel.publish('videos', `${other}.created`, Buffer.from('{}')));
    expect(spoofed).toMatch(new RegExp(`ACCESS_REFUSED.*topic '${other}\\.created'`));
  });

  it("lists the events exchange's bindings over the management API, and unbinds its own queues only", async () => {
    const asService = new URL(vhost.admin.url);
    asService.username = userOf(service).name;
    asService.password = brokerPasswordOf(service);
    const management = new testing.RabbitAdmin(asService.toString());
    const bindings = await management.request<Array<{ destination: string; routing_key: string }>>('GET', `/exchanges/${vhost.name}/videos/bindings/source`);
    expect(bindings).toContainEqual(expect.objectContaining({ destination: queue, routing_key: 'courses.created' }));
    const channel = await connectionOf(service).createChannel();
    await channel.unbindQueue(queue, 'videos', 'courses.created');
    await channel.bindQueue(queue, 'videos', 'courses.created');
    await channel.close();
    for (const other of services.filter((name) => name !== service)) {
      expect(await refusal(connectionOf(service), (ch) => ch.unbindQueue(`${other}.existing_queue`, 'videos', 'courses.created'))).toMatch(/ACCESS_REFUSED/);
      // The tag opens the HTTP API, not other queues: reading one is refused there as over AMQP.
      const body = { count: 1, ackmode: 'ack_requeue_true', encoding: 'auto' };
      await expect(management.request('POST', `/queues/${vhost.name}/${other}.existing_queue/get`, body)).rejects.toThrow(/40[13]/);
    }
  });

  it('cannot publish to another exchange', async () => {
    expect(await refusal(connectionOf(service), async (channel) => channel.publish('amq.topic', `${service}.x`, Buffer.from('{}')))).toMatch(
      /ACCESS_REFUSED.*exchange 'amq\.topic'/,
    );
  });
});
