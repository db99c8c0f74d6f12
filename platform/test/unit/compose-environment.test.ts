import { onThisMachine, type Compose } from '../../src/prod-check/compose-environment';

// How prod-check turns a container's environment into this machine's: only URLs naming a compose service change.
const compose: Compose = {
  services: {
    postgres: { ports: ['5432:5432'] },
    rabbitmq: { ports: ['5672:5672', '15672:15672'] },
    maildev: { ports: ['1080:1080', '127.0.0.1:2525:1025'] },
    videos: { ports: ['3001:3001'] },
  },
};
const isolation = { database: 'cpt_run', vhost: 'cpt_vhost' };

test("a database URL keeps its role and password, and points at the published port in the run's database", () => {
  expect(onThisMachine(compose, 'postgres://videos_service:s3cret@postgres:5432/course_platform', isolation)).toBe(
    'postgres://videos_service:s3cret@127.0.0.1:5432/cpt_run',
  );
});

test("a broker URL keeps its user and password, in the run's vhost", () => {
  expect(onThisMachine(compose, 'amqp://videos_service:pw@rabbitmq:5672', isolation)).toBe(
    'amqp://videos_service:pw@127.0.0.1:5672/cpt_vhost',
  );
  expect(onThisMachine(compose, 'amqp://u:p@rabbitmq', isolation)).toBe('amqp://u:p@127.0.0.1:5672/cpt_vhost');
});

test('a container port goes to the host port compose publishes it on', () => {
  expect(onThisMachine(compose, 'smtp://maildev:1025', isolation)).toBe('smtp://127.0.0.1:2525');
});

test('values that name no compose service are left as they are', () => {
  for (const value of ['info', 'videos', '3001', 'amqp://guest:guest@127.0.0.1:5672', 'courses@course-platform.local']) {
    expect(onThisMachine(compose, value, isolation)).toBe(value);
  }
});

test('a port the service does not publish fails the run, naming it', () => {
  expect(() => onThisMachine(compose, 'postgres://a:b@postgres:5433/db', isolation)).toThrow('postgres publishes no port 5433');
});
