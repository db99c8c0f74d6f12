// Values every endpoint must refuse, by the kind of field they are sent for. Each is invalid whatever else
// the request holds, so a request carrying one is malformed by construction.
import * as fc from 'fast-check';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Short strings from all of Unicode (NUL, lone surrogates, emoji, right-to-left marks) and a few classics. */
export const junkString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', 'null', 'undefined', '../../etc/passwd', "' or 1=1 --", '<script>alert(1)</script>', '🎬🎬🎬', '\u202Eevil', '\uFEFF', '%00'),
);

/** Not a JSON string: what a string field must never accept. */
export const wrongTypeForString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** Not a JSON number: what a number field must never accept. */
export const wrongTypeForNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

const withNul = fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([a, b]) => `${a}x\u0000${b}`);
// A low surrogate after 'x' has no other half, whatever follows it.
const withLoneSurrogate = fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([a, b]) => `${a}x\uDC00${b}`);
const longer = (max: number) => fc.integer({ min: max + 1, max: max + 300 }).map((n) => 'x'.repeat(n));
const blank = fc.constantFrom('', ' ', '\t\n', '\u3000 ');

export const notUuid: fc.Arbitrary<string> = fc.oneof(
  junkString,
  fc.uuid().map((id) => `${id}0`),
  fc.uuid().map((id) => id.replaceAll('-', '')),
  fc.uuid().map((id) => `{${id}}`),
  fc.uuid().map((id) => `${id.slice(0, 35)}g`),
).filter((value) => !UUID.test(value));

export type FieldKind = 'title' | 'description' | 'content' | 'name' | 'username' | 'email' | 'uuid' | 'duration';

/** A value the field's rules refuse, or a value of the wrong JSON type. */
export function badValueFor(kind: FieldKind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'title':
      return fc.oneof(wrongTypeForString, blank, longer(200), withNul, withLoneSurrogate);
    case 'description':
      return fc.oneof(wrongTypeForString, longer(5_000), withNul, withLoneSurrogate);
    case 'content':
      return fc.oneof(wrongTypeForString, blank, longer(2_000), withNul, withLoneSurrogate);
    case 'name':
      return fc.oneof(wrongTypeForString, blank, longer(100), withNul, withLoneSurrogate);
    case 'username':
      return fc.oneof(wrongTypeForString, fc.constantFrom('ab', 'UPPER', 'with space', 'émile', 'a'.repeat(31), 'semi;colon'), junkString.filter((s) => !/^[a-z0-9_.-]{3,30}$/.test(s)));
    case 'email':
      return fc.oneof(wrongTypeForString, fc.constantFrom('not-an-email', '@', 'a@', '@b.c', 'a b@c.d', `${'x'.repeat(250)}@example.com`), junkString.filter((s) => !s.includes('@')));
    case 'uuid':
      return fc.oneof(wrongTypeForString, notUuid);
    case 'duration':
      return fc.oneof(wrongTypeForNumber, fc.constantFrom(0, -1, 1.5, -0.5, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308, Number.MAX_SAFE_INTEGER + 2));
  }
}

/** Percent-encodes every byte of the UTF-8 form, so any string (a lone surrogate too) travels in a path. */
export function pathSegment(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');
}

/** A path segment that is no id: junk, near-miss uuids, very long ones, broken percent-encoding. */
export const badIdSegment: fc.Arbitrary<string> = fc.oneof(
  notUuid.filter((value) => value !== '').map(pathSegment),
  fc.string({ unit: 'grapheme-ascii', minLength: 500, maxLength: 2_000 }).map(pathSegment),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '%2e%2e', 'null'),
);
