import { isIntrospectionType, type ValidationRule } from 'graphql';
import { SelectionFolder, type SelectionFold } from './fold-selections.js';
import { limitError } from './limit-error.js';

/**
 * Fields nested. In introspection, `ofType` does not count: it unwraps a type reference
 * (NON_NULL, LIST), one object a level without fan-out, and GraphiQL's introspection query
 * asks for 7 to 9 of them. graphql-js's MaxIntrospectionDepthRule (a specified rule) bounds
 * the lists an introspection may nest.
 */
const depthFold: SelectionFold<number> = {
  empty: 0,
  siblings: (a, b) => Math.max(a, b),
  field: (node, parent, _definition, inner) =>
    inner + (parent && isIntrospectionType(parent) && node.name.value === 'ofType' ? 0 : 1),
};

/**
 * Refuses an operation nesting fields deeper than `maxDepth`, fragments expanded (each
 * measured once, so the time is linear in the document).
 */
export function depthLimit(maxDepth: number): ValidationRule {
  return (context) => {
    const folder = new SelectionFolder(context.getSchema(), context.getDocument(), depthFold);
    return {
      OperationDefinition(node) {
        let depth: number;
        try {
          depth = folder.operation(node);
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
          depth = Infinity;
        }
        if (depth > maxDepth) {
          context.reportError(
            limitError(
              'depth',
              Number.isFinite(depth)
                ? `Query depth ${depth} exceeds the limit of ${maxDepth}.`
                : `Query nests too deeply to measure; the depth limit is ${maxDepth}.`,
            ),
          );
        }
        return false;
      },
      FragmentDefinition: () => false,
    };
  };
}
