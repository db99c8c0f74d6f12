import { testing } from '../../src';

test('creates a test database and vhost', async () => {
  const db = await testing.createTestDatabase();
  const vhost = await testing.createTestVhost();
  expect(db.name).toMatch(/^cpt_/);
  await vhost.drop();
  await db.drop();
});
