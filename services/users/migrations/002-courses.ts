import type { Migration } from '@course-platform/service-kit';

/** The local projection of the courses service's courses, fed by its events. */
export const createCourses: Migration = {
  name: '002_courses',
  async up(knex) {
    await knex.schema.createTable('courses', (table) => {
      table.uuid('id').primary();
      table.text('title').notNullable();
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    });
  },
  async down(knex) {
    await knex.schema.dropTable('courses');
  },
};
