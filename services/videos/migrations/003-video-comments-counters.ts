import type { Migration } from '@course-platform/service-kit';

/** A read model fed by events, not by the comments table: no foreign key, it may run behind. */
export const createVideoCommentsCounters: Migration = {
  name: '003_video_comments_counters',
  async up(knex) {
    await knex.schema.createTable('video_comments_counters', (table) => {
      table.uuid('video_id').primary();
      table.integer('total_comments').notNullable();
    });
  },
  async down(knex) {
    await knex.schema.dropTable('video_comments_counters');
  },
};
