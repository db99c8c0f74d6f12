import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { testing } from '@course-platform/service-kit';
import { connectToBroker } from '@course-platform/messaging';
import { Client } from 'pg';

const run = promisify(execFile);

/** Runs one of this machine's admin commands, bounded, and says which one failed and how. */
export async function command(file: string, args: string[], timeoutMs: number): Promise<void> {
  try {
    await run(file, args, { timeout: timeoutMs });
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${file} ${args.join(' ')} failed: ${(stderr || message).trim()}`);
  }
}

/** The broker (a node of the list) accepts an AMQP login to the vhost, and its management API (used for cleanup) answers. */
export async function brokerAnswers(vhostUrl: string, admin: testing.RabbitAdmin): Promise<boolean> {
  const connection = await connectToBroker(vhostUrl);
  await connection.close();
  await admin.request('GET', '/overview');
  return true;
}

export async function databaseAnswers(superuserUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: superuserUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const answersWithin = (check: () => Promise<boolean>, timeoutMs: number) => testing.eventually(check, { timeoutMs, intervalMs: 200 });

/** The local cluster's version, as Debian's postgresql-common lays it out (/etc/postgresql/<version>/main). */
export function postgresVersion(): string {
  const [version] = readdirSync('/etc/postgresql');
  if (!version) throw new Error('no cluster under /etc/postgresql');
  return version;
}

export const restartRabbitmq = async () => {
  await command('rabbitmqctl', ['stop_app'], 60_000);
  await command('rabbitmqctl', ['start_app'], 120_000);
};
export const startRabbitmq = () => command('rabbitmqctl', ['start_app'], 120_000);
export const restartPostgres = () => command('pg_ctlcluster', ['--skip-systemctl-redirect', postgresVersion(), 'main', 'restart'], 120_000);
export const startPostgres = () => command('pg_ctlcluster', ['--skip-systemctl-redirect', postgresVersion(), 'main', 'start'], 120_000);
