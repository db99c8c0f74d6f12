// `make start` / `pnpm start`: the whole platform on this machine — schemas and roles, the three services,
// and a mail catcher with a web page — with prefixed logs; Ctrl-C stops it all gracefully.
import { execFileSync } from 'node:child_process';
import { brokerNode, brokerUrls, setupPlatformDatabase } from '@course-platform/service-kit';
import { repoRoot } from '../generated-docs';
import { ChildService } from '../launcher/child-service';
import { answers, dockerAvailable } from '../launcher/dependencies';
import { formatLogLine } from '../launcher/log-lines';
import { startMailCatcher } from '../launcher/mail-catcher';
import { platformEnv } from '../launcher/platform-env';

const say = (message: string) => console.log(formatLogLine('platform', message));

async function ensureDependencies(env: ReturnType<typeof platformEnv>): Promise<void> {
  // RABBITMQ_URL may list a cluster's nodes: one that answers is enough, the services move to it.
  const nodes = brokerUrls(env.rabbitmqUrl);
  const brokerAnswers = async () => (await Promise.all(nodes.map((url) => answers(url, 5672)))).some(Boolean);
  const missing = async () => [
    ...((await answers(env.adminDatabaseUrl, 5432)) ? [] : [`Postgres at ${new URL(env.adminDatabaseUrl).host} (ADMIN_DATABASE_URL)`]),
    ...((await brokerAnswers()) ? [] : [`RabbitMQ at ${nodes.map(brokerNode).join(', ')} (RABBITMQ_URL)`]),
  ];
  let down = await missing();
  if (down.length === 0) return;
  if (!dockerAvailable()) {
    throw new Error(`not answering: ${down.join(' and ')}; start them, or install Docker so that this command can start them`);
  }
  say(`not answering: ${down.join(' and ')}; starting them with docker compose`);
  execFileSync('docker', ['compose', 'up', '-d', '--wait', 'postgres', 'rabbitmq'], { cwd: repoRoot, stdio: 'inherit' });
  down = await missing();
  if (down.length > 0) throw new Error(`still not answering after docker compose: ${down.join(' and ')}`);
}

async function main(): Promise<void> {
  const env = platformEnv();
  await ensureDependencies(env);
  await setupPlatformDatabase(env.adminDatabaseUrl, env.database);
  say(`database ${env.database}: schemas and roles ready`);

  const maildev = await startMailCatcher(env.smtpPort, env.mailWebPort);
  say(`mail catcher: SMTP on 127.0.0.1:${env.smtpPort}, inbox at http://127.0.0.1:${env.mailWebPort}`);

  const services = env.services.map((launch) => new ChildService(launch));
  const operationsConsole = new ChildService(env.console);
  let stopping = false;
  const stopAll = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping the services gracefully`);
    await operationsConsole.stop();
    const codes = await Promise.all(services.map((s) => s.stop()));
    await maildev.close();
    say(`stopped (exit codes ${codes.join(', ')})`);
    process.exit(codes.every((c) => c === 0 || c === null) ? 0 : 1);
  };
  // Should this process die unexpectedly, it takes no orphan service with it.
  process.on('exit', () => [...services, operationsConsole].forEach((s) => s.kill()));
  process.on('SIGINT', () => void stopAll('SIGINT'));
  process.on('SIGTERM', () => void stopAll('SIGTERM'));

  for (const service of services) service.start();
  try {
    await Promise.all(services.map((s) => s.waitReady(60_000)));
  } catch (error) {
    await Promise.all(services.map((s) => s.stop()));
    await maildev.close();
    throw error;
  }
  say('all services ready:');
  for (const s of services) say(`  ${s.launch.name.padEnd(8)} ${s.url}  (docs ${s.url}/docs)`);
  say(`  emails   http://127.0.0.1:${env.mailWebPort}`);
  // The console is a window on the services, not one of them: without it they run on.
  operationsConsole.start();
  try {
    await operationsConsole.waitReady(60_000);
    say(`  console  ${operationsConsole.url}${env.console.env.ADMIN_TOKEN ? '' : '  (read-only: no ADMIN_TOKEN)'}`);
  } catch (error) {
    say(`  console  did not start (${error instanceof Error ? error.message : String(error)}); the services run on without it`);
  }
  say('try `make demo` in another terminal; Ctrl-C stops everything');
}

main().catch((error: unknown) => {
  console.error(formatLogLine('platform', `cannot start: ${error instanceof Error ? error.message : String(error)}`));
  process.exit(1);
});
