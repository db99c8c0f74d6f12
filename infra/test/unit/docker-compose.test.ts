import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configSchemaOf, environmentOf, readCompose, repoRoot, services, type ComposeService } from '../support/platform-files';

// No Docker engine runs in CI, so the compose file is checked by reading it: what `docker compose up` needs
// to bring the platform up healthy, in order, with each service configured as its own config schema demands.
const compose = readCompose();
const infrastructure = ['postgres', 'rabbitmq', 'maildev', 'jaeger'];

function service(name: string): ComposeService {
  const entry = compose.services[name];
  if (!entry) throw new Error(`docker-compose.yml has no service ${name}`);
  return entry;
}

function mounts(name: string): Array<{ source: string; target: string }> {
  return (service(name).volumes ?? []).map((volume) => {
    const [source = '', target = ''] = volume.split(':');
    return { source, target };
  });
}

describe('docker-compose.yml', () => {
  it('runs the infrastructure and the three services', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...infrastructure, ...services].sort());
  });

  it.each(Object.keys(compose.services))('%s has a healthcheck', (name) => {
    expect(service(name).healthcheck?.test.length).toBeGreaterThan(1);
  });

  it.each(Object.keys(compose.services))('%s waits only for healthy dependencies', (name) => {
    const dependsOn = service(name).depends_on ?? {};
    expect(Array.isArray(dependsOn)).toBe(false);
    for (const dependency of Object.values(dependsOn)) expect(dependency).toEqual({ condition: 'service_healthy' });
  });

  it.each(services)('%s starts after Postgres and RabbitMQ', (name) => {
    expect(Object.keys(service(name).depends_on ?? {})).toEqual(expect.arrayContaining(['postgres', 'rabbitmq']));
  });

  it('users starts after the mail catcher it sends to', () => {
    expect(Object.keys(service('users').depends_on ?? {})).toContain('maildev');
    expect(environmentOf('users').SMTP_URL).toBe('smtp://maildev:1025');
    expect(service('maildev').ports).toEqual(expect.arrayContaining(['1080:1080', '1025:1025']));
  });

  it.each(services)('%s exports its traces to Jaeger over OTLP/HTTP, whose UI is published', (name) => {
    expect(environmentOf(name).OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://jaeger:4318');
    expect(service('jaeger').ports).toEqual(expect.arrayContaining(['4318:4318', '16686:16686']));
  });

  it.each(services)('%s is built from the one Dockerfile for its own SERVICE', (name) => {
    expect(service(name).build).toEqual({ context: '.', dockerfile: 'infra/Dockerfile', args: { SERVICE: name } });
    expect(existsSync(join(repoRoot, 'infra', 'Dockerfile'))).toBe(true);
  });

  it.each(services)('%s has an environment its own config schema accepts', (name) => {
    const result = configSchemaOf(name).safeParse(environmentOf(name));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it.each(services)('%s connects to Postgres as its own role with the password Postgres gives that role', (name) => {
    const url = new URL(environmentOf(name).DATABASE_URL ?? '');
    expect([url.hostname, url.port, url.pathname, url.username]).toEqual(['postgres', '5432', '/course_platform', `${name}_service`]);
    expect(url.password).toBe(service('postgres').environment?.[`${name.toUpperCase()}_DB_PASSWORD`]);
  });

  it.each(services)('%s connects to RabbitMQ as its own user', (name) => {
    const url = new URL(environmentOf(name).RABBITMQ_URL ?? '');
    expect([url.protocol, url.hostname, url.username]).toEqual(['amqp:', 'rabbitmq', `${name}_service`]);
  });

  it('initialises Postgres from infra/postgres with files that exist in the repo', () => {
    const found = mounts('postgres');
    expect(found.map((mount) => mount.target)).toEqual(
      expect.arrayContaining(['/docker-entrypoint-initdb.d/10-course-platform.sh', '/platform/init.sql']),
    );
    for (const { source } of found) expect(statSync(join(repoRoot, source)).isFile()).toBe(true);
    // init.sh is run by the image's entrypoint and applies init.sql from where it is mounted.
    expect(readFileSync(join(repoRoot, 'infra', 'postgres', 'init.sh'), 'utf8')).toContain('/platform/init.sql');
    expect(statSync(join(repoRoot, 'infra', 'postgres', 'init.sh')).mode & 0o111).not.toBe(0);
    expect(service('postgres').environment?.POSTGRES_DB).toBe('course_platform');
  });

  it('loads the RabbitMQ definitions from the file the config names', () => {
    const found = mounts('rabbitmq');
    for (const { source } of found) expect(statSync(join(repoRoot, source)).isFile()).toBe(true);
    const conf = found.find((mount) => mount.source.endsWith('rabbitmq.conf'));
    const definitions = found.find((mount) => mount.source.endsWith('definitions.json'));
    expect(conf?.target).toMatch(/^\/etc\/rabbitmq\/conf\.d\/.+\.conf$/);
    const loaded = /^load_definitions\s*=\s*(\S+)$/m.exec(readFileSync(join(repoRoot, conf?.source ?? ''), 'utf8'))?.[1];
    expect(loaded).toBe(definitions?.target);
    expect(service('rabbitmq').image).toMatch(/^rabbitmq:3[.\d]*-management$/);
  });
});
