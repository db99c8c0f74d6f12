import type { Migration } from '@course-platform/service-kit';

/** One row per email to send: the outbox of side effects outside the database. */
export const createNotifications: Migration = {
  name: '004_notifications',
  async up(knex) {
    await knex.schema.createTable('notifications', (table) => {
      table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
      table.uuid('event_id').notNullable();
      table.uuid('user_id').notNullable().references('id').inTable('users');
      table.text('email').notNullable();
      table.text('subject').notNullable();
      table.text('text_body').notNullable();
      table.text('html_body').notNullable();
      table.text('status').notNullable().defaultTo('pending');
      table.integer('attempts').notNullable().defaultTo(0);
      // When the dispatcher may (re)try: pushed ahead by a claim (a lease) and by the backoff after a failure.
      table.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      table.text('last_error');
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      table.timestamp('sent_at', { useTz: true });
      // A redelivered event queues no second email.
      table.unique(['event_id', 'user_id'], { indexName: 'notifications_event_user_unique' });
      table.index(['user_id', 'created_at'], 'notifications_by_user');
    });
    await knex.raw("alter table notifications add constraint notifications_status_check check (status in ('pending', 'sent'))");
    await knex.raw("create index notifications_due on notifications (next_attempt_at) where status = 'pending'");
  },
  async down(knex) {
    await knex.schema.dropTable('notifications');
  },
};
