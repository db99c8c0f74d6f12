import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configSchemaOf, environmentOf, readCompose, repoRoot, services, type ComposeService } from '../support/platform-files';

// No Docker engine runs in CI, so the compose file is checked by reading it: what `docker compose up` needs
// to bring the platform up healthy, in order, with each service configured as its own config schema demands.
const compose = readCompose();
const infrastructure = ['postgres', 'rabbitmq', 'maildev', 'jaeger'];
const clusterNodes = ['rabbitmq-cluster-1', 'rabbitmq-cluster-2', 'rabbitmq-cluster-3'];

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
  it('runs the infrastructure, the three services and the console, and a 3-node RabbitMQ cluster only in the cluster profile', () => {
    const inProfile = (name: string) => (service(name).profiles ?? []).length > 0;
    expect(Object.keys(compose.services).filter((name) => !inProfile(name)).sort()).toEqual([...infrastructure, ...services, 'console'].sort());
    expect(Object.keys(compose.services).filter(inProfile).sort()).toEqual(clusterNodes);
    for (const name of clusterNodes) expect(service(name).profiles).toEqual(['cluster']);
  });

  it('forms the cluster by classic config peer discovery of its nodes, which share an Erlang cookie and the definitions', () => {
    const conf = readFileSync(join(repoRoot, 'infra', 'rabbitmq', 'cluster.conf'), 'utf8');
    expect(conf).toMatch(/^cluster_formation\.peer_discovery_backend = classic_config$/m);
    const listed = [...conf.matchAll(/^cluster_formation\.classic_config\.nodes\.\d+ = rabbit@(\S+)$/gm)].map((match) => match[1]);
    expect(listed).toEqual(clusterNodes.map((name) => service(name).hostname));
    const cookies = clusterNodes.map((name) => service(name).environment?.RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS);
    expect(new Set(cookies).size).toBe(1);
    expect(cookies[0]).toMatch(/-setcookie \S+/);
    for (const name of clusterNodes) {
      expect(service(name).environment?.RABBITMQ_CTL_ERL_ARGS).toBe(cookies[0]);
      expect(mounts(name).map((mount) => mount.target)).toEqual(expect.arrayContaining(['/etc/rabbitmq/definitions.json', '/etc/rabbitmq/conf.d/30-cluster.conf']));
      expect(service(name).image).toBe(service('rabbitmq').image);
    }
    expect(clusterNodes.map((name) => service(name).ports?.[0])).toEqual(['5681:5672', '5682:5672', '5683:5672']);
  });

  it("publishes the console on the host's loopback only, with the token the services expect", () => {
    expect(service('console').ports).toEqual(['127.0.0.1:3000:3000']);
    expect(service('console').build).toEqual({ context: '.', dockerfile: 'infra/Dockerfile', args: { SERVICE: 'console' } });
    for (const name of services) expect(environmentOf(name).ADMIN_TOKEN).toBe(environmentOf('console').ADMIN_TOKEN);
    expect(new URL(environmentOf('console').RABBITMQ_URL ?? '').username).toBe('console_operator');
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
