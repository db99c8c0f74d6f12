import type { Migration } from '@course-platform/service-kit';

export const createUsers: Migration = {
  name: '001_users',
  async up(knex) {
    await knex.schema.createTable('users', (table) => {
      table.uuid('id').primary();
      table.text('name').notNullable();
      // A unique constraint, not a check-then-insert: of two concurrent registrations only one can win.
      table.text('username').notNullable().unique({ indexName: 'users_username_unique' });
      table.text('email').notNullable();
      table.timestamp('registered_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    });
  },
  async down(knex) {
    await knex.schema.dropTable('users');
  },
};
