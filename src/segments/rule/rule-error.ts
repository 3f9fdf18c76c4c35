import { InputError } from '../../errors.js';

/** An error at a 0-based character offset of the rule text given as input field `field`. */
export function ruleError(message: string, position: number, field: string): InputError {
  return new InputError(message, field, { position });
}
