import type { Knex } from 'knex';

/**
 * The outbox and inbox tables, one pair in every service's schema. Services put these first in their own
 * migration list, so the tables live beside the data they guard.
 */
export const messagingMigrations = [
  {
    name: '000_messaging_outbox_inbox',
    async up(knex: Knex): Promise<void> {
      await knex.schema.createTable('outbox', (table) => {
        table.bigIncrements('position').primary();
        table.uuid('event_id').notNullable().unique();
        table.text('type').notNullable();
        // The serialised envelope, exactly the bytes the relay publishes.
        table.text('envelope').notNullable();
        table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
        table.timestamp('published_at', { useTz: true });
      });
      await knex.raw('create index outbox_unpublished on outbox (position) where published_at is null');
      await knex.schema.createTable('inbox', (table) => {
        table.text('handler').notNullable();
        table.uuid('event_id').notNullable();
        table.timestamp('handled_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
        table.primary(['handler', 'event_id']);
      });
    },
    async down(knex: Knex): Promise<void> {
      await knex.schema.dropTable('inbox');
      await knex.schema.dropTable('outbox');
    },
  },
  {
    // Retention deletes inbox entries by age, a batch per statement: without it each batch scans the table.
    name: '001_messaging_inbox_handled_at',
    async up(knex: Knex): Promise<void> {
      await knex.raw('create index inbox_handled_at on inbox (handled_at)');
    },
    async down(knex: Knex): Promise<void> {
      await knex.raw('drop index inbox_handled_at');
    },
  },
  {
    // The W3C trace context of the transaction that appended the event: the relay publishes it as the
    // message's headers, so the trace of the request goes on through the broker (docs: README, Tracing).
    name: '002_messaging_outbox_trace_context',
    async up(knex: Knex): Promise<void> {
      await knex.schema.alterTable('outbox', (table) => {
        table.text('traceparent');
        table.text('tracestate');
      });
    },
    async down(knex: Knex): Promise<void> {
      await knex.schema.alterTable('outbox', (table) => {
        table.dropColumn('tracestate');
        table.dropColumn('traceparent');
      });
    },
  },
  {
    // Copies of an event found already handled: the console's journey tells "handled" from "handled, and a
    // redelivered copy skipped". Only the duplicate path writes it (inbox.ts).
    name: '003_messaging_inbox_duplicates',
    async up(knex: Knex): Promise<void> {
      await knex.schema.alterTable('inbox', (table) => {
        table.integer('duplicates').notNullable().defaultTo(0);
      });
    },
    async down(knex: Knex): Promise<void> {
      await knex.schema.alterTable('inbox', (table) => {
        table.dropColumn('duplicates');
      });
    },
  },
];
