import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';

export const platformSqlPath = resolve(__dirname, '../../../infra/postgres/init.sql');

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Creates the database if it is missing, then applies infra/postgres/init.sql to it (roles, schemas,
 * grants). Idempotent. `superuserUrl` may name any database the superuser can connect to.
 */
export async function setupPlatformDatabase(superuserUrl: string, database: string): Promise<string> {
  const admin = new Client({ connectionString: withDatabase(superuserUrl, 'postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) {
      await admin.query(`create database "${database.replaceAll('"', '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently by another process
      });
    }
  } finally {
    await admin.end();
  }
  const target = new Client({ connectionString: withDatabase(superuserUrl, database) });
  await target.connect();
  try {
    await target.query(readFileSync(platformSqlPath, 'utf8'));
  } finally {
    await target.end();
  }
  return withDatabase(superuserUrl, database);
}

export async function dropDatabase(superuserUrl: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(superuserUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${database.replaceAll('"', '""')}" with (force)`);
  } finally {
    await admin.end();
  }
}

/** The URL a service role uses: same host and database, the role's own name (and password, if any). */
export function roleUrl(url: string, role: string, password?: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password ?? '';
  return parsed.toString();
}
