import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { freshDatabase } from '../support/db.js';
import { KEYS, startService, type RunningService } from '../support/service.js';

/**
 * Issue 12, defects 4 and 12, reproduced through HTTP as the issue reports them: a conflicting
 * link moves nothing, and undoing a merge on the seed data restores both OneIDs.
 */

let db: Gateway;
let service: RunningService;

beforeAll(async () => {
  db = await freshDatabase();
  service = await startService(14005);
});
afterAll(async () => {
  await service?.stop();
  await db?.close();
});

const ONE_ID = `{ person(identifier: $id) { oneId identifiers { type value } } }`;

async function oneIdOf(type: string, value: string): Promise<string | undefined> {
  const { data } = await service.gql<{ person: { oneId: string } | null }>(
    `query ($id: IdentifierInput!) ${ONE_ID}`,
    { id: { type, value } },
  );
  return data?.person?.oneId;
}

describe('OneIDs through the API', () => {
  it('a conflicting link right after the links it conflicts with moves no device and retires no OneID', async () => {
    const resolve = async (type: string, value: string, links: object[]) => {
      const res = await service.gql<{ resolveId: { oneId: string } }>(
        `mutation ($type: String!, $value: String!, $links: [IdentifierInput!]) {
          resolveId(type: $type, value: $value, links: $links) { oneId }
        }`,
        { type, value, links },
        KEYS.service,
      );
      expect(res.errors).toBeUndefined();
      return res.data?.resolveId.oneId;
    };
    const a = await resolve('member_id', 'HARDEN_A', [{ type: 'device_id', value: 'harden-da' }]);
    const b = await resolve('member_id', 'HARDEN_B', [{ type: 'device_id', value: 'harden-db' }]);
    await resolve('device_id', 'harden-da', [{ type: 'device_id', value: 'harden-db' }]);
    expect(await oneIdOf('device_id', 'harden-db')).toBe(b);
    expect(await oneIdOf('member_id', 'HARDEN_B')).toBe(b);
    expect(await oneIdOf('device_id', 'harden-da')).toBe(a);
    const { data } = await service.gql<{ conflicts: { reason: string }[] }>(
      '{ conflicts { reason } }',
      {},
      KEYS.steward,
    );
    expect(data?.conflicts.map((c) => c.reason)).toContain(
      'would give one person 2 member_id (at most 1)',
    );
  });

  it('linking MBR001 to CUS013085 and unlinking them gives both their OneIDs back', async () => {
    const member = await oneIdOf('member_id', 'MBR001');
    const customer = await oneIdOf('customer_id', 'CUS013085');
    expect(member).toMatch(/^OID\d{10}$/);
    expect(customer).not.toBe(member);
    const pair = {
      a: { type: 'member_id', value: 'MBR001' },
      b: { type: 'customer_id', value: 'CUS013085' },
    };
    const link = await service.gql(
      `mutation ($a: IdentifierInput!, $b: IdentifierInput!) {
        linkIdentifiers(a: $a, b: $b) { personsRetired }
      }`,
      pair,
      KEYS.steward,
    );
    expect(link.errors).toBeUndefined();
    expect(await oneIdOf('customer_id', 'CUS013085')).toBe(member);

    const unlink = await service.gql(
      `mutation ($a: IdentifierInput!, $b: IdentifierInput!) {
        unlinkIdentifiers(a: $a, b: $b) { createdOneIds }
      }`,
      pair,
      KEYS.steward,
    );
    expect(unlink.errors).toBeUndefined();
    // No new person: the customer's retired one comes back.
    expect(unlink.data).toEqual({ unlinkIdentifiers: { createdOneIds: [] } });
    expect(await oneIdOf('member_id', 'MBR001')).toBe(member);
    expect(await oneIdOf('customer_id', 'CUS013085')).toBe(customer);
    // The customer's OneID answers for itself again, with its history.
    const { data } = await service.gql<{
      person: { oneId: string; history: { kind: string; otherOneId: string }[] };
    }>(`{ person(oneId: "${customer}") { oneId history { kind otherOneId } } }`);
    expect(data?.person.oneId).toBe(customer);
    expect(data?.person.history).toEqual([
      { kind: 'MERGED_INTO', otherOneId: member },
      { kind: 'SPLIT_FROM', otherOneId: member },
    ]);
  });
});
