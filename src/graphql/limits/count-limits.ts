import type { ValidationRule } from 'graphql';
import { limitError } from './limit-error.js';

/** Refuses a document with more than `max` aliased fields (counted as written). */
export function aliasLimit(max: number): ValidationRule {
  return (context) => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases++;
      },
      Document: {
        leave() {
          if (aliases > max)
            context.reportError(
              limitError('aliases', `The document has ${aliases} aliases; the limit is ${max}.`),
            );
        },
      },
    };
  };
}

/** Refuses a document with more than `max` directives (counted as written). */
export function directiveLimit(max: number): ValidationRule {
  return (context) => {
    let directives = 0;
    return {
      Directive() {
        directives++;
      },
      Document: {
        leave() {
          if (directives > max)
            context.reportError(
              limitError(
                'directives',
                `The document has ${directives} directives; the limit is ${max}.`,
              ),
            );
        },
      },
    };
  };
}
