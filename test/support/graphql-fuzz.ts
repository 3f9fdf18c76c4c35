import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { aliasFlood, fragmentBomb } from './graphql-documents.js';

/** One HTTP request to /graphql, as a client (or an attacker) could send it. */
export interface FuzzRequest {
  readonly kind: string;
  readonly method: 'GET' | 'POST';
  /** Appended to /graphql, with its leading "?". */
  readonly search: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly key: 'reader' | 'steward' | 'none' | 'wrong';
}

type Gen = fc.GeneratorValue;

/** Strings the seed graph knows, strings it rejects, and strings meant to hurt. */
const STRINGS = [
  'MBR001',
  'MBR010',
  'MBRX99',
  'union_001',
  'open_001',
  'DEV001',
  'ONE001',
  'hash_mobile_001',
  '+86 138 0013 8000',
  '12',
  'alice@example.com',
  'member_id',
  'union_id',
  'mobile',
  'email',
  'shoe_size',
  '2026-06-06',
  '2026-02-30',
  '9999-99-99',
  'PKG001',
  'At Risk',
  '"At Risk" AND "High Value"',
  '("At Risk" AND',
  'ALL(',
  'ANY("Lost", "At Risk") ANDNOT channel_miniapp',
  '((((((((((((((((((((x',
  "'; MATCH (n) DETACH DELETE n //",
  '$ne',
  '{{7*7}}',
  '',
  ' ',
  '\u0000',
  '\ud83d\ude00',
  'x'.repeat(300),
];

const stringValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...STRINGS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const intValue: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -3, max: 30 }),
  fc.constantFrom(0, 1, 1000, 1001, 5000, 2147483647, -2147483648),
);

/** A JS value for an input type: usually of that type, sometimes not (null, a string, ...). */
function inputValue(g: Gen, type: GraphQLInputType, budget: number): unknown {
  if (g(fc.integer, { min: 0, max: 39 }) === 0)
    return g(fc.constantFrom, null, 'oops', 3.5, [], {}, true);
  if (isNonNullType(type)) return inputValue(g, type.ofType, budget);
  if (isListType(type)) {
    const length = g(fc.integer, { min: 0, max: budget > 0 ? 3 : 0 });
    return Array.from({ length }, () => inputValue(g, type.ofType, budget - 1));
  }
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields()))
      if (isNonNullType(field.type) || g(fc.boolean))
        out[field.name] = inputValue(g, field.type, budget - 1);
    return out;
  }
  if (isEnumType(type))
    return g(fc.constantFrom, ...type.getValues().map((v) => v.name), 'NOT_A_VALUE');
  switch (type.name) {
    case 'Int':
      return g(() => intValue);
    case 'Float':
      return g(fc.double, { noNaN: true, noDefaultInfinity: true, min: -10, max: 10 });
    case 'Boolean':
      return g(fc.boolean);
    default:
      return g(() => stringValue);
  }
}

/** A value written as a GraphQL literal (enum values bare, strings quoted). */
function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const item = isListType(getNullableType(type))
      ? (getNullableType(type) as { ofType: GraphQLInputType }).ofType
      : type;
    return `[${value.map((v) => literal(v, item)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${literal(v, fields[k]?.type ?? named)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string' && isEnumType(named)) return value;
  return JSON.stringify(value);
}

interface Document {
  readonly variables: Record<string, unknown>;
  readonly variableDefinitions: string[];
  readonly fragments: string[];
  /** Response names of fields with arguments: another use gets an alias, not a conflict. */
  readonly argumentFields: Set<string>;
}

function argumentText(g: Gen, argument: GraphQLArgument, doc: Document): string | undefined {
  if (!isNonNullType(argument.type) && g(fc.integer, { min: 0, max: 2 }) === 0) return undefined;
  const value = inputValue(g, argument.type, 2);
  if (g(fc.boolean)) {
    const name = `v${doc.variableDefinitions.length}`;
    doc.variableDefinitions.push(`$${name}: ${String(argument.type)}`);
    if (g(fc.integer, { min: 0, max: 19 }) > 0) doc.variables[name] = value;
    return `${argument.name}: $${name}`;
  }
  return `${argument.name}: ${literal(value, argument.type)}`;
}

function directive(g: Gen, doc: Document): string {
  switch (g(fc.integer, { min: 0, max: 12 })) {
    case 0:
      return ' @include(if: true)';
    case 1:
      return ' @skip(if: false)';
    case 2: {
      const name = `b${doc.variableDefinitions.length}`;
      doc.variableDefinitions.push(`$${name}: Boolean!`);
      doc.variables[name] = g(fc.boolean);
      return ` @include(if: $${name})`;
    }
    default:
      return '';
  }
}

function selectionSet(g: Gen, type: GraphQLObjectType, depth: number, doc: Document): string {
  const fields = Object.values(type.getFields());
  const count = g(fc.integer, { min: 1, max: 4 });
  const selections: string[] = [];
  for (let i = 0; i < count; i++) {
    const choice = g(fc.integer, { min: 0, max: 19 });
    if (choice === 0) {
      selections.push('__typename');
      continue;
    }
    if (choice === 1 && depth > 0) {
      const name = `F${doc.fragments.length}`;
      doc.fragments.push('');
      const index = doc.fragments.length - 1;
      doc.fragments[index] =
        `fragment ${name} on ${type.name} ${selectionSet(g, type, depth - 1, doc)}`;
      selections.push(`...${name}`);
      continue;
    }
    if (choice === 2 && depth > 0) {
      selections.push(`... on ${type.name} ${selectionSet(g, type, depth - 1, doc)}`);
      continue;
    }
    const field = fields[g(fc.nat, { max: fields.length - 1 })];
    if (!field) continue;
    let alias = g(fc.integer, { min: 0, max: 5 }) === 0 ? `a${doc.argumentFields.size}_${i}: ` : '';
    if (field.args.length > 0) {
      if (!alias && doc.argumentFields.has(field.name)) alias = `r${doc.argumentFields.size}: `;
      doc.argumentFields.add(alias ? alias.slice(0, -2) : field.name);
    }
    const args = field.args
      .map((a) => argumentText(g, a, doc))
      .filter((a): a is string => a !== undefined);
    const head = `${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''}${directive(g, doc)}`;
    const target = getNamedType(field.type);
    if (isLeafType(target)) selections.push(head);
    else if (isObjectType(target))
      selections.push(
        `${head} ${depth > 0 ? selectionSet(g, target, depth - 1, doc) : '{ __typename }'}`,
      );
    else if (isInterfaceType(target)) selections.push(`${head} { __typename }`);
  }
  return `{ ${selections.join(' ')} }`;
}

/** An operation over the schema: fields, arguments (literals and variables), fragments, directives. */
function operation(g: Gen, schema: GraphQLSchema): { query: string; variables: unknown } {
  const mutation = schema.getMutationType();
  const root =
    mutation && g(fc.integer, { min: 0, max: 5 }) === 0 ? mutation : schema.getQueryType();
  if (!root) throw new Error('schema without a query type');
  const doc: Document = {
    variables: {},
    variableDefinitions: [],
    fragments: [],
    argumentFields: new Set(),
  };
  const body = selectionSet(g, root, g(fc.integer, { min: 0, max: 5 }), doc);
  const keyword = root === mutation ? 'mutation' : 'query';
  const head = doc.variableDefinitions.length ? `(${doc.variableDefinitions.join(', ')})` : '';
  return {
    query: [`${keyword}${head} ${body}`, ...doc.fragments].join('\n'),
    variables: doc.variables,
  };
}

/** Random edits of a document: it no longer parses, or parses into something else. */
function mangle(g: Gen, text: string): string {
  let out = text;
  const edits = g(fc.integer, { min: 1, max: 4 });
  for (let i = 0; i < edits; i++) {
    const at = g(fc.nat, { max: out.length });
    switch (g(fc.integer, { min: 0, max: 4 })) {
      case 0:
        out = out.slice(0, at) + out.slice(at + g(fc.integer, { min: 1, max: 8 }));
        break;
      case 1:
        out =
          out.slice(0, at) +
          g(fc.constantFrom, ...'{}()[]:$@!.,"\\#&|=\n\u0000\ufeff') +
          out.slice(at);
        break;
      case 2:
        out =
          out.slice(0, at) +
          out.slice(at, at + 20).repeat(g(fc.integer, { min: 2, max: 30 })) +
          out.slice(at + 20);
        break;
      case 3:
        out = out.slice(0, at);
        break;
      default:
        out = out.slice(0, at) + g(fc.string, { maxLength: 8 }) + out.slice(at);
    }
  }
  return out;
}

/** Documents aimed at the limits: fan-outs, floods, nesting, circles, huge literals. */
function adversarial(g: Gen): { kind: string; query: string; variables: unknown } {
  // `variables` as a string: the JSON text itself
  const n = (max: number) => g(fc.integer, { min: 1, max });
  switch (g(fc.integer, { min: 0, max: 11 })) {
    case 0:
      return { kind: 'fragment fan-out', query: fragmentBomb(n(40)), variables: {} };
    case 1:
      return {
        kind: 'alias flood',
        query: aliasFlood(
          g(() => fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.constant(200_000))),
          g(
            fc.constantFrom,
            '__typename',
            'identityStats { persons }',
            'people(first: 1000) { totalCount }',
          ),
        ),
        variables: {},
      };
    case 2: {
      const depth = n(5000);
      return {
        kind: 'nesting',
        query: `{ ${'person { '.repeat(depth)}oneId${' }'.repeat(depth)} }`,
        variables: {},
      };
    }
    case 3: {
      const circles = n(8);
      return {
        kind: 'introspection circles',
        query: `{ __schema { types { ${'fields { type { '.repeat(circles)}name${' } }'.repeat(circles)} } } }`,
        variables: {},
      };
    }
    case 4: {
      const depth = n(400);
      return {
        kind: 'ofType chain',
        query: `{ __type(name: "Query") { ${'ofType { '.repeat(depth)}name${' }'.repeat(depth)} } }`,
        variables: {},
      };
    }
    case 5:
      return {
        kind: 'directive flood',
        query: `{ ${'__typename @include(if: true) '.repeat(n(500))}}`,
        variables: {},
      };
    case 6:
      return {
        kind: 'long expression',
        query: `query($e: String!) { audience(expression: $e) { count } }`,
        variables: {
          e: g(fc.constantFrom, '(', 'NOT ', '"At Risk" AND ', 'ALL(').repeat(n(20000)),
        },
      };
    case 7:
      return {
        kind: 'long literal',
        query: `{ person(oneId: "${'x'.repeat(n(200_000))}") { oneId } }`,
        variables: {},
      };
    case 8: {
      // written out: JSON.stringify recurses, and would overflow before the server does
      const depth = n(5000);
      return {
        kind: 'nested variable',
        query: 'query($ids: [IdentifierInput!]) { __typename }',
        variables: `{"ids": ${'['.repeat(depth)}"x"${']'.repeat(depth)}}`,
      };
    }
    case 9:
      return {
        kind: 'first by variable',
        query: `query($n: Int!) { ${Array.from({ length: n(40) }, (_, i) => `p${i}: people(first: $n) { nodes { oneId } }`).join(' ')} }`,
        variables: { n: g(fc.constantFrom, 1, 10, 1000, 2147483647, -1, 0) },
      };
    case 10:
      return {
        kind: 'many operations',
        query: Array.from({ length: n(200) }, (_, i) => `query Q${i % 7} { __typename }`).join(
          '\n',
        ),
        variables: {},
      };
    default:
      return {
        kind: 'comment flood',
        query: `# ${'x'.repeat(n(100_000))}\n{ __typename }`,
        variables: {},
      };
  }
}

/** A body that is not a proper GraphQL request. */
function malformedBody(g: Gen): string {
  return g(
    fc.constantFrom,
    '',
    'not json',
    '{"query": ',
    'null',
    '42',
    '"{ __typename }"',
    '[]',
    '[{"query": "{ __typename }"}, {"query": "{ __typename }"}]',
    '{}',
    '{"query": 5}',
    '{"query": null}',
    '{"query": "{ __typename }", "variables": "x"}',
    '{"query": "{ __typename }", "variables": [1, 2]}',
    '{"query": "{ __typename }", "operationName": 7}',
    '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "00"}}}',
    '{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38"}}}',
    '{"extensions": {"persistedQuery": {"version": 2}}}',
    '{"query": "{ __typename }", "variables": {"__proto__": {"polluted": true}}}',
    `{"query": "${'['.repeat(10000)}"}`,
    `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  );
}

/** Mostly a reader, as most callers are; a steward reaches mutations and steward fields. */
const KEY_MIX = [
  ...Array<'reader'>(12).fill('reader'),
  ...Array<'steward'>(6).fill('steward'),
  'none',
  'wrong',
] as const;

/** Requests to /graphql: mostly real operations, some mangled, some adversarial, some junk. */
export function fuzzRequest(schema: GraphQLSchema): fc.Arbitrary<FuzzRequest> {
  return fc.gen().map((g) => {
    const key = g(fc.constantFrom, ...KEY_MIX);
    const json = { 'content-type': 'application/json' };
    const post = (kind: string, query: string, variables: unknown): FuzzRequest => ({
      kind,
      method: 'POST',
      search: '',
      headers: json,
      body: `{"query": ${JSON.stringify(query)}, "variables": ${typeof variables === 'string' ? variables : JSON.stringify(variables)}}`,
      key,
    });
    switch (g(fc.integer, { min: 0, max: 9 })) {
      case 0:
      case 1:
      case 2:
      case 3: {
        const { query, variables } = operation(g, schema);
        return post('operation', query, variables);
      }
      case 4:
      case 5: {
        const { query, variables } = operation(g, schema);
        return post('mangled', mangle(g, query), variables);
      }
      case 6:
      case 7: {
        const { kind, query, variables } = adversarial(g);
        return post(kind, query, variables);
      }
      case 8:
        return {
          kind: 'malformed body',
          method: 'POST',
          search: '',
          headers: json,
          body: malformedBody(g),
          key,
        };
      default: {
        const { query } = g(fc.boolean) ? operation(g, schema) : adversarial(g);
        const headers: Record<string, string> = g(fc.boolean)
          ? { 'apollo-require-preflight': '1' }
          : {};
        if (g(fc.boolean))
          headers['content-type'] = g(
            fc.constantFrom,
            'text/plain',
            'application/graphql',
            'multipart/form-data',
          );
        const method = g(fc.constantFrom, 'GET', 'POST');
        return {
          kind: `${method} with query string`,
          method,
          search: `?query=${encodeURIComponent(query.slice(0, 6000))}`,
          headers,
          body: method === 'POST' ? g(fc.constantFrom, '', query) : undefined,
          key,
        };
      }
    }
  });
}
