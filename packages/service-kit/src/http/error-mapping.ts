import { DomainError } from '@course-platform/shared-kernel';
import { type ZodError } from 'zod';
import { problem, type Problem } from './problem';

/** Raised by the edge when a request does not match its route's schema. */
export class RequestValidationError extends Error {
  constructor(
    readonly part: 'params' | 'query' | 'body',
    readonly zodError: ZodError,
  ) {
    super(`invalid request ${part}`);
  }
}

export class UnsupportedMediaTypeError extends Error {}

const statusOfKind = { invalid: 422, not_found: 404, conflict: 409 } as const;

// Errors that mean Postgres is unreachable or restarting, or the service's database is gone (3D000): the
// request may succeed once it is back, and none of them is a bug, so 503, not 500.
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', '3D000']);

export function isDependencyUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && unavailableCodes.has(code)) return true;
  if (error.name === 'KnexTimeoutError') return true;
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(error.message);
}

/**
 * SQLSTATE class 22, "data exception": Postgres refused a value that got through validation — a NUL
 * character in text, an integer beyond its column. The request's value is at fault, so 422, not a 500; the
 * gap in the edge's validation should still be closed where the value is checked.
 */
export function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/**
 * 57014 (statement_timeout) and 55P03 (lock_timeout): the database refused to wait any longer — another
 * transaction holds what the request needs. The request is fine and may pass on retry: 503, not 500.
 */
export function isDatabaseTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '57014' || code === '55P03';
}

/** The one place where errors become HTTP answers. `null` means a bug: a 500 that is logged. */
export function toProblem(error: unknown): Problem | null {
  if (error instanceof RequestValidationError) {
    const errors = error.zodError.issues.flatMap((issue) => {
      const at = [error.part, ...issue.path.map(String)];
      // One entry per unknown field, so the answer names each of them as a field like any other.
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({ field: [...at, key].join('.'), message: 'is not a field of this request' }));
      }
      return [{ field: at.join('.'), message: issue.message }];
    });
    return problem(400, 'VALIDATION_FAILED', `the request ${error.part} is not valid`, { errors });
  }
  if (error instanceof DomainError) {
    const field = (error as { field?: string }).field;
    return problem(statusOfKind[error.kind], error.code, error.message, field ? { errors: [{ field, message: error.message }] } : {});
  }
  if (error instanceof UnsupportedMediaTypeError) {
    return problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  }
  const bodyParserType = (error as { type?: unknown } | null)?.type;
  if (bodyParserType === 'entity.parse.failed') return problem(400, 'MALFORMED_JSON', 'the body is not valid JSON');
  if (bodyParserType === 'entity.too.large') return problem(413, 'PAYLOAD_TOO_LARGE', 'the body is too large');
  if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported') {
    return problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'unsupported body encoding');
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return problem(status, 'BAD_REQUEST', 'the request is not valid');
  if (isDataException(error)) return problem(422, 'VALUE_NOT_STORABLE', 'a value of the request cannot be stored');
  if (isDatabaseTimeout(error)) return problem(503, 'DATABASE_TIMEOUT', 'the database did not answer in time; retry later');
  if (isDependencyUnavailable(error)) return problem(503, 'SERVICE_UNAVAILABLE', 'a dependency is unavailable; retry later');
  return null;
}
