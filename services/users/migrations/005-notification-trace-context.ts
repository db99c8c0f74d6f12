import type { Migration } from '@course-platform/service-kit';

/**
 * The W3C trace context of the handler that queued each email. The dispatcher sends it later, outside that
 * handler, so this is how the SMTP send joins the story's trace (as the outbox's columns do for events).
 */
export const addNotificationTraceContext: Migration = {
  name: '005_notification_trace_context',
  async up(knex) {
    await knex.schema.alterTable('notifications', (table) => {
      table.text('traceparent');
      table.text('tracestate');
    });
  },
  async down(knex) {
    await knex.schema.alterTable('notifications', (table) => {
      table.dropColumn('tracestate');
      table.dropColumn('traceparent');
    });
  },
};
