import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detailsByPid } from '../../src/identity/person-queries.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { freshDatabase } from '../support/db.js';

let db: Gateway;

/**
 * Person 1 holds two member_ids (a type configured to allow more than one): MZ never came
 * from the CRM (no profile), MB did. Its mobile is linked to both, more strongly to MB.
 * Person 2 has no identifier; pid 3 does not exist.
 */
const FIXTURE = `
CREATE (p:Person {pid: 1, oneId: 'OID1', status: 'active'}), (:Person {pid: 2, oneId: 'OID2', status: 'active'})
CREATE (mz:Identifier {key: 'member_id:MZ', type: 'member_id', value: 'MZ', firstSeen: '2024-01-01', lastSeen: '2024-01-01', quarantined: false,
                       consentAds: true, consentAdsAt: '2024-03-01T00:00:00', consentAdsSource: 'api'})-[:BELONGS_TO]->(p)
CREATE (mb:Identifier {key: 'member_id:MB', type: 'member_id', value: 'MB', firstSeen: '2024-01-01', lastSeen: '2024-01-01', quarantined: false,
                       realName: 'Bea', level: 'gold', totalPoints: 10, profileUpdatedAt: '2024-02-01T00:00:00',
                       consentAds: false, consentAdsAt: '2024-04-01T00:00:00', consentAdsSource: 'crm'})-[:BELONGS_TO]->(p)
CREATE (m:Identifier {key: 'mobile_hash:h1', type: 'mobile_hash', value: 'h1', firstSeen: '2024-01-01', lastSeen: '2024-01-01', quarantined: false,
                      consentEmail: true, consentEmailAt: '2024-01-01T00:00:00', consentEmailSource: 'event'})-[:BELONGS_TO]->(p)
CREATE (mz)-[:LINKED {source: 'app', confidence: 0.9, active: true}]->(m)
CREATE (mb)-[:LINKED {source: 'crm', confidence: 1.0, active: true}]->(m)`;

beforeAll(async () => {
  db = await freshDatabase();
  await db.driver.executeQuery(FIXTURE, {}, { database: db.database });
});
afterAll(async () => {
  await db?.close();
});

describe('person details (identifiers, CRM profile and consent in one read)', () => {
  it('gives each identifier its strongest link, and the profile of the member_id that has one', async () => {
    const [one, none, unknown] = await detailsByPid(db, [1, 2, 3]);
    expect(one?.identifiers.map((i) => [i.value, i.source, i.confidence])).toEqual([
      ['MB', 'crm', 1],
      ['MZ', 'app', 0.9],
      ['h1', 'crm', 1],
    ]);
    // a member_id without a profile update never hides the one that has it
    expect(one?.profile).toMatchObject({ memberId: 'MB', realName: 'Bea', level: 'gold' });
    // per purpose the latest statement of any identifier
    expect(one?.consent).toEqual([
      { purpose: 'ads', granted: false, at: '2024-04-01T00:00:00', source: 'crm' },
      { purpose: 'email', granted: true, at: '2024-01-01T00:00:00', source: 'event' },
    ]);
    expect(none).toEqual({
      identifiers: [],
      profile: null,
      consent: [
        { purpose: 'ads', granted: false, at: null, source: null },
        { purpose: 'email', granted: false, at: null, source: null },
      ],
    });
    expect(unknown).toEqual({ identifiers: [], profile: null, consent: [] });
  });
});
