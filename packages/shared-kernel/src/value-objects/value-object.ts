// A value object wraps one validated primitive; equality is by value.
export abstract class ValueObject<T extends string | number> {
  constructor(readonly value: T) {
    Object.freeze(this);
  }

  equals(other: ValueObject<T>): boolean {
    return other.constructor === this.constructor && other.value === this.value;
  }

  toString(): string {
    return String(this.value);
  }
}
