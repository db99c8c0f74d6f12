import type { Migration } from '@course-platform/service-kit';

export const createVideoComments: Migration = {
  name: '002_video_comments',
  async up(knex) {
    await knex.schema.createTable('video_comments', (table) => {
      table.uuid('id').primary();
      table.uuid('video_id').notNullable().references('id').inTable('videos');
      table.uuid('author_id').notNullable();
      table.text('content').notNullable();
      table.timestamp('created_at', { useTz: true }).notNullable();
      table.index(['video_id']);
    });
  },
  async down(knex) {
    await knex.schema.dropTable('video_comments');
  },
};
