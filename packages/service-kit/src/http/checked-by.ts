import { InvalidArgumentError } from '@course-platform/shared-kernel';
import type { z } from 'zod';

/**
 * Lets an edge schema apply a value object's own rule, so a 400 names every bad field at once while the rule
 * itself is written only in the domain.
 */
export function checkedBy(valueObject: (value: unknown) => unknown) {
  return (value: unknown, ctx: z.RefinementCtx): void => {
    try {
      valueObject(value);
    } catch (error) {
      if (!(error instanceof InvalidArgumentError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
    }
  };
}
