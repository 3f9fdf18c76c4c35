import {
  GraphQLError,
  Kind,
  type ASTNode,
  type FragmentDefinitionNode,
  type ValidationRule,
} from 'graphql';

/** A validation rule rejecting operations nested deeper than `maxDepth` fields. */
export function depthLimit(maxDepth: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions)
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    const depthOf = (node: ASTNode, seen: Set<string>): number => {
      switch (node.kind) {
        case Kind.FIELD:
          return node.selectionSet
            ? 1 + Math.max(0, ...node.selectionSet.selections.map((s) => depthOf(s, seen)))
            : 1;
        case Kind.INLINE_FRAGMENT:
        case Kind.OPERATION_DEFINITION:
          return Math.max(0, ...node.selectionSet.selections.map((s) => depthOf(s, seen)));
        case Kind.FRAGMENT_SPREAD: {
          const fragment = fragments.get(node.name.value);
          if (!fragment || seen.has(node.name.value)) return 0;
          return Math.max(
            0,
            ...fragment.selectionSet.selections.map((s) =>
              depthOf(s, new Set([...seen, node.name.value])),
            ),
          );
        }
        default:
          return 0;
      }
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`Query depth ${depth} exceeds the limit of ${maxDepth}.`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            }),
          );
        }
      },
    };
  };
}

/**
 * A validation rule rejecting operations whose cost exceeds `maxCost`: every field costs 1,
 * and a field with a `first` or `limit` argument multiplies the cost of what it selects
 * (by 10 when the argument is a variable). Fragments are expanded.
 */
export function costLimit(maxCost: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions)
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    const costOf = (node: ASTNode, seen: Set<string>): number => {
      switch (node.kind) {
        case Kind.FIELD: {
          const size = node.arguments?.find(
            (a) => a.name.value === 'first' || a.name.value === 'limit',
          )?.value;
          const times = size?.kind === Kind.INT ? Math.max(1, Number(size.value)) : size ? 10 : 1;
          const inner = node.selectionSet
            ? node.selectionSet.selections.reduce((sum, s) => sum + costOf(s, seen), 0)
            : 0;
          return 1 + times * inner;
        }
        case Kind.INLINE_FRAGMENT:
        case Kind.OPERATION_DEFINITION:
          return node.selectionSet.selections.reduce((sum, s) => sum + costOf(s, seen), 0);
        case Kind.FRAGMENT_SPREAD: {
          const fragment = fragments.get(node.name.value);
          if (!fragment || seen.has(node.name.value)) return 0;
          const inner = new Set([...seen, node.name.value]);
          return fragment.selectionSet.selections.reduce((sum, s) => sum + costOf(s, inner), 0);
        }
        default:
          return 0;
      }
    };
    return {
      OperationDefinition(node) {
        const cost = costOf(node, new Set());
        if (cost > maxCost) {
          context.reportError(
            new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost}.`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            }),
          );
        }
      },
    };
  };
}
