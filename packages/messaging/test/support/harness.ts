import { randomUUID } from 'node:crypto';
import { VideoCreated, type EventEnvelope } from '@course-platform/shared-kernel';
import { createKnex, createLogger, migrate, testing, type Knex } from '@course-platform/service-kit';
import { Registry } from 'prom-client';
import { EventBus, messagingMigrations, type EventBusOptions, type EventHandler } from '../../src';

/** A service-like setting for bus tests: its own database, vhost, an `applied` table that handlers write. */
export interface Harness {
  knex: Knex;
  /** The service role's URL of this harness's database. */
  databaseUrl: string;
  vhost: testing.TestVhost;
  startBus(handlers: EventHandler[], options?: Partial<EventBusOptions>): Promise<EventBus>;
  commitEvents(count: number, perTransaction?: number): Promise<string[]>;
  appliedCount(handler: string): Promise<{ rows: number; distinct: number }>;
  cleanup(): Promise<void>;
}

export const exchange = 'videos';

export function videoCreated(courseId = randomUUID()) {
  const videoId = randomUUID();
  return VideoCreated.create(videoId, { videoId, courseId, title: 'A video', description: '', durationSeconds: 60, revision: 1 });
}

/** A handler that records every event it applies in `applied`, in the handler's own transaction. */
export function recordingHandler(queue: string, before?: (event: EventEnvelope) => Promise<void> | void): EventHandler {
  return {
    queue,
    events: [VideoCreated],
    async handle(event, trx) {
      await before?.(event);
      await trx('applied').insert({ handler: queue, event_id: event.id });
    },
  };
}

/** A counter's value for the given labels in a bus's registry; 0 while it has none. */
export async function counterValue(registry: Registry, name: string, labels: Record<string, string>): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.filter((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value)).reduce((sum, v) => sum + v.value, 0);
}

export async function createHarness(): Promise<Harness> {
  const db = await testing.createTestDatabase();
  const vhost = await testing.createTestVhost();
  const databaseUrl = db.urlFor('videos_service');
  const logger = createLogger({ service: 'test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const knex = createKnex({ url: databaseUrl, schema: 'videos', logger });
  await migrate(knex, 'videos', [
    ...messagingMigrations,
    { name: '001_applied', up: (k) => k.schema.createTable('applied', (t) => (t.text('handler'), t.uuid('event_id'))) },
  ]);
  const buses: EventBus[] = [];
  let publisher: EventBus | undefined;
  return {
    knex,
    databaseUrl,
    vhost,
    async startBus(handlers, options = {}) {
      const bus = new EventBus({
        service: 'videos',
        url: vhost.url,
        exchange,
        knex,
        handlers,
        logger,
        metrics: new Registry(),
        retryDelaysMs: [50, 100, 200],
        relay: { pollIntervalMs: 100 },
        ...options,
      });
      buses.push(bus);
      publisher ??= bus;
      bus.start();
      await bus.whenReady();
      return bus;
    },
    async commitEvents(count, perTransaction = 100) {
      if (!publisher) throw new Error('start a bus first');
      const ids: string[] = [];
      for (let offset = 0; offset < count; offset += perTransaction) {
        const events = Array.from({ length: Math.min(perTransaction, count - offset) }, () => videoCreated());
        await knex.transaction((trx) => publisher!.outbox.append(trx, events));
        ids.push(...events.map((e) => e.id));
      }
      return ids;
    },
    async appliedCount(handler) {
      const row = await knex('applied')
        .where({ handler })
        .first(knex.raw('count(*)::int as rows'), knex.raw('count(distinct event_id)::int as "distinct"'));
      return row as { rows: number; distinct: number };
    },
    async cleanup() {
      await Promise.all(buses.map((bus) => bus.stop()));
      await knex.destroy();
      await vhost.drop();
      await db.drop();
    },
  };
}
