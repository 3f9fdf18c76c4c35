import { expect } from 'vitest';
import { InputError } from '../../../src/errors.js';

/** Asserts that `fn` throws an InputError on the `expression` field with exactly this message and details. */
export function expectExpressionError(
  fn: () => unknown,
  message: string,
  details: Record<string, unknown>,
): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InputError);
  const error = thrown as InputError;
  expect(error.message).toBe(message);
  expect(error.code).toBe('BAD_USER_INPUT');
  expect(error.field).toBe('expression');
  expect(error.details).toEqual({ field: 'expression', ...details });
}
