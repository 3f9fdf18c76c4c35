import fc from 'fast-check';
import {
  buildSchema,
  getIntrospectionQuery,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasLimit, directiveLimit } from '../../src/graphql/limits/count-limits.js';
import { depthLimit } from '../../src/graphql/limits/depth-limit.js';
import { documentSizeExcess } from '../../src/graphql/limits/document-size.js';
import { operationCost } from '../../src/graphql/limits/operation-cost.js';
import { projectRoot } from '../../src/paths.js';
import { fragmentBomb } from '../support/graphql-documents.js';

const schema = buildSchema(readFileSync(join(projectRoot, 'schema', 'schema.graphql'), 'utf8'));

function errors(query: string, rules: ValidationRule[]): string[] {
  return validate(schema, parse(query), [...specifiedRules, ...rules]).map((e) => e.message);
}

function operationOf(document: DocumentNode): OperationDefinitionNode {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('no operation');
  return operation;
}

function cost(query: string, variables: Record<string, unknown> = {}, on = schema): number {
  const document = parse(query);
  return operationCost(on, document, operationOf(document), variables);
}

describe('depth limit', () => {
  it('measures fields nested, fragments expanded', () => {
    const query = `{ person(oneId: "x") { ...P } }
      fragment P on Person { identifiers { type } rfm { ... on Rfm { segment } } }`;
    expect(errors(query, [depthLimit(3)])).toEqual([]);
    expect(errors(query, [depthLimit(2)])).toEqual(['Query depth 3 exceeds the limit of 2.']);
  });

  it('checks a fragment fan-out of depth 30 in linear time', () => {
    const started = performance.now();
    expect(errors(fragmentBomb(30), [depthLimit(10)])).toEqual([]);
    expect(performance.now() - started).toBeLessThan(50);
    // 400 levels: the time would double per level if fragments were expanded again
    const deep = performance.now();
    validate(schema, parse(fragmentBomb(400)), [depthLimit(10)]);
    expect(performance.now() - deep).toBeLessThan(1000);
  });

  it('neither loops nor throws on a fragment cycle (NoFragmentCycles reports it)', () => {
    const query = `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A __typename }`;
    expect(errors(query, [depthLimit(10)])).toEqual([
      'Cannot spread fragment "A" within itself via "B".',
    ]);
  });

  it("answers GraphiQL's introspection query (its 7 to 9 ofType levels do not count)", () => {
    for (const typeDepth of [7, 9]) {
      const query = getIntrospectionQuery({ typeDepth, inputValueDeprecation: true });
      expect(errors(query, [depthLimit(10)])).toEqual([]);
    }
  });

  it('leaves introspection walking the schema in circles to graphql-js', () => {
    const circles =
      '{ __type(name: "Query") { fields { type { fields { type { fields { name } } } } } } }';
    expect(errors(circles, [depthLimit(10)])).toEqual(['Maximum introspection depth exceeded']);
  });
});

describe('cost', () => {
  it('multiplies by first: the literal, the variable, or the default', () => {
    // 1 (people) + first * (1 (nodes) + 1 (oneId))
    expect(cost('{ people(first: 1000) { nodes { oneId } } }')).toBe(2001);
    expect(cost('query($n: Int!) { people(first: $n) { nodes { oneId } } }', { n: 1000 })).toBe(
      2001,
    );
    expect(cost('{ people { nodes { oneId } } }')).toBe(41);
    expect(cost('query($n: Int) { people(first: $n) { nodes { oneId } } }')).toBe(41);
  });

  it('multiplies by the number of identifiers of persons(identifiers:), literal or variable', () => {
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ type: 'member_id', value: `M${i}` }));
    const literal = `{ persons(identifiers: [${ids(3)
      .map((i) => `{ type: "${i.type}", value: "${i.value}" }`)
      .join(', ')}]) { oneId identifiers { value } } }`;
    // 1 (persons) + 3 * (1 (oneId) + 1 (identifiers) + 1 (value))
    expect(cost(literal)).toBe(10);
    const query = 'query($ids: [IdentifierInput!]!) { persons(identifiers: $ids) { oneId } }';
    expect(cost(query, { ids: ids(100) })).toBe(101);
    expect(cost(query, { ids: [] })).toBe(2);
  });

  it('does not multiply a field that answers one summary for its identifiers list', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => ({ type: 'member_id', value: `M${i}` }));
    const query =
      'mutation($ids: [IdentifierInput!]!) { addToSegment(name: "L", identifiers: $ids) { changed count } }';
    // 1 (addToSegment) + 1 (changed) + 1 (count)
    expect(cost(query, { ids })).toBe(3);
  });

  it('adds aliases and costs each fragment once, however often it is spread', () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `p${i}: people(first: $n) { ...N }`);
    const query = `query($n: Int!) { ${aliases.join(' ')} } fragment N on PersonPage { nodes { oneId } }`;
    expect(cost(query, { n: 1000 })).toBe(40 * 2001);
    expect(cost(fragmentBomb(30))).toBe(2 ** 30);
    expect(cost(fragmentBomb(1100))).toBe(Infinity);
  });

  it('equals the cost of the document with every fragment written out', () => {
    const recursive = buildSchema(
      'type Query { leaf: Int, one: Query, list(first: Int! = 3): [Query!]! }',
    );
    fc.assert(
      fc.property(recursiveDocument, ({ query, expanded }) => {
        const variables = { n: 7 };
        expect(cost(query, variables, recursive)).toBe(cost(expanded, variables, recursive));
        const depthOf = (q: string) =>
          Array.from({ length: 12 }, (_, max) => max).find(
            (max) => validate(recursive, parse(q), [depthLimit(max)]).length === 0,
          );
        expect(depthOf(query)).toBe(depthOf(expanded));
      }),
      { numRuns: 100 },
    );
  });
});

describe('document limits', () => {
  it('counts aliases and directives as written', () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect(errors(aliases, [aliasLimit(30)])).toEqual([
      'The document has 31 aliases; the limit is 30.',
    ]);
    expect(errors(aliases, [aliasLimit(31)])).toEqual([]);
    const directives = `{ __typename ${'@include(if: true) '.repeat(3)} }`;
    expect(errors(directives, [directiveLimit(2)])).toContain(
      'The document has 3 directives; the limit is 2.',
    );
  });

  it('refuses a document over its bytes or tokens, before parsing', () => {
    const limits = { maxBytes: 100, maxTokens: 10 };
    expect(documentSizeExcess('{ a b c }', limits)).toBeUndefined();
    expect(documentSizeExcess(`{ a } # ${'x'.repeat(100)}`, limits)?.message).toBe(
      'The GraphQL document is 108 bytes; the limit is 100.',
    );
    expect(documentSizeExcess(`"${'é'.repeat(50)}"`, limits)?.limit).toBe('bytes');
    expect(documentSizeExcess('{ a b c d e f g h i j }', limits)?.message).toBe(
      'The GraphQL document has more than 10 tokens, the limit.',
    );
    // comments are no tokens; a document the lexer rejects is the parser's to report
    expect(documentSizeExcess('# a b c d e f g h i j k\n{ a }', limits)).toBeUndefined();
    expect(documentSizeExcess('{ "unterminated', limits)).toBeUndefined();
  });
});

/**
 * A document over `type Query { leaf, one: Query, list(first): [Query!]! }` with fragments
 * spreading earlier fragments, and the same document with every spread written out.
 */
const recursiveDocument = fc
  .integer({ min: 0, max: 4 })
  .chain((fragments) => {
    const selection = (maxFragment: number): fc.Arbitrary<string> =>
      fc.letrec<{ set: string; item: string }>((tie) => ({
        set: fc
          .array(tie('item'), { minLength: 1, maxLength: 3 })
          .map((items) => `{ ${items.join(' ')} }`),
        item: fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          fc.constant('leaf'),
          ...(maxFragment > 0
            ? [fc.integer({ min: 0, max: maxFragment - 1 }).map((i) => `...F${i}`)]
            : []),
          tie('set').map((set) => `one ${set}`),
          fc
            .tuple(fc.constantFrom('', '(first: 2)', '(first: $n)'), tie('set'))
            .map(([args, set]) => `list${args} ${set}`),
          tie('set').map((set) => `... on Query ${set}`),
        ),
      })).set;
    return fc.tuple(
      fc.tuple(...Array.from({ length: fragments }, (_, i) => selection(i))),
      selection(fragments),
    );
  })
  .map(([fragmentSets, operationSet]) => {
    const expand = (set: string): string =>
      set.replace(
        /\.\.\.F(\d+)/g,
        (_, i: string) => `... on Query ${expand(fragmentSets[Number(i)] ?? '')}`,
      );
    const definitions = fragmentSets.map((set, i) => `fragment F${i} on Query ${set}`);
    return {
      query: [`query($n: Int!) ${operationSet}`, ...definitions].join('\n'),
      expanded: `query($n: Int!) ${expand(operationSet)}`,
    };
  });
