import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** How a measure (depth, cost, ...) of a selection set is built from its parts. */
export interface SelectionFold<T> {
  /** The measure of nothing: an empty selection, an unknown fragment, a fragment cycle. */
  readonly empty: T;
  /** Two selections of the same selection set together. */
  siblings(a: T, b: T): T;
  /**
   * A field, given the type it is selected on and its definition (undefined when the document
   * names something the schema lacks: validation reports that) and the measure of its
   * sub-selection (`empty` for a leaf).
   */
  field(
    node: FieldNode,
    parent: GraphQLNamedType | undefined,
    definition: GraphQLField<unknown, unknown> | undefined,
    inner: T,
  ): T;
}

/**
 * Folds the selections of operations, fragments expanded, in time linear in the size of the
 * document: each fragment is measured once and its measure reused at every spread, however
 * many there are. A fragment spread inside its own expansion (a cycle, which validation
 * rejects) measures `empty`. Recursion follows the document's nesting, which the token limit
 * bounds; a RangeError (stack) is the caller's to map.
 */
export class SelectionFolder<T> {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly measured = new Map<string, T | typeof IN_PROGRESS>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly fold: SelectionFold<T>,
  ) {
    for (const definition of document.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        this.fragments.set(definition.name.value, definition);
  }

  operation(operation: OperationDefinitionNode): T {
    const root =
      operation.operation === 'query'
        ? this.schema.getQueryType()
        : operation.operation === 'mutation'
          ? this.schema.getMutationType()
          : this.schema.getSubscriptionType();
    return this.selectionSet(operation.selectionSet, root ?? undefined);
  }

  private selectionSet(set: SelectionSetNode, parent: GraphQLNamedType | undefined): T {
    let total = this.fold.empty;
    for (const selection of set.selections) {
      let measure: T;
      switch (selection.kind) {
        case Kind.FIELD: {
          const definition = fieldDefinition(parent, selection.name.value);
          const inner = selection.selectionSet
            ? this.selectionSet(
                selection.selectionSet,
                definition ? getNamedType(definition.type) : undefined,
              )
            : this.fold.empty;
          measure = this.fold.field(selection, parent, definition, inner);
          break;
        }
        case Kind.INLINE_FRAGMENT:
          measure = this.selectionSet(
            selection.selectionSet,
            selection.typeCondition
              ? this.schema.getType(selection.typeCondition.name.value)
              : parent,
          );
          break;
        case Kind.FRAGMENT_SPREAD:
          measure = this.fragment(selection.name.value);
          break;
      }
      total = this.fold.siblings(total, measure);
    }
    return total;
  }

  private fragment(name: string): T {
    const known = this.measured.get(name);
    if (known === IN_PROGRESS) return this.fold.empty;
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    if (!fragment) return this.fold.empty;
    this.measured.set(name, IN_PROGRESS);
    const measure = this.selectionSet(
      fragment.selectionSet,
      this.schema.getType(fragment.typeCondition.name.value),
    );
    this.measured.set(name, measure);
    return measure;
  }
}

const IN_PROGRESS = Symbol('in progress');

function fieldDefinition(
  parent: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  return undefined;
}
