// `make prod-check`: what infra/Dockerfile builds, run for real where no Docker engine runs. The image's own
// build steps (infra/docker/build-service.sh) in a copy of the build context; the three deployed folders
// started with the image's command, environment and health check, configured by docker-compose.yml itself
// against this machine's Postgres and RabbitMQ (set up by infra/'s own files) and a maildev where compose's
// would be; the console built and started the same way, beside them; `make demo` against them; what the
// console shows of them; a graceful SIGTERM. Whatever happens, it removes all it created.
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, testing } from '@course-platform/service-kit';
import { CleanupStack } from '../faults/cleanup-stack';
import { ChildService } from '../launcher/child-service';
import { logTail } from '../launcher/log-lines';
import { startMailCatcher } from '../launcher/mail-catcher';
import type { ConsoleLaunch, ServiceLaunch } from '../launcher/platform-env';
import { buildImages } from '../prod-check/build-images';
import { Commands } from '../prod-check/commands';
import { loadDefinitions } from '../prod-check/compose-broker';
import { assertRolePassword, createEmptyDatabase, runInitScript } from '../prod-check/compose-database';
import { assertConsoleSeesThePlatform } from '../prod-check/console-check';
import {
  environmentOf,
  environmentOnThisMachine,
  publishedPort,
  readCompose,
  type Compose,
  type Isolation,
} from '../prod-check/compose-environment';
import { readImageRecipe, type ImageRecipe } from '../prod-check/image-recipe';
import { assertPortsFree } from '../prod-check/ports';
import { runDemo } from '../prod-check/run-demo';

const serviceNames = ['videos', 'courses', 'users'] as const;
/** What infra/Dockerfile builds: the services and the console. */
const imageNames = [...serviceNames, 'console'] as const;
/** The ports the maildev image listens on, which docker-compose.yml publishes. */
const MAILDEV_PORTS = { smtp: 1025, web: 1080 };
const deadlineMs = Number(process.env.PROD_CHECK_DEADLINE_MS ?? 15 * 60_000);

const t0 = Date.now();
const say = (line: string) => console.log(`[prod-check ${((Date.now() - t0) / 1_000).toFixed(1).padStart(5)} s] ${line}`);
const commands = new Commands((line) => console.log(`    ${line}`));

/** Where compose publishes a service's HTTP port: its PORT, which the image's HEALTHCHECK reads too. */
function httpPort(compose: Compose, name: (typeof imageNames)[number]): number {
  const port = environmentOf(compose, name).PORT;
  if (!port) throw new Error(`docker-compose.yml gives ${name} no PORT, which the image's HEALTHCHECK needs`);
  return publishedPort(compose, name, Number(port));
}

/** The run's own database and vhost on the shared Postgres and RabbitMQ, set up by infra/'s files. */
async function prepareDependencies(compose: Compose, cleanup: CleanupStack): Promise<{ database: string; vhost: testing.TestVhost }> {
  const database = `cpt_${randomBytes(6).toString('hex')}`;
  await createEmptyDatabase(database);
  cleanup.push(`drop database ${database}`, () => dropDatabase(testing.testSuperuserUrl, database));
  await runInitScript(environmentOf(compose, 'postgres'), database);
  say(`database ${database}: infra/postgres/init.sh run with docker-compose.yml's postgres environment`);
  const vhost = await testing.createTestVhost();
  cleanup.push(`delete vhost ${vhost.name}`, () => vhost.drop());
  const added = await loadDefinitions(vhost);
  say(`vhost ${vhost.name}: infra/rabbitmq/definitions.json loaded${added.length > 0 ? ` (broker users added: ${added.join(', ')})` : ''}`);
  return { database, vhost };
}

/** A container's process: the image's command in its deployed folder, the image's environment, then compose's. */
function containerOf(compose: Compose, recipe: ImageRecipe, name: (typeof imageNames)[number], folder: string, isolation: Isolation) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...recipe.env, ...environmentOnThisMachine(compose, name, isolation) };
  return { port: httpPort(compose, name), env, image: { folder, command: recipe.command } };
}

/** A service as its container runs it, its database password checked against its role's. */
async function launchOf(compose: Compose, recipe: ImageRecipe, name: ServiceLaunch['name'], folder: string, isolation: Isolation): Promise<ServiceLaunch> {
  const container = containerOf(compose, recipe, name, folder, isolation);
  if (!container.env.DATABASE_URL) throw new Error(`docker-compose.yml gives ${name} no DATABASE_URL`);
  await assertRolePassword(container.env.DATABASE_URL);
  return { name, ...container };
}

/** The image's HEALTHCHECK command, run as Docker runs it: in the container's folder and environment. */
async function assertHealthy(recipe: ImageRecipe, service: ChildService): Promise<void> {
  const [file = '', ...args] = recipe.healthcheck.command;
  const result = await commands.run(file, args, { cwd: service.launch.image?.folder ?? '', env: service.launch.env });
  if (result.code !== 0) throw new Error(`${service.launch.name}: the image's HEALTHCHECK exited with ${result.code}`);
  const ready = await fetch(`${service.url}/ready`).then((response) => response.text());
  say(`${service.launch.name}: ${service.url}/ready answers ${ready}; the image's HEALTHCHECK passes`);
}

async function check(cleanup: CleanupStack, logPath: string): Promise<void> {
  const compose = readCompose();
  const recipe = readImageRecipe();
  const mail = { smtp: publishedPort(compose, 'maildev', MAILDEV_PORTS.smtp), web: publishedPort(compose, 'maildev', MAILDEV_PORTS.web) };
  await assertPortsFree([
    ...imageNames.map((name) => ({ port: httpPort(compose, name), what: name })),
    { port: mail.smtp, what: 'maildev SMTP' },
    { port: mail.web, what: 'maildev web' },
  ]);
  const temp = mkdtempSync(join(tmpdir(), 'prod-check-'));
  cleanup.push(`remove ${temp}`, async () => rmSync(temp, { recursive: true, force: true }));
  const images = join(temp, 'image');
  const sizes = await buildImages(imageNames, { context: join(temp, 'context'), images }, commands, say);
  say(
    `deployed, none with src/, test/, tsconfig or jest config (nor its workspace packages); du -sh: ${imageNames.map((name) => `${name} ${sizes[name]}`).join(', ')}`,
  );

  const { database, vhost } = await prepareDependencies(compose, cleanup);
  const isolation = { database, vhost: vhost.name };
  const launches: ServiceLaunch[] = [];
  for (const name of serviceNames) launches.push(await launchOf(compose, recipe, name, join(images, name), isolation));
  say("each DATABASE_URL's password is its role's");
  const catcher = await startMailCatcher(mail.smtp, mail.web);
  cleanup.push('stop maildev', () => catcher.close());
  say(`maildev: SMTP on ${mail.smtp}, web on ${mail.web}`);

  const log = createWriteStream(logPath);
  cleanup.push('close the services log', () => new Promise((done) => log.end(done)));
  const services = launches.map((launch) => new ChildService(launch, (line) => log.write(`${line}\n`), false));
  const killAll = () => services.forEach((service) => service.kill());
  process.on('exit', killAll);
  cleanup.push('stop the services', () => Promise.all(services.map((service) => service.stop())));
  say(`starting the services: ${recipe.command.join(' ')} in each deployed folder (the image runs it as ${recipe.user}; logs: ${logPath})`);
  for (const service of services) service.start();
  await Promise.all(services.map((service) => service.waitReady(60_000)));
  for (const service of services) await assertHealthy(recipe, service);
  const consoleLaunch: ConsoleLaunch = { name: 'console', folder: 'console', ...containerOf(compose, recipe, 'console', join(images, 'console'), isolation) };
  const operationsConsole = new ChildService(consoleLaunch, (line) => log.write(`${line}\n`), false);
  services.push(operationsConsole);
  say(`starting the console the same way, as compose configures it (HOST ${consoleLaunch.env.HOST})`);
  operationsConsole.start();
  await operationsConsole.waitReady(60_000);
  await assertHealthy(recipe, operationsConsole);

  say('make demo');
  const demo = {
    services,
    rabbitmqUrl: vhost.url,
    exchange: environmentOf(compose, 'videos').EVENTS_EXCHANGE ?? '',
    mailWebPort: mail.web,
  };
  say(`demo: ${await runDemo(demo, commands)}`);
  say(`console: ${await assertConsoleSeesThePlatform(operationsConsole.url, serviceNames)}`);

  const codes = await Promise.all(services.map((service) => service.stop('SIGTERM')));
  process.off('exit', killAll);
  say(`SIGTERM: ${services.map((service, index) => `${service.launch.name} exited ${codes[index]}`).join(', ')}`);
  if (codes.some((code) => code !== 0)) throw new Error('a service did not stop gracefully on SIGTERM');
}

async function main(): Promise<number> {
  const logPath = join(tmpdir(), `prod-check-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const cleanup = new CleanupStack();
  let passed = false;
  let timer: NodeJS.Timeout | undefined;
  const abort = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`overran PROD_CHECK_DEADLINE_MS (${deadlineMs} ms)`)), deadlineMs);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => reject(new Error(`interrupted by ${signal}`)));
    process.on('uncaughtException', reject);
    process.on('unhandledRejection', reject);
  });
  try {
    await Promise.race([check(cleanup, logPath), abort]);
    passed = true;
  } catch (error) {
    say(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
    commands.killAll();
    for (const failure of await cleanup.run()) say(`cleanup failed: ${failure}`);
  }
  if (passed) rmSync(logPath, { force: true });
  else if (existsSync(logPath)) console.log(`\nlast lines of the services' logs (${logPath}):\n${logTail(logPath, 30)}`);
  say(passed ? 'passed' : 'failed');
  return passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`prod-check: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
