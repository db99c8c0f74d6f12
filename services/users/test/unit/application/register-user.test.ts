import { UserRegistered } from '@course-platform/shared-kernel';
import { RegisterUser } from '../../../src/application/register-user';
import { InMemoryUserRepository } from '../../support/in-memory-user-repository';
import { aUserCommand } from '../../support/mothers';
import { thrown } from '../../support/thrown';

function setup() {
  const users = new InMemoryUserRepository();
  return { users, registerUser: new RegisterUser(users) };
}

test('a new user is registered, with users.registered', async () => {
  const { users, registerUser } = setup();
  const command = aUserCommand({ email: 'Linus@Example.org' });
  const { outcome, user } = await registerUser.execute(command);
  expect(outcome).toBe('registered');
  expect(user.email).toBe('linus@example.org');
  expect(users.events.map((event) => [event.type, event.aggregateId])).toEqual([['users.registered', command.id]]);
  expect(UserRegistered.schema.safeParse(users.events[0]?.data).success).toBe(true);
});

test('the same request again changes nothing and records no event', async () => {
  const { users, registerUser } = setup();
  const command = aUserCommand();
  await registerUser.execute(command);
  expect((await registerUser.execute(command)).outcome).toBe('unchanged');
  expect(users.events).toHaveLength(1);
});

test('new details of an existing user are stored, without an event', async () => {
  const { users, registerUser } = setup();
  const command = aUserCommand();
  await registerUser.execute(command);
  expect((await registerUser.execute({ ...command, name: 'New Name', email: 'new@example.com' })).outcome).toBe('updated');
  expect(await users.find(command.id)).toMatchObject({ name: 'New Name', email: 'new@example.com' });
  expect(users.events).toHaveLength(1);
});

test('a username of another user is USERNAME_TAKEN, and nothing is stored', async () => {
  const { users, registerUser } = setup();
  const first = aUserCommand();
  await registerUser.execute(first);
  const second = aUserCommand({ username: first.username });
  expect(await thrown(registerUser.execute(second))).toMatchObject({ code: 'USERNAME_TAKEN', kind: 'conflict' });
  expect(await users.find(second.id)).toBeNull();
  expect(users.events).toHaveLength(1);
});

test('bad input is refused before anything is stored', async () => {
  const { users, registerUser } = setup();
  const command = aUserCommand({ email: 'nope' });
  expect(await thrown(registerUser.execute(command))).toMatchObject({ kind: 'invalid', code: 'INVALID_EMAIL' });
  expect(await users.find(command.id)).toBeNull();
});
