import { expect } from 'vitest';
import { InputError } from '../../../../src/errors.js';

/** Asserts that `fn` throws an InputError naming `field` with exactly this message and position. */
export function expectRuleError(
  fn: () => unknown,
  message: string,
  position: number,
  field = 'rule',
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
  expect(error.field).toBe(field);
  expect(error.details).toEqual({ field, position });
}
