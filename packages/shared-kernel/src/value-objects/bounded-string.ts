import { InvalidArgumentError } from '../domain-error';
import { ValueObject } from './value-object';

export interface StringBounds {
  field: string;
  min: number;
  max: number;
  /** Trim surrounding white space before measuring (titles and names); keep it for free text. */
  trim?: boolean;
}

// With the u flag a well-formed pair is one code point; only a surrogate without its other half matches.
const LONE_SURROGATE = /\p{Surrogate}/u;

/** A string whose length (in code points, after optional trimming) lies within bounds. */
export abstract class BoundedString extends ValueObject<string> {
  protected constructor(value: unknown, bounds: StringBounds) {
    if (typeof value !== 'string') throw new InvalidArgumentError(`${bounds.field} must be a string`, bounds.field);
    // Postgres cannot store NUL in text: refuse it here rather than fail at the database.
    if (value.includes('\u0000')) throw new InvalidArgumentError(`${bounds.field} must not contain NUL characters`, bounds.field);
    // Nor half of a surrogate pair (JSON's "\ud800" escape makes one): it would be stored as U+FFFD while the
    // response and the event still carried the original.
    if (LONE_SURROGATE.test(value)) throw new InvalidArgumentError(`${bounds.field} must be valid Unicode text (it holds a lone surrogate)`, bounds.field);
    const text = bounds.trim ? value.trim() : value;
    const length = [...text].length;
    if (length < bounds.min || length > bounds.max) {
      throw new InvalidArgumentError(
        `${bounds.field} must be ${bounds.min} to ${bounds.max} characters long, got ${length}`,
        bounds.field,
      );
    }
    super(text);
  }
}
