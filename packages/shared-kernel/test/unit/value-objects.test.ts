import {
  BoundedString,
  CourseId,
  InvalidArgumentError,
  PositiveInteger,
  UserId,
  Uuid,
  VideoId,
} from '../../src';

class Title extends BoundedString {
  constructor(value: unknown) {
    super(value, { field: 'title', min: 1, max: 5, trim: true });
  }
}

class Note extends BoundedString {
  constructor(value: unknown) {
    super(value, { field: 'note', min: 2, max: 4 });
  }
}

function rejection(build: () => unknown): InvalidArgumentError {
  try {
    build();
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error;
    throw error;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('Uuid', () => {
  const valid = '3F2504E0-4F89-41D3-9A0C-0305E82C3301';

  it('accepts a UUID and keeps it lower case', () => {
    expect(new Uuid(valid).value).toBe(valid.toLowerCase());
  });

  it('makes random ids that it accepts', () => {
    expect(new Uuid(Uuid.random()).value).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['not a uuid', 'abc'],
    ['an empty string', ''],
    ['version 0', '3f2504e0-4f89-01d3-9a0c-0305e82c3301'],
    ['a bad variant', '3f2504e0-4f89-41d3-ca0c-0305e82c3301'],
    ['the nil uuid', '00000000-0000-0000-0000-000000000000'],
    ['surrounding spaces', ` ${valid} `],
    ['a number', 42],
    ['undefined', undefined],
  ])('rejects %s, naming the field', (_case, value) => {
    const error = rejection(() => new Uuid(value as string, 'ownerId'));
    expect(error).toMatchObject({ field: 'ownerId', code: 'INVALID_ARGUMENT', kind: 'invalid' });
  });

  it.each([
    [VideoId, 'videoId'],
    [CourseId, 'courseId'],
    [UserId, 'userId'],
  ])('%p names its own field', (Id, field) => {
    expect(rejection(() => new Id('nope')).field).toBe(field);
  });

  it('is equal by value and by kind of id', () => {
    const id = Uuid.random();
    expect(new VideoId(id).equals(new VideoId(id.toUpperCase()))).toBe(true);
    expect(new VideoId(id).equals(new VideoId(Uuid.random()))).toBe(false);
    expect(new VideoId(id).equals(new CourseId(id))).toBe(false);
  });

  it('is immutable', () => {
    const id = new VideoId(Uuid.random());
    expect(Object.isFrozen(id)).toBe(true);
    expect(() => Object.assign(id, { value: 'x' })).toThrow(TypeError);
  });
});

describe('BoundedString', () => {
  it('trims when asked and measures the trimmed text', () => {
    expect(new Title('  abcde  ').value).toBe('abcde');
  });

  it('keeps white space of free text', () => {
    expect(new Note(' ab ').value).toBe(' ab ');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(new Title('😀😀😀😀😀').value).toBe('😀😀😀😀😀');
  });

  it.each([
    ['too long', 'abcdef'],
    ['empty', ''],
    ['only white space once trimmed', '   '],
  ])('rejects a string that is %s', (_case, value) => {
    expect(rejection(() => new Title(value))).toMatchObject({ field: 'title', code: 'INVALID_ARGUMENT' });
  });

  it('rejects untrimmed text that is too short or too long', () => {
    expect(rejection(() => new Note('a')).message).toMatch(/note must be 2 to 4 characters long, got 1/);
    expect(rejection(() => new Note('abcde')).field).toBe('note');
  });

  it.each([[42], [null], [undefined], [['ab']]])('rejects %p as not a string', (value) => {
    expect(rejection(() => new Title(value)).message).toBe('title must be a string');
  });
});

describe('PositiveInteger', () => {
  it.each([1, 7, Number.MAX_SAFE_INTEGER])('accepts %p', (value) => {
    expect(new PositiveInteger(value).value).toBe(value);
  });

  it.each([
    ['zero', 0],
    ['a negative number', -1],
    ['a fraction', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an unsafe integer', Number.MAX_SAFE_INTEGER + 1],
    ['a numeric string', '3'],
    ['undefined', undefined],
  ])('rejects %s, naming the field', (_case, value) => {
    expect(rejection(() => new PositiveInteger(value, 'durationSeconds'))).toMatchObject({ field: 'durationSeconds' });
  });
});

describe('BoundedString and what Postgres cannot store as given', () => {
  class Note extends BoundedString {
    constructor(value: unknown) {
      super(value, { field: 'note', min: 0, max: 50 });
    }
  }

  it('refuses a NUL character', () => {
    expect(() => new Note('a\u0000b')).toThrow('note must not contain NUL characters');
    expect(new Note('a b').value).toBe('a b');
  });

  it('refuses half of a surrogate pair, high or low, and keeps whole pairs', () => {
    for (const value of ['a\uD800', '\uDC00b', 'x\uDFFF\uD800y']) {
      expect(() => new Note(value)).toThrow('note must be valid Unicode text (it holds a lone surrogate)');
    }
    expect(new Note('🎬 \uD83C\uDFAC').value).toBe('🎬 🎬');
  });
});
