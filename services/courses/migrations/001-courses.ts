import type { Migration } from '@course-platform/service-kit';

/** Courses with their counters, kept by atomic increments in the handlers' transactions. */
export const createCourses: Migration = {
  name: '001_courses',
  async up(knex) {
    await knex.schema.createTable('courses', (table) => {
      table.uuid('id').primary();
      table.text('title').notNullable();
      table.text('description').notNullable();
      table.integer('revision').notNullable();
      table.integer('video_count').notNullable().defaultTo(0);
      table.bigInteger('total_duration_seconds').notNullable().defaultTo(0);
      table.integer('student_count').notNullable().defaultTo(0);
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      // A counter below zero is a bug: fail the handler (and retry, then dead-letter) rather than store it.
      table.check('video_count >= 0 and total_duration_seconds >= 0 and student_count >= 0');
    });
    // Keyset pagination of GET /courses.
    await knex.raw('create index courses_created_at_id on courses (created_at, id)');
  },
  async down(knex) {
    await knex.schema.dropTable('courses');
  },
};
