import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type GraphQLResolveInfo,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Whether the field being resolved selects any of `names` on the object it returns (an item of
 * it for a list): directly, through fragment spreads or inline fragments, honouring `@skip` and
 * `@include` as execution does. Fields of nested objects are not looked at.
 */
export function selectsAny(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  const included = (node: SelectionNode) =>
    getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.['if'] !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.['if'] !== false;
  const selects = (set: SelectionSetNode | undefined): boolean =>
    set?.selections.some((node) => {
      if (!included(node)) return false;
      if (node.kind === Kind.FIELD) return names.has(node.name.value);
      if (node.kind === Kind.INLINE_FRAGMENT) return selects(node.selectionSet);
      return selects(info.fragments[node.name.value]?.selectionSet);
    }) ?? false;
  return info.fieldNodes.some((field) => selects(field.selectionSet));
}
