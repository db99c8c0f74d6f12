import type { Migration } from '@course-platform/service-kit';

/**
 * The projection of the videos service's videos into course lists, one row per video id. Tombstones
 * (`removed`) stay for good, so a creation that arrives after its deletion finds them and stays out. There is
 * no foreign key to courses: a deletion may arrive before its course does.
 */
export const createCourseVideos: Migration = {
  name: '002_course_videos',
  async up(knex) {
    await knex.schema.createTable('course_videos', (table) => {
      table.uuid('video_id').primary();
      table.uuid('course_id').notNullable();
      table.text('title').notNullable();
      table.bigInteger('duration_seconds').notNullable();
      table.integer('revision').notNullable();
      table.integer('title_revision').notNullable();
      table.integer('duration_revision').notNullable();
      table.boolean('removed').notNullable().defaultTo(false);
      // The order videos were added in: assigned on insert, never changed.
      table.specificType('list_position', 'bigint generated always as identity').notNullable();
      table.timestamp('added_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    });
    await knex.raw('create index course_videos_listed on course_videos (course_id, list_position) where not removed');
  },
  async down(knex) {
    await knex.schema.dropTable('course_videos');
  },
};
