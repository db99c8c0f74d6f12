import { randomUUID } from 'node:crypto';
import { UserRegistered } from '@course-platform/shared-kernel';
import { aUserCommand } from '../support/mothers';
import { call, startUsersServiceWithMail } from '../support/users-service';

let running: Awaited<ReturnType<typeof startUsersServiceWithMail>>;

beforeAll(async () => {
  running = await startUsersServiceWithMail();
});
afterAll(() => running.close());

const put = (id: string, body: unknown) => call(running.sut.baseUrl, 'PUT', `/users/${id}`, body);
const get = (id: string) => call(running.sut.baseUrl, 'GET', `/users/${id}`);

function aUser() {
  const { id, ...body } = aUserCommand();
  return { id, body };
}

test('PUT registers a user (201), stores the email lower-case and publishes users.registered', async () => {
  const { id, body } = aUser();
  const answer = await put(id, { ...body, email: body.email.toUpperCase() });
  expect(answer.status).toBe(201);
  expect(answer.body).toEqual({ id, ...body });
  const [event] = await running.sut.probe.waitFor('users.registered', { aggregateId: id });
  expect(UserRegistered.schema.parse(event?.data)).toEqual({ userId: id, ...body });
  expect(event?.meta).toMatchObject({ producer: 'users', correlationId: answer.correlationId, causationId: null });
  expect((await get(id)).body).toEqual({ id, ...body });
});

test('the same PUT again answers 200 and publishes nothing more; new details answer 200 without an event', async () => {
  const { id, body } = aUser();
  await put(id, body);
  expect((await put(id, body)).status).toBe(200);
  const changed = await put(id, { ...body, name: 'New Name', email: 'New.Address@Example.com' });
  expect(changed.status).toBe(200);
  expect((await get(id)).body).toEqual({ id, ...body, name: 'New Name', email: 'new.address@example.com' });
  // Something published after our PUTs arrives after anything they could have published.
  const { id: later, body: laterBody } = aUser();
  await put(later, laterBody);
  await running.sut.probe.waitFor('users.registered', { aggregateId: later });
  expect(running.sut.probe.of('users.registered', id)).toHaveLength(1);
});

test('a username of another user is 409 USERNAME_TAKEN, as problem+json, and nothing is written', async () => {
  const owner = aUser();
  await put(owner.id, owner.body);
  const { id, body } = aUser();
  const answer = await put(id, { ...body, username: owner.body.username });
  expect(answer.status).toBe(409);
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status: 409, code: 'USERNAME_TAKEN' });
  expect((await get(id)).status).toBe(404);
});

test('of concurrent registrations with one username exactly one wins; the others get 409', async () => {
  const username = aUser().body.username;
  const contenders = Array.from({ length: 6 }, () => aUser());
  const answers = await Promise.all(contenders.map(({ id, body }) => put(id, { ...body, username })));
  expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
});

test('bad input is 400 naming the fields, and nothing is written', async () => {
  const id = randomUUID();
  const answer = await put(id, { name: ' ', username: 'No Spaces', email: 'not-an-email' });
  expect(answer.status).toBe(400);
  expect(answer.body.code).toBe('VALIDATION_FAILED');
  const fields = (answer.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
  expect(fields).toEqual(['body.email', 'body.name', 'body.username']);
  expect((await get(id)).status).toBe(404);
  expect((await put('not-a-uuid', aUser().body)).status).toBe(400);
});

test('an unknown user is 404 USER_NOT_FOUND', async () => {
  const answer = await get(randomUUID());
  expect(answer.status).toBe(404);
  expect(answer.body.code).toBe('USER_NOT_FOUND');
});

test('the API is described at /openapi.json', async () => {
  const answer = await call(running.sut.baseUrl, 'GET', '/openapi.json');
  expect(Object.keys(answer.body.paths as object).sort()).toEqual([
    '/admin/events',
    '/admin/events/{id}',
    '/admin/events/{id}/notifications',
    '/admin/outbox',
    '/admin/status',
    '/users/{id}',
    '/users/{id}/enrollments',
    '/users/{id}/enrollments/{courseId}',
    '/users/{id}/notifications',
  ]);
  expect((await fetch(`${running.sut.baseUrl}/docs/`)).status).toBe(200);
});
