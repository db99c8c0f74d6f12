// The run's database, initialised as compose's Postgres container initialises its own: an empty database,
// then infra/postgres/init.sh with the postgres service's environment from docker-compose.yml.
import { execFile } from 'node:child_process';
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { testing } from '@course-platform/service-kit';
import { Client } from 'pg';
import { repoRoot } from '../generated-docs';

const run = promisify(execFile);

async function withSuperuser<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testing.testSuperuserUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function createEmptyDatabase(name: string): Promise<unknown> {
  return withSuperuser((client) => client.query(`create database "${name.replaceAll('"', '""')}"`));
}

/** Runs infra/postgres/init.sh as the image's entrypoint would, against this machine's Postgres. */
export async function runInitScript(postgresEnvironment: Record<string, string>, database: string): Promise<void> {
  const superuser = new URL(testing.testSuperuserUrl);
  try {
    await run('bash', [resolve(repoRoot, 'infra/postgres/init.sh')], {
      env: {
        PATH: process.env.PATH,
        ...postgresEnvironment,
        POSTGRES_DB: database,
        PGHOST: superuser.hostname,
        PGPORT: superuser.port || '5432',
        PLATFORM_INIT_SQL: resolve(repoRoot, 'infra/postgres/init.sql'),
      },
    });
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`infra/postgres/init.sh failed: ${(stderr || message).trim()}`);
  }
}

/** Whether `password` is the one a SCRAM-SHA-256 verifier (as Postgres stores it) was made from. */
export function scramVerifies(verifier: string, password: string): boolean {
  const match = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):/.exec(verifier);
  if (!match) return false;
  const [, iterations, salt, storedKey] = match;
  const salted = pbkdf2Sync(password, Buffer.from(salt!, 'base64'), Number(iterations), 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return createHash('sha256').update(clientKey).digest().equals(Buffer.from(storedKey!, 'base64'));
}

/**
 * Fails unless the URL's password is its role's. This machine's Postgres trusts local connections and would
 * let any password in, so the check is the one compose's Postgres makes at login: against the role's verifier.
 */
export async function assertRolePassword(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const role = decodeURIComponent(url.username);
  const { rows } = await withSuperuser((client) =>
    client.query<{ rolpassword: string | null }>('select rolpassword from pg_authid where rolname = $1', [role]),
  );
  if (rows.length === 0) throw new Error(`DATABASE_URL names role ${role}, which infra/postgres does not create`);
  if (!scramVerifies(rows[0]?.rolpassword ?? '', decodeURIComponent(url.password))) {
    throw new Error(
      `DATABASE_URL's password for ${role} is not the one infra/postgres/init.sh gave it from docker-compose.yml's postgres environment`,
    );
  }
}
