import type { Migration } from '@course-platform/service-kit';

export const createEnrollments: Migration = {
  name: '003_enrollments',
  async up(knex) {
    await knex.schema.createTable('enrollments', (table) => {
      table.uuid('user_id').notNullable().references('id').inTable('users');
      table.uuid('course_id').notNullable().references('id').inTable('courses');
      table.timestamp('enrolled_at', { useTz: true }).notNullable();
      table.primary(['user_id', 'course_id']);
      // The fan-out of a new video reads a course's students.
      table.index(['course_id', 'user_id'], 'enrollments_by_course');
    });
  },
  async down(knex) {
    await knex.schema.dropTable('enrollments');
  },
};
