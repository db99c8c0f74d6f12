import { UserRegistered } from '@course-platform/shared-kernel';
import { User } from '../../../src/domain/user';
import { aUserCommand } from '../../support/mothers';
import { thrown } from '../../support/thrown';

test('registering records users.registered with the stored details', () => {
  const { id, ...details } = aUserCommand({ email: 'Grace@Example.com' });
  const user = User.register(id, details);
  const [event, ...more] = user.pullDomainEvents();
  expect(more).toEqual([]);
  expect(event?.type).toBe('users.registered');
  expect(UserRegistered.schema.parse(event?.data)).toEqual({ userId: id, name: details.name, username: details.username, email: 'grace@example.com' });
  expect(user.pullDomainEvents()).toEqual([]);
});

test.each([
  ['name', { name: '' }, 'name'],
  ['name', { name: 'x'.repeat(101) }, 'name'],
  ['username', { username: 'ab' }, 'username'],
  ['username', { username: 'Upper_Case' }, 'username'],
  ['username', { username: 'x'.repeat(31) }, 'username'],
  ['email', { email: 'not-an-email' }, 'email'],
])('rejects a bad %s', async (_label, overrides, field) => {
  const { id, ...details } = aUserCommand(overrides);
  expect(await thrown(() => User.register(id, details))).toMatchObject({ kind: 'invalid', field });
});

test('changing details tells whether anything changed, and records no event', () => {
  const { id, ...details } = aUserCommand();
  const user = User.restore(id, details);
  expect(user.changeDetails({ ...details, email: details.email.toUpperCase() })).toBe(false);
  expect(user.changeDetails({ ...details, name: 'Another Name' })).toBe(true);
  expect(user.name).toBe('Another Name');
  expect(user.pullDomainEvents()).toEqual([]);
});
