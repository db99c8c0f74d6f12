import { messagingTesting } from '@course-platform/messaging';
import { testing } from '@course-platform/service-kit';
import { Client } from 'pg';
import { start, type RunningVideosService } from '../../src/main';
import { aVideoCommand } from '../support/mothers';
import { call } from '../support/videos-service';

// A request stuck behind another transaction's lock gives up at the role's lock_timeout (infra/postgres/
// init.sql sets 10 s; this database a shorter one) and answers 503, instead of holding a connection forever.
let db: testing.TestDatabase;
let sut: messagingTesting.ServiceUnderTest<RunningVideosService>;
let locker: Client;

beforeAll(async () => {
  db = await testing.createTestDatabase();
  const admin = new Client({ connectionString: db.superuserUrl });
  await admin.connect();
  await admin.query(`alter role videos_service in database ${db.name} set lock_timeout = '300ms'`);
  await admin.end();
  sut = await messagingTesting.startServiceUnderTest(start, { role: 'videos_service', db });
  locker = new Client({ connectionString: db.superuserUrl });
  await locker.connect();
});

afterAll(async () => {
  await locker?.end();
  await sut?.close();
  await db?.drop();
});

it('answers 503 DATABASE_TIMEOUT when a lock is held past lock_timeout, and writes nothing', async () => {
  const { videoId, ...body } = aVideoCommand();
  await locker.query('begin');
  await locker.query('lock table videos.videos in access exclusive mode');
  try {
    const answer = await call(sut.baseUrl, 'PUT', `/videos/${videoId}`, body);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ code: 'DATABASE_TIMEOUT' });
  } finally {
    await locker.query('rollback');
  }
  expect((await call(sut.baseUrl, 'GET', `/videos/${videoId}`)).status).toBe(404);
  expect(await messagingTesting.everythingPublishedFor(sut, videoId)).toEqual([]);
});
