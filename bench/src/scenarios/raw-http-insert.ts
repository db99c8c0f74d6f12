import express, { type Express } from 'express';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import type { FreshInfra } from '../fresh-infra';
import { generateLoad } from '../load/load-generator';
import type { LoadResult } from '../load/load-job';
import type { BenchSettings } from '../settings';
import { videoBody } from '../support/video-events';
import { randomUUID } from 'node:crypto';

/** The same pool size the services get by default, so (a) and B2 have the same number of connections. */
export const POOL_MAX = 10;

/**
 * The raw baseline's table and its one route, on `pool`: B1a serves it in the bench, B1c in a process of its
 * own. B7 raw's server also publishes each video once inserted (`afterInsert`), before it answers.
 */
export async function rawInsertApp(
  pool: Pool,
  afterInsert?: (id: string, body: Record<string, unknown>) => Promise<void>,
): Promise<Express> {
  await pool.query(`create table raw_videos (
    id uuid primary key, course_id uuid not null, title text not null, description text not null,
    duration_seconds integer not null, created_at timestamptz not null default now())`);
  const app = express();
  app.use(express.json());
  app.put('/videos/:id', async (req, res) => {
    const { title, description, courseId, durationSeconds } = req.body as Record<string, unknown>;
    await pool.query('insert into raw_videos (id, course_id, title, description, duration_seconds) values ($1, $2, $3, $4, $5)', [
      req.params.id,
      courseId,
      title,
      description,
      durationSeconds,
    ]);
    await afterInsert?.(req.params.id, req.body as Record<string, unknown>);
    res.status(201).json({ id: req.params.id });
  });
  return app;
}

/**
 * B1 (a): the least a service can do for PUT /videos/:id: a bare express route that parses the JSON and
 * inserts one row with pg. No validation, no transaction, no outbox: the ceiling of this machine's HTTP + insert.
 */
export async function rawHttpInsert(infra: FreshInfra, settings: BenchSettings): Promise<LoadResult> {
  const pool = new Pool({ connectionString: infra.db.urlFor('videos_service'), max: POOL_MAX });
  const app = await rawInsertApp(pool);
  const server = createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    return await generateLoad({
      kind: 'closed',
      url: `http://127.0.0.1:${port}`,
      pathPrefix: '/videos/',
      body: videoBody(randomUUID()),
      connections: settings.connections,
      seconds: settings.httpSeconds,
      warmupSeconds: settings.warmupSeconds,
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
  }
}
