import { InvalidArgumentError } from '../domain-error';
import { ValueObject } from './value-object';

export class PositiveInteger extends ValueObject<number> {
  constructor(value: unknown, field = 'value') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      throw new InvalidArgumentError(`${field} must be an integer greater than 0`, field);
    }
    super(value);
  }
}
