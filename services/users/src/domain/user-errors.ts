import { ConflictError, NotFoundError } from '@course-platform/shared-kernel';

export class UserNotFoundError extends NotFoundError {
  readonly code = 'USER_NOT_FOUND';

  constructor(readonly userId: string) {
    super(`user ${userId} does not exist`);
  }
}

export class UsernameTakenError extends ConflictError {
  readonly code = 'USERNAME_TAKEN';

  constructor(readonly username: string) {
    super(`username ${JSON.stringify(username)} belongs to another user`);
  }
}
