import { ConflictError, InvalidArgumentError, NotFoundError } from '../../src';

class VideoNotFound extends NotFoundError {
  readonly code = 'VIDEO_NOT_FOUND';
}

class UsernameTaken extends ConflictError {
  readonly code = 'USERNAME_TAKEN';
}

describe('DomainError', () => {
  it('carries a stable code and a kind for the HTTP mapping', () => {
    expect(new VideoNotFound('no such video')).toMatchObject({ code: 'VIDEO_NOT_FOUND', kind: 'not_found', name: 'VideoNotFound' });
    expect(new UsernameTaken('taken')).toMatchObject({ code: 'USERNAME_TAKEN', kind: 'conflict', name: 'UsernameTaken' });
  });

  it('lets an invalid argument name its field and its own code', () => {
    expect(new InvalidArgumentError('bad email', 'email', 'INVALID_EMAIL')).toMatchObject({
      code: 'INVALID_EMAIL',
      field: 'email',
      kind: 'invalid',
      message: 'bad email',
    });
    expect(new InvalidArgumentError('bad').code).toBe('INVALID_ARGUMENT');
  });
});
