import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { CdcIngest } from '../../../src/ingest/cdc/cdc-ingest.js';
import { loadFile } from '../../../src/ingest/load-file.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';
import { memberFacts } from '../../support/graph-facts.js';
import { placeholderTypesFile } from '../../support/placeholder-types.js';
import {
  cdcRunner,
  crmClient,
  eventually,
  streamApp,
  streamServices,
} from '../../support/stream-app.js';
import type { StreamServices } from '../../support/streams.js';

const insertMember = `INSERT INTO members (member_id, mobile_hash, email_hash, real_name, gender, birthday, register_date, channel, level, total_points, updated_at)
  VALUES (?, ?, ?, 'Old Export', 'F', '1990-05-12', '2020-01-15', 'offline', ?, 100, ?)`;

/** A historical export, backfilled after CDC has started: every row older than the binlog's. */
const OLD_EXPORT = [
  'member_id,mobile_hash,email_hash,real_name,gender,birthday,register_date,channel,level,total_points,updated_at',
  'MBRC1,m_c1_old,e_c1,Old Export,F,1990-05-12,2020-01-15,offline,bronze,1,2024-01-01 10:00:00',
  'MBRC2,m_c2_old,e_c2,Old Export,F,1990-05-12,2020-01-15,offline,bronze,1,2024-01-01 10:00:00',
  'MBRC3,m_c3_old,e_c3,Old Export,F,1990-05-12,2020-01-15,offline,bronze,1,2024-06-01 10:00:00',
  '',
].join('\n');

describe('CDC changes followed by an older file', () => {
  let services: StreamServices;
  let db: Gateway;
  let app: App;
  let crm: Connection;
  let cdc: CdcIngest;
  let dir: string;

  const loadOldExport = () =>
    loadFile('crm', join(dir, 'old-export.csv'), {
      identity: app.identity,
      eventLinkConfidence: {},
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oneid-cdc-order-'));
    writeFileSync(join(dir, 'old-export.csv'), OLD_EXPORT);
    services = await streamServices();
    db = await freshDatabase();
    crm = await crmClient(services);
    await crm.query('DELETE FROM members');
    // the fixtures name contacts by short placeholders (m_c1_a), not SHA-256 digests
    const env = { ONEID_IDENTIFIER_TYPES_FILE: placeholderTypesFile(dir) };
    ({ app } = streamApp(db, services, env));
    cdc = cdcRunner(db, services, { env });
    cdc.start();
    await eventually(
      async () => (cdc.status().state === 'running' ? true : undefined),
      30_000,
      'the stream to follow the binlog',
    );
  });

  afterAll(async () => {
    await cdc?.stop();
    await crm?.end();
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a mobile changed through the binlog stays when an older file brings the old one', async () => {
    await crm.query(insertMember, ['MBRC1', 'm_c1_a', 'e_c1', 'silver', '2024-03-01 10:00:00']);
    // updated_at moves to the current time (ON UPDATE CURRENT_TIMESTAMP)
    await crm.query(
      "UPDATE members SET mobile_hash = 'm_c1_b', level = 'gold' WHERE member_id = 'MBRC1'",
    );
    const applied = await eventually(
      async () => {
        const f = await memberFacts(db, 'MBRC1');
        return f?.activeContacts.includes('mobile_hash:m_c1_b') ? f : undefined;
      },
      60_000,
      'the binlog update',
    );
    await loadOldExport();
    const after = await memberFacts(db, 'MBRC1');
    expect(after).toEqual(applied);
    expect(after).toMatchObject({
      level: 'gold',
      activeContacts: ['email_hash:e_c1', 'mobile_hash:m_c1_b'],
    });
    expect(after?.personKeys).not.toContain('mobile_hash:m_c1_old');
  });

  it('a member deleted through the binlog stays deleted when an older file still has it', async () => {
    await crm.query(insertMember, ['MBRC2', 'm_c2', 'e_c2', 'silver', '2024-03-01 10:00:00']);
    await crm.query("DELETE FROM members WHERE member_id = 'MBRC2'");
    await eventually(
      async () => ((await memberFacts(db, 'MBRC2'))?.deleted ? true : undefined),
      60_000,
      'the binlog delete',
    );
    await loadOldExport();
    expect(await memberFacts(db, 'MBRC2')).toMatchObject({
      deleted: true,
      level: 'silver',
      activeContacts: [],
      personKeys: ['member_id:MBRC2'],
    });
  });

  it('two binlog updates within one second (equal updated_at) apply in binlog order', async () => {
    const at = '2024-09-01 10:00:00';
    await crm.query(insertMember, ['MBRC3', 'm_c3_a', 'e_c3', 'silver', at]);
    await crm.query(
      "UPDATE members SET mobile_hash = 'm_c3_b', updated_at = ? WHERE member_id = 'MBRC3'",
      [at],
    );
    await crm.query("UPDATE members SET level = 'gold', updated_at = ? WHERE member_id = 'MBRC3'", [
      at,
    ]);
    const facts = await eventually(
      async () => {
        const f = await memberFacts(db, 'MBRC3');
        return f?.level === 'gold' ? f : undefined;
      },
      60_000,
      'both updates',
    );
    expect(facts.activeContacts).toEqual(['email_hash:e_c3', 'mobile_hash:m_c3_b']);
    await loadOldExport();
    expect(await memberFacts(db, 'MBRC3')).toEqual(facts);
  });
});
