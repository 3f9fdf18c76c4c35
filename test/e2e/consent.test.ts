import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { freshDatabase } from '../support/db.js';
import { KEYS, startService, type RunningService } from '../support/service.js';

/**
 * setConsent over HTTP as a service calls it, and a second `oneid serve` on the same graph
 * reading the person with the write's sequence (x-oneid-min-seq): consent travels through
 * the change feed like any other person change.
 */

let db: Gateway;
let a: RunningService;
let b: RunningService;

const CONSENT = 'consent { purpose granted at source }';
const SET = `mutation($purpose: ConsentPurpose!, $granted: Boolean!, $at: DateTime) {
  setConsent(identifier: {type: "member_id", value: "MBR001"}, purpose: $purpose, granted: $granted, at: $at) { oneId ${CONSENT} }
}`;
const READ = `{ person(identifier: {type: "member_id", value: "MBR001"}) { oneId ${CONSENT} } }`;

beforeAll(async () => {
  db = await freshDatabase();
  a = await startService(14061);
  b = await startService(14062, { ONEID_FEED_POLL_MS: '600000' });
}, 300_000);
afterAll(async () => {
  await b?.stop();
  await a?.stop();
  await db?.close();
});

describe('consent over HTTP, across processes', () => {
  it('setConsent answers with the sequence; another process reads it at that sequence', async () => {
    const before = await b.gql<{ person: { consent: { granted: boolean }[] } }>(
      READ,
      {},
      KEYS.reader,
    );
    expect(before.data?.person.consent.map((c) => c.granted)).toEqual([false, false]);
    const set = await a.gql<{ setConsent: { oneId: string } }>(
      SET,
      { purpose: 'EMAIL', granted: true, at: '2025-01-01T00:00:00Z' },
      KEYS.service,
    );
    expect(set.errors).toBeUndefined();
    const seq = set.extensions?.sequence ?? 0;
    expect(seq).toBeGreaterThan(0);
    // b polls its feed only every 10 minutes: the header makes it catch up to the write
    const after = await b.gql<{ person: { oneId: string; consent: unknown[] } }>(
      READ,
      {},
      KEYS.reader,
      seq,
    );
    expect(after.extensions?.sequence).toBeGreaterThanOrEqual(seq);
    expect(after.data?.person).toEqual({
      oneId: set.data?.setConsent.oneId,
      consent: [
        { purpose: 'ADS', granted: false, at: null, source: null },
        { purpose: 'EMAIL', granted: true, at: '2025-01-01T00:00:00Z', source: 'api' },
      ],
    });
  });

  it('refuses a reader key and a future time', async () => {
    const reader = await a.gql(SET, { purpose: 'ADS', granted: true }, KEYS.reader);
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const future = await a.gql(
      SET,
      { purpose: 'ADS', granted: true, at: new Date(Date.now() + 3_600_000).toISOString() },
      KEYS.service,
    );
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'at' });
  });
});
