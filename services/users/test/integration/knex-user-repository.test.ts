import { Outbox } from '@course-platform/messaging';
import { UserRegistered } from '@course-platform/shared-kernel';
import { User } from '../../src/domain/user';
import { KnexUserRepository } from '../../src/infrastructure/knex-user-repository';
import { aUserCommand } from '../support/mothers';
import { thrown } from '../support/thrown';
import { createUsersDatabase, type UsersDatabase } from '../support/users-database';

let database: UsersDatabase;
let users: KnexUserRepository;

beforeAll(async () => {
  database = await createUsersDatabase();
  users = new KnexUserRepository(database.knex, new Outbox('users'));
});
afterAll(() => database.close());

const registered = ({ id, ...details }: ReturnType<typeof aUserCommand>) => User.register(id, details);
const outboxOf = (aggregateId: string) =>
  database.knex('outbox').whereRaw("(envelope::jsonb)->>'aggregateId' = ?", [aggregateId]).select<Array<{ type: string; envelope: string }>>('type', 'envelope');

test('a registered user is stored with users.registered in the outbox, in one transaction', async () => {
  const command = aUserCommand({ email: 'Mixed.Case@Example.com' });
  expect(await users.add(registered(command))).toBe(true);
  expect((await users.find(command.id))?.details()).toEqual({ name: command.name, username: command.username, email: 'mixed.case@example.com' });
  const rows = await outboxOf(command.id);
  expect(rows.map((row) => row.type)).toEqual(['users.registered']);
  const envelope = JSON.parse(rows[0]?.envelope ?? '{}') as { data: unknown; meta: { producer: string } };
  expect(UserRegistered.schema.parse(envelope.data)).toMatchObject({ userId: command.id, email: 'mixed.case@example.com' });
  expect(envelope.meta.producer).toBe('users');
});

test('adding an id that exists already stores nothing and publishes nothing', async () => {
  const command = aUserCommand();
  await users.add(registered(command));
  expect(await users.add(registered({ ...command, name: 'Someone Else', username: `${command.username}x` }))).toBe(false);
  expect((await users.find(command.id))?.name).toBe(command.name);
  expect(await outboxOf(command.id)).toHaveLength(1);
});

test('a username of another user is USERNAME_TAKEN, on add and on update', async () => {
  const owner = aUserCommand();
  const other = aUserCommand();
  await users.add(registered(owner));
  await users.add(registered(other));
  const newcomer = aUserCommand({ username: owner.username });
  expect(await thrown(users.add(registered(newcomer)))).toMatchObject({ code: 'USERNAME_TAKEN' });
  expect(await users.find(newcomer.id)).toBeNull();
  expect(await outboxOf(newcomer.id)).toEqual([]);
  const renamed = User.restore(other.id, { ...other, username: owner.username });
  expect(await thrown(users.update(renamed))).toMatchObject({ code: 'USERNAME_TAKEN' });
  expect((await users.find(other.id))?.username).toBe(other.username);
});

test('of concurrent registrations with one username, exactly one wins', async () => {
  const username = aUserCommand().username;
  const contenders = Array.from({ length: 8 }, () => aUserCommand({ username }));
  const results = await Promise.allSettled(contenders.map((command) => users.add(registered(command))));
  expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  for (const result of results) {
    if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'USERNAME_TAKEN' });
  }
  const stored = await database.knex('users').whereIn('id', contenders.map((c) => c.id)).select('id');
  expect(stored).toHaveLength(1);
});

test('an update stores new details', async () => {
  const command = aUserCommand();
  await users.add(registered(command));
  const user = (await users.find(command.id)) as User;
  user.changeDetails({ ...command, name: 'Renamed', email: 'renamed@example.com' });
  await users.update(user);
  expect((await users.find(command.id))?.details()).toEqual({ name: 'Renamed', username: command.username, email: 'renamed@example.com' });
});
