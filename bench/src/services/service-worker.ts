import { start as startCourses } from '@course-platform/courses';
import { start as startUsers } from '@course-platform/users';
import { start as startVideos } from '@course-platform/videos';
import { CommitClock, inboxEntries, outboxEvents, type Classifier } from '../support/commit-clock';
import { SqlCounter } from '../profile/sql-counter';
import type { ServiceName, ServiceReport, ServiceRequest } from './service-job';

/**
 * One platform service in a process of its own, as it runs in production: its own event loop, started by
 * its own start(). The bench talks to it over IPC: it starts the service, streams the commits the clock
 * sees (every 20 ms), answers readings of its event loop and stops the service gracefully.
 */

const starters = { videos: startVideos, courses: startCourses, users: startUsers };
// The videos service commits events (outbox rows); the consumers commit handlings (inbox rows).
const classifiers: Record<ServiceName, Classifier> = { videos: outboxEvents, courses: inboxEntries, users: inboxEntries };
const FLUSH_MS = 20;

const send = (report: ServiceReport) => new Promise<void>((resolve) => process.send?.(report, () => resolve()));

let running: { stop(): Promise<void> } | null = null;
let flushTimer: NodeJS.Timeout | undefined;
const clock = new CommitClock();
// Each service's round trips to Postgres, read with its event loop.
const sql = new SqlCounter();

function flushCommits(): Promise<void> {
  if (clock.committedAt.size === 0) return Promise.resolve();
  const entries = [...clock.committedAt];
  clock.committedAt.clear();
  return send({ kind: 'commits', entries });
}

async function stop(): Promise<void> {
  clearInterval(flushTimer);
  await running?.stop();
  clock.stop();
  await flushCommits();
}

async function handle(request: ServiceRequest): Promise<void> {
  switch (request.kind) {
    case 'start': {
      const service = await starters[request.service](request.env);
      await service.bus.whenReady();
      running = service;
      clock.watch(service.knex, classifiers[request.service]);
      flushTimer = setInterval(() => void flushCommits(), FLUSH_MS);
      return send({ kind: 'started', port: service.port });
    }
    case 'loop': {
      // Commits first: whoever reads the loop after a load then has every commit the load caused so far.
      await flushCommits();
      const { active, idle } = performance.eventLoopUtilization();
      return send({ kind: 'loop', reading: { active, idle, statements: sql.count() } });
    }
    case 'stop':
      await stop();
      await send({ kind: 'stopped' });
      process.exit(0);
  }
}

process.on('message', (request: ServiceRequest) => {
  handle(request).catch(async (error: unknown) => {
    await send({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  });
});
// The bench went away (Ctrl-C, a crash): stop the service rather than leave it consuming.
process.once('disconnect', () => void stop().finally(() => process.exit(0)));
