import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/identity/normalize.js';
import type { CdcIngest } from '../../../src/ingest/cdc/cdc-ingest.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';
import { memberFacts } from '../../support/graph-facts.js';
import { cdcRunner, crmClient, eventually, streamServices } from '../../support/stream-app.js';
import { streamServers, type StreamServices } from '../../support/streams.js';

const insertMember = `INSERT INTO members (member_id, mobile_hash, email_hash, real_name, gender, birthday, register_date, channel, level, total_points, updated_at)
  VALUES (?, ?, ?, ?, 'F', '1990-05-12', '2020-01-15', 'offline', 'gold', 1200, ?)`;

// contact hashes as the CRM stores them: SHA-256 hex
const [M_SNAP, E_SNAP, M_X1, M_X2, E_X, M_Y] = [
  'm_snap',
  'e_snap',
  'm_x1',
  'm_x2',
  'e_x',
  'm_y',
].map((label) => sha256Hex(label)) as [string, string, string, string, string, string];

describe('binlog CDC of crm.members', () => {
  let services: StreamServices;
  let db: Gateway;
  let crm: Connection;
  let cdc: CdcIngest;

  const newRunner = () => cdcRunner(db, services);

  beforeAll(async () => {
    services = await streamServices();
    db = await freshDatabase();
    crm = await crmClient(services);
    await crm.query('DELETE FROM members');
    // Present before the stream starts: comes in through the snapshot.
    await crm.query(insertMember, ['MBRSNAP', M_SNAP, E_SNAP, 'Snap Shot', '2024-11-01 10:00:00']);
    cdc = newRunner();
    cdc.start();
  });

  afterAll(async () => {
    await cdc?.stop();
    await crm?.end();
    await db?.close();
  });

  it('copies the existing rows when it has no saved position', async () => {
    const facts = await eventually(() => memberFacts(db, 'MBRSNAP'), 30_000, 'the snapshot');
    expect(facts.activeContacts).toEqual([`email_hash:${E_SNAP}`, `mobile_hash:${M_SNAP}`]);
  });

  it('an INSERT gives a person within seconds', async () => {
    const started = Date.now();
    await crm.query(insertMember, ['MBRX', M_X1, E_X, 'Xavier', '2024-11-02 10:00:00']);
    const [row] = await eventually(
      async () => {
        const rows = await db.readQuery<{ key: string; oneId: string | null; pid: number | null }>(
          'identity/resolve-keys',
          { keys: ['member_id:MBRX'] },
        );
        return rows[0]?.pid != null ? rows : undefined;
      },
      10_000,
      'MBRX to get a person',
    );
    expect(row?.oneId).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(5_000);
    const facts = await memberFacts(db, 'MBRX');
    expect(facts?.personKeys).toEqual([
      `email_hash:${E_X}`,
      'member_id:MBRX',
      `mobile_hash:${M_X1}`,
    ]);
  });

  it('rejects a row with a plain mobile or address under mobile_hash / email_hash, and goes on', async () => {
    const before = cdc.status().rejected;
    await crm.query(insertMember, [
      'MBRP1',
      '+8613987654321',
      null,
      'Plain',
      '2024-11-02 10:00:00',
    ]);
    await crm.query(insertMember, [
      'MBRP2',
      null,
      'p2@example.com',
      'Plain',
      '2024-11-02 10:00:00',
    ]);
    await crm.query(insertMember, ['MBRP3', M_Y, null, 'Fine', '2024-11-02 10:00:00']);
    // a batch's rejections are counted once its write has committed: wait for both
    await eventually(
      async () =>
        (await memberFacts(db, 'MBRP3'))?.pid != null && cdc.status().rejected - before >= 2
          ? true
          : undefined,
      10_000,
      'the valid member after the rejected ones',
    );
    expect(cdc.status().rejected - before).toBe(2);
    expect(await memberFacts(db, 'MBRP1')).toBeUndefined();
    expect(await memberFacts(db, 'MBRP2')).toBeUndefined();
    const leaked = await db.driver.executeQuery(
      "MATCH (i:Identifier) WHERE i.value CONTAINS '3987654321' OR i.value CONTAINS 'p2@' RETURN count(i) AS c",
    );
    expect((leaked.records[0]?.get('c') as { toNumber(): number }).toNumber()).toBe(0);
    await crm.query("DELETE FROM members WHERE member_id IN ('MBRP1', 'MBRP2', 'MBRP3')");
  });

  it('an UPDATE of the mobile moves the mobile_hash', async () => {
    await crm.query(
      "UPDATE members SET mobile_hash = ?, level = 'platinum' WHERE member_id = 'MBRX'",
      [M_X2],
    );
    const facts = await eventually(
      async () => {
        const f = await memberFacts(db, 'MBRX');
        return f?.activeContacts.includes(`mobile_hash:${M_X2}`) ? f : undefined;
      },
      10_000,
      'the new mobile',
    );
    expect(facts.activeContacts).toEqual([`email_hash:${E_X}`, `mobile_hash:${M_X2}`]);
    expect(facts.personKeys).toContain(`mobile_hash:${M_X2}`);
    expect(facts.personKeys).not.toContain(`mobile_hash:${M_X1}`);
    expect(facts.level).toBe('platinum');
  });

  it('a DELETE deactivates the member', async () => {
    await crm.query("DELETE FROM members WHERE member_id = 'MBRX'");
    const facts = await eventually(
      async () => {
        const f = await memberFacts(db, 'MBRX');
        return f?.deleted ? f : undefined;
      },
      10_000,
      'the delete',
    );
    expect(facts.activeContacts).toEqual([]);
    expect(facts.personKeys).toEqual(['member_id:MBRX']);
  });

  it('resumes after a restart from the position it recorded, without a new snapshot', async () => {
    await cdc.stop();
    await crm.query(insertMember, ['MBRY', M_Y, null, 'Yvonne', '2024-11-03 10:00:00']);
    await crm.query("UPDATE members SET total_points = 5 WHERE member_id = 'MBRSNAP'");
    const logged: string[] = [];
    cdc = cdcRunner(db, services, { log: (l) => logged.push(l) });
    cdc.start();
    await eventually(
      async () => ((await memberFacts(db, 'MBRY'))?.pid != null ? true : undefined),
      15_000,
      'MBRY',
    );
    await eventually(
      async () => ((await memberFacts(db, 'MBRSNAP'))?.totalPoints === 5 ? true : undefined),
      15_000,
      'the points update',
    );
    expect(logged.some((l) => l.includes('snapshot'))).toBe(false);
  });

  it('retries while the source is down and catches up when it is back, skipping nothing', async () => {
    const { mariadb } = streamServers();
    await mariadb.stop();
    await eventually(
      async () => (cdc.status().state === 'retrying' ? true : undefined),
      20_000,
      'the stream to notice',
    );
    await mariadb.start();
    await crm.end();
    crm = await crmClient(services);
    await crm.query(insertMember, [
      'MBRZ',
      sha256Hex('m_z'),
      sha256Hex('e_z'),
      'Zoe',
      '2024-11-04 10:00:00',
    ]);
    await eventually(
      async () => ((await memberFacts(db, 'MBRZ'))?.pid != null ? true : undefined),
      30_000,
      'MBRZ after the outage',
    );
    expect(cdc.status().state).toBe('running');
  });
});
