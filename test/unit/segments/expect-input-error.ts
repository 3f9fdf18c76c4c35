import { expect } from 'vitest';
import { InputError } from '../../../src/errors.js';

/**
 * Asserts that `fn` throws a BAD_USER_INPUT InputError naming `field`, with exactly this
 * message and these details (besides the field).
 */
export function expectInputError(
  fn: () => unknown,
  field: string,
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
  expect(error.field).toBe(field);
  expect(error.details).toEqual({ field, ...details });
}

/** Asserts that `fn` throws an InputError on the `expression` field with exactly this message and details. */
export function expectExpressionError(
  fn: () => unknown,
  message: string,
  details: Record<string, unknown>,
): void {
  expectInputError(fn, 'expression', message, details);
}
