import { EventBus, messagingMigrations, type EventBusOptions, type EventHandler } from '@course-platform/messaging';
import { createKnex, createLogger, migrate, type Knex, type Migration } from '@course-platform/service-kit';
import { Registry } from 'prom-client';
import type { FreshInfra } from '../fresh-infra';
import { EXCHANGE } from './video-events';

/** A service-like database for the bus scenarios: the videos role and schema, outbox and inbox included. */
export async function benchDatabase(infra: FreshInfra, tables: Migration[] = []): Promise<Knex> {
  const knex = createKnex({ url: infra.db.urlFor('videos_service'), schema: 'videos' });
  await migrate(knex, 'videos', [...messagingMigrations, ...tables]);
  return knex;
}

/** An EventBus with the defaults a service gets (the bus's own prefetch, pool and relay settings). */
export function benchBus(infra: FreshInfra, knex: Knex, handlers: EventHandler[], options: Partial<EventBusOptions> = {}) {
  const metrics = new Registry();
  const bus = new EventBus({
    service: 'videos',
    url: infra.vhost.url,
    exchange: EXCHANGE,
    knex,
    handlers,
    logger: createLogger({ service: 'bench', level: 'warn' }),
    metrics,
    ...options,
  });
  return { bus, metrics };
}

/** The one write of the consumer scenarios' handlers: a row per video, keyed by the event. */
export const videoWritesTable: Migration = {
  name: '900_bench_video_writes',
  up: (knex) =>
    knex.schema.createTable('video_writes', (table) => {
      table.uuid('event_id').primary();
      table.uuid('video_id').notNullable();
      table.text('title').notNullable();
      table.timestamp('written_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    }),
};

/** The videos table of the "common way" producer: the row it saves before publishing. */
export const savedVideosTable: Migration = {
  name: '901_bench_saved_videos',
  up: (knex) =>
    knex.schema.createTable('saved_videos', (table) => {
      table.uuid('id').primary();
      table.uuid('course_id').notNullable();
      table.text('title').notNullable();
      table.text('description').notNullable();
      table.integer('duration_seconds').notNullable();
    }),
};
