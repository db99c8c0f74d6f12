import { Email } from '../../../src/domain/email';
import { thrown } from '../../support/thrown';

test('keeps an address lower-case, without surrounding spaces', () => {
  expect(new Email('  Ada.Lovelace@Example.COM ').value).toBe('ada.lovelace@example.com');
});

test.each(['', 'ada', 'ada@', '@example.com', 'ada@example', 'ada..l@example.com', 'a b@example.com', 42, null])(
  'rejects %p with INVALID_EMAIL',
  async (value) => {
    expect(await thrown(() => new Email(value))).toMatchObject({ kind: 'invalid', code: 'INVALID_EMAIL', field: 'email' });
  },
);

test('two spellings of one mailbox are equal', () => {
  expect(new Email('ADA@example.com').equals(new Email('ada@EXAMPLE.com'))).toBe(true);
});
