import {
  Kind,
  parse,
  visit,
  type ASTNode,
  type DocumentNode,
  type GraphQLError,
  type ValueNode,
} from 'graphql';

/**
 * The argument or input field an input error is about, as errors name fields elsewhere
 * (`asOf`, `rows[0].firstSeen`), or null when it cannot be told.
 *
 * graphql-js locates a refused literal at the value and a refused variable at its
 * definition, without the argument it feeds; so the document is parsed again (only on this
 * error path) and the argument found: the one holding the literal, or the first that uses the
 * variable, followed by the path inside the variable that graphql-js names in its message.
 */
export function inputFieldOf(error: GraphQLError): string | null {
  const node = error.nodes?.[0];
  const source = node?.loc?.source;
  if (!node || !source) return null;
  const values = argumentValues(parse(source));
  if (node.kind === Kind.VARIABLE_DEFINITION) {
    const name = node.variable.name.value;
    const use = values.find(([v]) => v.kind === Kind.VARIABLE && v.name.value === name);
    // graphql-js: `Variable "$rows" got invalid value ... at "rows[0].firstSeen"; ...`
    const inner = new RegExp(` at "${name}([^"]*)"`).exec(error.message)?.[1] ?? '';
    return use ? use[1] + inner : null;
  }
  return values.find(([v]) => sameLocation(v, node))?.[1] ?? null;
}

/** Every value under an argument with its path: `rows`, `rows[0]`, `rows[0].firstSeen`. */
function argumentValues(document: DocumentNode): [ValueNode, string][] {
  const out: [ValueNode, string][] = [];
  const collect = (value: ValueNode, path: string): void => {
    out.push([value, path]);
    if (value.kind === Kind.OBJECT)
      for (const f of value.fields) collect(f.value, `${path}.${f.name.value}`);
    if (value.kind === Kind.LIST) value.values.forEach((v, i) => collect(v, `${path}[${i}]`));
  };
  visit(document, {
    Argument(node) {
      collect(node.value, node.name.value);
      return false;
    },
  });
  return out;
}

function sameLocation(a: ASTNode, b: ASTNode): boolean {
  return a.kind === b.kind && a.loc?.start === b.loc?.start;
}
