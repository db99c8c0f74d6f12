import { matchesPassword } from '../../rabbitmq/password-hash';
import { brokerPasswordOf, readCompose, readDefinitions, services, type ServiceName } from '../support/platform-files';

// Least privilege on the broker: a service publishes its own events to `videos`, binds its queues to any
// event, and touches no other service's queues. The regexes are read the way RabbitMQ reads them.
const definitions = readDefinitions();
const others = (service: ServiceName) => services.filter((other) => other !== service);

function permissionOf(user: string) {
  const found = definitions.permissions.filter((permission) => permission.user === user && permission.vhost === '/');
  expect(found).toHaveLength(1);
  return found[0] as (typeof found)[number];
}

const allows = (pattern: string, resource: string) => new RegExp(pattern).test(resource);

describe('infra/rabbitmq/definitions.json', () => {
  it('declares the vhost, the durable topic exchange of the events and each service\'s retry exchange', () => {
    expect(definitions.vhosts).toEqual([{ name: '/' }]);
    expect(definitions.exchanges).toEqual([
      expect.objectContaining({ name: 'videos', vhost: '/', type: 'topic', durable: true, auto_delete: false }),
      ...['videos', 'courses', 'users'].map((service) =>
        expect.objectContaining({ name: `${service}.retry`, vhost: '/', type: 'direct', durable: true, auto_delete: false }),
      ),
    ]);
  });

  it("has one user per service, the console's operator and guest for local development, nobody else", () => {
    expect(definitions.users.map((user) => user.name).sort()).toEqual(['console_operator', 'courses_service', 'guest', 'users_service', 'videos_service']);
    expect(permissionOf('guest')).toMatchObject({ configure: '.*', write: '.*', read: '.*' });
  });

  it.each(services)('the %s_service password hash matches the password docker-compose.yml uses', (service) => {
    const user = definitions.users.find((entry) => entry.name === `${service}_service`);
    // `management` lets the service list the events exchange's bindings (to find stale ones) over HTTP; its
    // permissions, the same over HTTP as over AMQP, stay what they are.
    expect(user).toMatchObject({ hashing_algorithm: 'rabbit_password_hashing_sha256', tags: ['management'] });
    expect(matchesPassword(user?.password_hash ?? '', brokerPasswordOf(service))).toBe(true);
    expect(matchesPassword(user?.password_hash ?? '', 'guest')).toBe(false);
  });

  it("console_operator's password hash matches docker-compose.yml, and its rights stop at dead letters, retry queues and retry exchanges", () => {
    const user = definitions.users.find((entry) => entry.name === 'console_operator');
    const password = decodeURIComponent(new URL(readCompose().services.console?.environment?.RABBITMQ_URL ?? '').password);
    expect(matchesPassword(user?.password_hash ?? '', password)).toBe(true);
    const rights = permissionOf('console_operator');
    expect(new RegExp(rights?.read ?? '^$').test('users.send_email_on_video_created.dead_letter')).toBe(true);
    expect(new RegExp(rights?.read ?? '^$').test('users.send_email_on_video_created')).toBe(false);
    // The journey looks for an event's copy between two attempts; it reads no handler queue nor exchange.
    expect(new RegExp(rights?.read ?? '^$').test('users.send_email_on_video_created.retry.1000ms')).toBe(true);
    expect(new RegExp(rights?.read ?? '^$').test('users.retry')).toBe(false);
    expect(new RegExp(rights?.write ?? '^$').test('courses.retry')).toBe(true);
    expect(new RegExp(rights?.write ?? '^$').test('videos')).toBe(false);
    expect(rights?.configure).toBe('^$');
  });

  describe.each(services)('%s_service', (service) => {
    const own = `${service}.send_email_on_video_created`;

    it('has exactly its permissions', () => {
      expect(permissionOf(`${service}_service`)).toEqual({
        user: `${service}_service`,
        vhost: '/',
        configure: `^(videos|${service}\\..*|amq\\.gen.*)$`,
        write: `^(videos|${service}\\..*)$`,
        read: `^(videos|${service}\\..*|amq\\.gen.*)$`,
      });
    });

    it('may declare, consume and republish to its own queues, and bind them to the events exchange', () => {
      const { configure, write, read } = permissionOf(`${service}_service`);
      for (const queue of [own, `${own}.retry.1000ms`, `${own}.dead_letter`, `${service}.retry`]) {
        expect([allows(configure, queue), allows(write, queue), allows(read, queue)]).toEqual([true, true, true]);
      }
      // exchange.declare needs configure, queue.bind read, basic.publish write on the exchange.
      expect([allows(configure, 'videos'), allows(read, 'videos'), allows(write, 'videos')]).toEqual([true, true, true]);
      // Retry and dead-letter copies go through the service's own direct exchange <service>.retry, so no
      // service may publish through the default exchange (which reaches any queue by name).
      expect(allows(write, 'amq.default')).toBe(false);
    });

    it.each(others(service))('may not touch the queues of %s', (other) => {
      const { configure, write, read } = permissionOf(`${service}_service`);
      const theirs = `${other}.add_video_on_video_created`;
      expect([allows(configure, theirs), allows(write, theirs), allows(read, theirs)]).toEqual([false, false, false]);
    });

    it('may not use other exchanges nor names that only start like its own', () => {
      const { configure, write, read } = permissionOf(`${service}_service`);
      for (const resource of ['amq.topic', 'amq.direct', 'videos_archive', `${service}x.queue`]) {
        expect([allows(configure, resource), allows(write, resource), allows(read, resource)]).toEqual([false, false, false]);
      }
    });

    it('publishes to the events exchange only the events of its own context', () => {
      const topic = definitions.topic_permissions.filter((entry) => entry.user === `${service}_service`);
      expect(topic).toEqual([{ user: `${service}_service`, vhost: '/', exchange: 'videos', write: `^${service}\\.`, read: '.*' }]);
      expect(allows(topic[0]?.write ?? '', `${service}.created`)).toBe(true);
      for (const other of others(service)) expect(allows(topic[0]?.write ?? '', `${other}.created`)).toBe(false);
    });
  });
});
