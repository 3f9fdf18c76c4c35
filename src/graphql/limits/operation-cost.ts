import {
  Kind,
  getNullableType,
  isListType,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { SelectionFolder } from './fold-selections.js';

/**
 * Arguments that bound the size of the list a field returns: a number (`first`, `limit`), or
 * a list answered item by item (`persons(identifiers:)`).
 */
const SIZE_ARGUMENTS = new Set(['first', 'limit', 'identifiers']);

/**
 * The cost of an operation with these (coerced) variable values: each field costs 1, and a
 * field with a `first` or `limit` argument multiplies the cost of its sub-selection by the
 * argument's value (an `identifiers` list by its length): the literal, the variable's value,
 * or the argument's default when it is left out. Fragments are expanded, each costed once, so the time is linear in the document.
 * A list without such an argument counts once (`identifiers`, `audiencePackages`): the cost
 * is a bound on what the arguments ask for, not on the data. A field that returns one object
 * is not multiplied by a list argument (`addToSegment(identifiers:)` answers one summary for
 * its list, whose length the mutation bounds itself); `first` and `limit` size a connection.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): number {
  const folder = new SelectionFolder(schema, document, {
    empty: 0,
    siblings: (a, b) => a + b,
    field: (node, _parent, definition, inner) =>
      1 + (inner === 0 ? 0 : listSize(node, definition, variables) * inner),
  });
  return folder.operation(operation);
}

function listSize(
  node: FieldNode,
  definition: GraphQLField<unknown, unknown> | undefined,
  variables: Readonly<Record<string, unknown>>,
): number {
  const argument = definition?.args.find((a) => SIZE_ARGUMENTS.has(a.name));
  if (!argument) return 1;
  // a list argument sizes a list answered item by item, not one summary of it
  if (isListType(getNullableType(argument.type)) && !isListType(getNullableType(definition?.type)))
    return 1;
  const given = node.arguments?.find((a) => a.name.value === argument.name)?.value;
  let value: unknown;
  if (given === undefined) value = argument.defaultValue;
  else if (given.kind === Kind.VARIABLE)
    value = Object.hasOwn(variables, given.name.value)
      ? variables[given.name.value]
      : argument.defaultValue;
  else value = valueFromAST(given, argument.type, variables);
  const size = Array.isArray(value) ? value.length : value;
  return typeof size === 'number' && size > 1 ? size : 1;
}
