import type { Migration } from '@course-platform/service-kit';

export const createVideos: Migration = {
  name: '001_videos',
  async up(knex) {
    await knex.schema.createTable('videos', (table) => {
      table.uuid('id').primary();
      table.uuid('course_id').notNullable();
      table.text('title').notNullable();
      table.text('description').notNullable();
      table.integer('duration_seconds').notNullable();
      // Optimistic concurrency: every write is conditional on the revision it read.
      table.integer('revision').notNullable();
      table.timestamp('created_at', { useTz: true }).notNullable();
      table.timestamp('updated_at', { useTz: true }).notNullable();
      // A tombstone, not a row removal, so a deleted id is never reused.
      table.timestamp('deleted_at', { useTz: true });
    });
    // The keyset pages of GET /videos, with and without a course filter, over live videos only.
    await knex.raw('create index videos_page on videos (created_at, id) where deleted_at is null');
    await knex.raw('create index videos_course_page on videos (course_id, created_at, id) where deleted_at is null');
  },
  async down(knex) {
    await knex.schema.dropTable('videos');
  },
};
