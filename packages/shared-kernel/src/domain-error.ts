// Errors the domain raises on purpose. Each has a stable `code`; its kind decides the HTTP status in one place.
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict';

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidArgumentError extends DomainError {
  readonly kind = 'invalid' as const;

  constructor(
    message: string,
    readonly field?: string,
    readonly code: string = 'INVALID_ARGUMENT',
  ) {
    super(message);
  }
}

export abstract class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
}

export abstract class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}
