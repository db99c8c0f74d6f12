import { ConflictError, InvalidArgumentError, NotFoundError } from '@course-platform/shared-kernel';
import { z } from 'zod';
import { isDependencyUnavailable, RequestValidationError, toProblem, UnsupportedMediaTypeError } from '../../src';

class VideoNotFound extends NotFoundError {
  readonly code = 'VIDEO_NOT_FOUND';
}

class UsernameTaken extends ConflictError {
  readonly code = 'USERNAME_TAKEN';
}

function withProps(message: string, props: Record<string, unknown>): Error {
  return Object.assign(new Error(message), props);
}

describe('toProblem', () => {
  it('turns an edge validation error into 400 VALIDATION_FAILED naming each field', () => {
    const result = z.object({ title: z.string(), tags: z.array(z.string()) }).safeParse({ tags: [1] });
    if (result.success) throw new Error('expected a validation error');
    expect(toProblem(new RequestValidationError('body', result.error))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      type: 'urn:course-platform:problem:validation-failed',
      title: 'Bad Request',
      errors: [
        { field: 'body.title', message: expect.any(String) },
        { field: 'body.tags.0', message: expect.any(String) },
      ],
    });
  });

  it.each([
    [new InvalidArgumentError('title is too long', 'title', 'INVALID_TITLE'), 422, 'INVALID_TITLE'],
    [new VideoNotFound('no video 1'), 404, 'VIDEO_NOT_FOUND'],
    [new UsernameTaken('ada is taken'), 409, 'USERNAME_TAKEN'],
  ])('maps the domain error %p to %p with its own code', (error, status, code) => {
    expect(toProblem(error)).toMatchObject({ status, code, detail: error.message });
  });

  it('names the field of an invalid argument', () => {
    expect(toProblem(new InvalidArgumentError('bad email', 'email'))?.errors).toEqual([{ field: 'email', message: 'bad email' }]);
    expect(toProblem(new VideoNotFound('gone'))?.errors).toBeUndefined();
  });

  it('answers 415 for a body that is not JSON', () => {
    expect(toProblem(new UnsupportedMediaTypeError())).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(toProblem(withProps('bad charset', { type: 'charset.unsupported' }))).toMatchObject({ status: 415 });
  });

  it.each([
    ['entity.parse.failed', 400, 'MALFORMED_JSON'],
    ['entity.too.large', 413, 'PAYLOAD_TOO_LARGE'],
    ['encoding.unsupported', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('maps the body parser error %s to %p %s', (type, status, code) => {
    expect(toProblem(withProps('parser', { type, status: 400 }))).toMatchObject({ status, code });
  });

  it('keeps other client errors as they are, without their message', () => {
    const mapped = toProblem(withProps('internal detail', { status: 405 }));
    expect(mapped).toMatchObject({ status: 405, code: 'BAD_REQUEST' });
    expect(JSON.stringify(mapped)).not.toContain('internal detail');
  });

  it.each([
    ['a refused connection', withProps('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' })],
    ['a Postgres shutdown', withProps('terminating connection due to administrator command', { code: '57P01' })],
    ['a database that no longer exists', withProps('database "course_platform" does not exist', { code: '3D000' })],
    ['a pool timeout', Object.assign(new Error('Knex: Timeout acquiring a connection'), { name: 'KnexTimeoutError' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
  ])('answers 503 for %s', (_case, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
    expect(toProblem(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it.each([
    ['a NUL character in text', withProps('invalid byte sequence for encoding "UTF8": 0x00', { code: '22021' })],
    ['an integer beyond its column', withProps('value "2147483648" is out of range for type integer', { code: '22003' })],
  ])('answers 422 VALUE_NOT_STORABLE, without the database message, for %s', (_case, error) => {
    const mapped = toProblem(error);
    expect(mapped).toMatchObject({ status: 422, code: 'VALUE_NOT_STORABLE' });
    expect(JSON.stringify(mapped)).not.toContain('UTF8');
  });

  it.each([
    ['a plain error', new Error('bug')],
    ['another database error', withProps('relation "videos" does not exist', { code: '42P01' })],
    ['a server error status', withProps('upstream', { status: 502 })],
    ['a thrown string', 'oops'],
    ['null', null],
  ])('returns null (a 500 to log) for %s', (_case, error) => {
    expect(toProblem(error)).toBeNull();
  });
});
