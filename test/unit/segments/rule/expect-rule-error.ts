import { expectInputError } from '../expect-input-error.js';

/** Asserts that `fn` throws an InputError naming `field` with exactly this message and position. */
export function expectRuleError(
  fn: () => unknown,
  message: string,
  position: number,
  field = 'rule',
): void {
  expectInputError(fn, field, message, { position });
}
