import { createKnex, migrate, testing, type Knex, type Migration } from '../../src';

// Two replicas of a service starting at the same moment both migrate its schema: both must start, and each
// migration must run once.
let db: testing.TestDatabase;
const pools: Knex[] = [];

beforeAll(async () => {
  db = await testing.createTestDatabase();
});

afterAll(async () => {
  await Promise.all(pools.map((knex) => knex.destroy()));
  await db?.drop();
});

const migrations: Migration[] = [
  { name: '001-notes', up: (knex) => knex.schema.createTable('notes', (table) => table.integer('id').primary()) },
  { name: '002-note-text', up: (knex) => knex.schema.alterTable('notes', (table) => table.text('text')) },
];

function replica(): Knex {
  const knex = createKnex({ url: db.urlFor('videos_service'), schema: 'videos' });
  pools.push(knex);
  return knex;
}

it('lets replicas that start together migrate the same schema, each migration applied once', async () => {
  const applied = await Promise.all([replica(), replica(), replica(), replica()].map((knex) => migrate(knex, 'videos', migrations)));
  expect(applied.flat().sort()).toEqual(['001-notes', '002-note-text']);
  const rows = await replica()('videos.knex_migrations').select('name').orderBy('id');
  expect(rows.map((row: { name: string }) => row.name)).toEqual(['001-notes', '002-note-text']);
});
