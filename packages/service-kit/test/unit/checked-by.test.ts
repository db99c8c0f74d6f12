import { InvalidArgumentError } from '@course-platform/shared-kernel';
import { z } from 'zod';
import { checkedBy } from '../../src';

class Even {
  constructor(readonly value: unknown) {
    if (typeof value !== 'number' || value % 2 !== 0) throw new InvalidArgumentError(`${String(value)} is not even`, 'even', 'NOT_EVEN');
  }
}

const pair = z.object({
  left: z.number().superRefine(checkedBy((v) => new Even(v))),
  right: z.number().superRefine(checkedBy((v) => new Even(v))),
});

describe('checkedBy', () => {
  it('lets a value through that the value object accepts', () => {
    expect(pair.safeParse({ left: 2, right: 4 })).toEqual({ success: true, data: { left: 2, right: 4 } });
  });

  it("turns the value object's refusal into an issue on its field, for every field at once", () => {
    const result = pair.safeParse({ left: 1, right: 3 });
    expect(result.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ['left'], message: '1 is not even' },
      { path: ['right'], message: '3 is not even' },
    ]);
  });

  it('lets any other error through: a bug is not a validation failure', () => {
    const broken = z.number().superRefine(
      checkedBy(() => {
        throw new TypeError('bug');
      }),
    );
    expect(() => broken.safeParse(1)).toThrow(TypeError);
  });
});
