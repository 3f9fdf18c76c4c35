import type { ASTVisitor, ValidationRule } from 'graphql';
import { limitError } from './limit-error.js';

/** Refuses a document with more than `max` aliased fields (counted as written). */
export const aliasLimit = (max: number): ValidationRule =>
  countLimit('aliases', max, (count) => ({
    Field(node) {
      if (node.alias) count();
    },
  }));

/** Refuses a document with more than `max` directives (counted as written). */
export const directiveLimit = (max: number): ValidationRule =>
  countLimit('directives', max, (count) => ({ Directive: count }));

/** Refuses a document in which `visitor` calls `count` more than `max` times. */
function countLimit(
  limit: 'aliases' | 'directives',
  max: number,
  visitor: (count: () => void) => ASTVisitor,
): ValidationRule {
  return (context) => {
    let n = 0;
    return {
      ...visitor(() => {
        n++;
      }),
      Document: {
        leave() {
          if (n > max)
            context.reportError(
              limitError(limit, `The document has ${n} ${limit}; the limit is ${max}.`),
            );
        },
      },
    };
  };
}
