import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdcIngest } from '../../../src/ingest/cdc/cdc-ingest.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';
import { memberFacts, readGraph } from '../../support/graph-facts.js';
import { cdcRunner, crmClient, eventually, streamServices } from '../../support/stream-app.js';
import type { StreamServices } from '../../support/streams.js';

/**
 * The CRM table's consent_ads / consent_email columns through the binlog: a statement at the
 * row's updated_at, NULL for none, an older row changing nothing. Each write refreshes the
 * member's person (p.consents) and records it in the change feed.
 */

const insertMember = `INSERT INTO members (member_id, real_name, register_date, level, updated_at, consent_ads, consent_email)
  VALUES (?, 'Consent', '2020-01-15', 'gold', ?, ?, ?)`;

interface ConsentFacts {
  readonly pid: number | null;
  readonly consents: string[];
  readonly ads: boolean | null;
  readonly adsAt: string | null;
  readonly email: boolean | null;
  /** The latest feed entry that lists the person. */
  readonly lastChange: number | null;
}

async function consentFacts(db: Gateway, memberId: string): Promise<ConsentFacts | undefined> {
  const [row] = await readGraph<ConsentFacts>(
    db,
    `MATCH (m:Identifier {key: $key})-[:BELONGS_TO]->(p:Person)
     OPTIONAL MATCH (c:Change) WHERE p.pid IN c.pids
     RETURN p.pid AS pid, coalesce(p.consents, []) AS consents, m.consentAds AS ads,
            m.consentAdsAt AS adsAt, m.consentEmail AS email, max(c.seq) AS lastChange`,
    { key: `member_id:${memberId}` },
  );
  return row;
}

describe('binlog CDC of the consent columns', () => {
  let services: StreamServices;
  let db: Gateway;
  let crm: Connection;
  let cdc: CdcIngest;

  /** Waits for the member's facts to satisfy `ok`. */
  const until = (memberId: string, ok: (f: ConsentFacts) => boolean, what: string) =>
    eventually(
      async () => {
        const f = await consentFacts(db, memberId);
        return f && ok(f) ? f : undefined;
      },
      20_000,
      what,
    );

  beforeAll(async () => {
    services = await streamServices();
    db = await freshDatabase();
    crm = await crmClient(services);
    await crm.query('DELETE FROM members');
    // present before the stream starts: comes in through the snapshot
    await crm.query(insertMember, ['MBRCS1', '2024-11-01 10:00:00', 1, null]);
    cdc = cdcRunner(db, services);
    cdc.start();
  });

  afterAll(async () => {
    await cdc?.stop();
    await crm?.end();
    await db?.close();
  });

  it('the snapshot carries the statements', async () => {
    const f = await until('MBRCS1', (f) => f.consents.length > 0, 'the snapshot');
    expect(f.consents).toEqual(['ads']);
    expect(f).toMatchObject({ ads: true, adsAt: '2024-11-01T10:00:00', email: null });
    expect(f.lastChange).toBeGreaterThan(0);
  });

  it('an UPDATE withdraws one purpose and grants the other, recorded in the feed', async () => {
    const before = (await consentFacts(db, 'MBRCS1'))?.lastChange ?? 0;
    await crm.query(
      "UPDATE members SET consent_ads = 0, consent_email = 1, updated_at = '2024-11-02 10:00:00' WHERE member_id = 'MBRCS1'",
    );
    const f = await until('MBRCS1', (f) => f.email === true, 'the update');
    expect(f.consents).toEqual(['email']);
    expect(f.ads).toBe(false);
    expect(f.lastChange).toBeGreaterThan(before);
  });

  it('NULL leaves the stored statement; an older row changes nothing', async () => {
    await crm.query(
      "UPDATE members SET consent_ads = NULL, consent_email = NULL, level = 'silver', updated_at = '2024-11-03 10:00:00' WHERE member_id = 'MBRCS1'",
    );
    await eventually(
      async () => ((await memberFacts(db, 'MBRCS1'))?.level === 'silver' ? true : undefined),
      20_000,
      'the level update',
    );
    expect((await consentFacts(db, 'MBRCS1'))?.consents).toEqual(['email']);
    // a row whose updated_at goes back (the CRM's clock, a restore): its statements are older
    await crm.query(
      "UPDATE members SET consent_ads = 1, consent_email = 0, updated_at = '2024-10-01 10:00:00' WHERE member_id = 'MBRCS1'",
    );
    await crm.query(insertMember, ['MBRCS2', '2024-11-04 10:00:00', null, 1]);
    await until('MBRCS2', (f) => f.consents.length > 0, 'the row after the older one');
    const f = await consentFacts(db, 'MBRCS1');
    expect(f).toMatchObject({ consents: ['email'], ads: false, email: true });
    expect(f?.adsAt).toBe('2024-11-02T10:00:00');
  });
});
