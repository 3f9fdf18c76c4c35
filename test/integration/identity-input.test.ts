import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { sha256Hex } from '../../src/identity/normalize.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { freshDatabase } from '../support/db.js';
import { readGraph } from '../support/graph-facts.js';
import {
  inProcessGraphql,
  type GqlResult,
  type InProcessGraphql,
} from '../support/graphql-exec.js';
import { id } from '../support/identity.js';

/**
 * The identity mutations take identifiers, confidences and sources through one path: what
 * one of them accepts (a raw mobile, normalized and hashed) the others accept alike, and
 * what one refuses the others refuse with the same BAD_USER_INPUT, naming the field by its
 * path in each mutation's arguments. In process, against the real Neo4j.
 */

let db: Gateway;
let app: App;
let gql: InProcessGraphql;

beforeAll(async () => {
  db = await freshDatabase();
  app = createApp(loadConfig({ ONEID_AS_OF: '2026-06-06' }), db);
  await app.segments.init();
  gql = await inProcessGraphql(app);
});
afterAll(async () => {
  await gql?.stop();
  await db?.close();
});

const read = <T>(cypher: string, params?: Record<string, unknown>) =>
  readGraph<T>(db, cypher, params);

const identifierCount = async () =>
  (await read<{ n: number }>('MATCH (i:Identifier) RETURN count(i) AS n'))[0]?.n;

const CHANGE = 'written createdOneIds personsChanged personsRetired newConflicts skipped';
const LINK = `mutation($a: IdentifierInput!, $b: IdentifierInput!, $confidence: Float! = 1, $source: String! = "steward") {
  linkIdentifiers(a: $a, b: $b, confidence: $confidence, source: $source) { ${CHANGE} }
}`;
const UNLINK = `mutation($a: IdentifierInput!, $b: IdentifierInput!) {
  unlinkIdentifiers(a: $a, b: $b) { ${CHANGE} }
}`;
const RESOLVE_ONE = `mutation($type: String!, $value: String!, $links: [IdentifierInput!], $source: String, $confidence: Float) {
  resolveId(type: $type, value: $value, links: $links, source: $source, confidence: $confidence) { oneId }
}`;
const RESOLVE = `mutation($inputs: [ResolveIdInput!]!) { resolveIds(inputs: $inputs) { oneId } }`;
const UPSERT = `mutation($rows: [IdMappingInput!]!) { upsertIdMappings(rows: $rows) { ${CHANGE} } }`;

const M1 = id('member_id', 'IN-M1');
const U1 = id('union_id', 'IN-U1');
const D1 = id('device_id', 'IN-D1');

function refusal(result: GqlResult<unknown>) {
  expect(result.errors, JSON.stringify(result.data)).toHaveLength(1);
  const [error] = result.errors ?? [];
  return {
    code: error?.extensions?.code,
    field: error?.extensions?.field,
    message: error?.message,
  };
}

const mappingRow = (oneId: string, idType: string, idValue: string) => ({
  oneId,
  idType,
  idValue,
  confidence: 1,
  firstSeen: '2024-01-01T00:00:00Z',
});

describe('one input path for linkIdentifiers, unlinkIdentifiers, resolveId(s) and upsertIdMappings', () => {
  it('unlinkIdentifiers takes the raw mobile linkIdentifiers took, written differently', async () => {
    const mobile = { type: 'mobile', value: '138 0013 8000' };
    const linked = await gql.run(LINK, { a: M1, b: mobile }, 'steward');
    expect(linked.errors).toBeUndefined();
    const hashed = `mobile_hash:${sha256Hex('+8613800138000')}`;
    const link = () =>
      read<{ active: boolean }>(
        'MATCH (:Identifier {key: $a})-[r:LINKED]-(:Identifier {key: $b}) RETURN r.active AS active',
        { a: `${M1.type}:${M1.value}`, b: hashed },
      );
    expect(await link()).toEqual([{ active: true }]);

    const unlinked = await gql.run(
      UNLINK,
      { a: M1, b: { type: 'mobile', value: '+86 138-0013-8000' } },
      'steward',
    );
    expect(unlinked.errors).toBeUndefined();
    expect(unlinked.data).toMatchObject({ unlinkIdentifiers: { written: 1 } });
    expect(await link()).toEqual([{ active: false }]);
  });

  /** Identifiers each mutation must refuse, and the part of the identifier at fault. */
  const badIdentifiers: [string, { type: string; value: string }, 'type' | 'value'][] = [
    ['an unknown type', { type: 'shoe_size', value: '42' }, 'type'],
    ['an oversize type', { type: 't'.repeat(65), value: '42' }, 'type'],
    ['a raw mobile that is not a number', { type: 'mobile', value: '12' }, 'value'],
    ['a raw email that is not an address', { type: 'email', value: 'alice@' }, 'value'],
    ['a plain number under mobile_hash', { type: 'mobile_hash', value: '13800138000' }, 'value'],
    ['a blocked placeholder', { type: 'member_id', value: 'null' }, 'value'],
    ['an invisible value', { type: 'member_id', value: '\u200b' }, 'value'],
    ['an oversize value', { type: 'member_id', value: 'M'.repeat(300) }, 'value'],
  ];

  it.each(badIdentifiers)(
    '%s is the same BAD_USER_INPUT in every mutation, naming the field by its path',
    async (_, bad, part) => {
      const before = await identifierCount();
      const idPart = part === 'type' ? 'idType' : 'idValue';
      const calls: [string, Record<string, unknown>, 'steward' | 'service', string][] = [
        [LINK, { a: bad, b: M1 }, 'steward', `a.${part}`],
        [LINK, { a: M1, b: bad }, 'steward', `b.${part}`],
        [UNLINK, { a: bad, b: M1 }, 'steward', `a.${part}`],
        [UNLINK, { a: M1, b: bad }, 'steward', `b.${part}`],
        [RESOLVE_ONE, bad, 'service', part],
        [RESOLVE_ONE, { ...D1, links: [U1, bad] }, 'service', `links[1].${part}`],
        [RESOLVE, { inputs: [D1, U1, bad] }, 'service', `inputs[2].${part}`],
        [
          RESOLVE,
          { inputs: [D1, U1, { ...D1, links: [bad] }] },
          'service',
          `inputs[2].links[0].${part}`,
        ],
        [
          UPSERT,
          {
            rows: [
              mappingRow('IN-X1', D1.type, D1.value),
              mappingRow('IN-X1', U1.type, U1.value),
              mappingRow('IN-X2', M1.type, M1.value),
              mappingRow('IN-X2', bad.type, bad.value),
            ],
          },
          'service',
          `rows[3].${idPart}`,
        ],
      ];
      const refusals = [];
      for (const [query, variables, role, field] of calls) {
        const got = refusal(await gql.run(query, variables, role));
        expect({ query, variables, got }).toMatchObject({
          query,
          variables,
          got: { code: 'BAD_USER_INPUT', field },
        });
        refusals.push(got.message);
      }
      // one check, one message
      expect(new Set(refusals).size).toBe(1);
      expect(refusals[0]).not.toContain('13800138000');
      expect(await identifierCount()).toBe(before);
      expect(gql.logged).toEqual([]);
    },
  );

  it('the external OneID of a mapping row takes the same check: rows[i].oneId', async () => {
    const result = await gql.run(
      UPSERT,
      { rows: [mappingRow('IN-X3', M1.type, M1.value), mappingRow('null', U1.type, U1.value)] },
      'service',
    );
    expect(refusal(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows[1].oneId' });
  });

  const badArguments: [string, Record<string, unknown>, string][] = [
    ['a confidence above 1', { confidence: 1.5 }, 'confidence'],
    ['a confidence of 0', { confidence: 0 }, 'confidence'],
    ['an oversize source', { source: 's'.repeat(65) }, 'source'],
  ];

  it.each(badArguments)(
    '%s is the same BAD_USER_INPUT in linkIdentifiers, resolveId and resolveIds',
    async (_, args, field) => {
      const calls: [string, Record<string, unknown>, 'steward' | 'service', string][] = [
        [LINK, { a: M1, b: U1, ...args }, 'steward', field],
        [RESOLVE_ONE, { ...D1, links: [U1], ...args }, 'service', field],
        [
          RESOLVE,
          { inputs: [D1, { ...D1, links: [U1], ...args }] },
          'service',
          `inputs[1].${field}`,
        ],
      ];
      const messages = [];
      for (const [query, variables, role, path] of calls) {
        const got = refusal(await gql.run(query, variables, role));
        expect({ query, got }).toMatchObject({
          query,
          got: { code: 'BAD_USER_INPUT', field: path },
        });
        messages.push((got.message ?? '').replace(`inputs[1].${field}`, field));
      }
      expect(new Set(messages).size).toBe(1);
    },
  );
});
