import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultIdentifierTypes } from '../../../src/identity/identifier-types.js';
import { identityStats, listConflicts } from '../../../src/identity/steward-queries.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';
import { id, identityService, link, personsOf } from '../../support/identity.js';
import { cluster } from '../../support/union-find.js';
import { expectRedirects, expectSound } from './graph-checks.js';
import { partitionOf, pidOf, readGraph } from './graph-state.js';

let db: Gateway;
beforeEach(async () => {
  await db?.close();
  db = await freshDatabase();
});
afterAll(async () => {
  await db?.close();
});

const LIMIT = 3;
const DEV = id('device_id', 'SHARED');
const opens = [1, 2, 3, 4, 5].map((n) => id('open_id', `o${n}`));
const day = (d: number) => `2024-01-0${d}T00:00:00`;
const types = new Map(defaultIdentifierTypes.map((t) => [t.name, t]));
const rules = {
  threshold: 0.8,
  priority: (t: string) => types.get(t)?.priority ?? 0,
  cap: (t: string) => types.get(t)?.maxPerPerson ?? Infinity,
};

describe('supernodes', () => {
  it('a device linked to more identifiers than the limit is quarantined, reported, and what it fused splits', async () => {
    const identity = identityService(db, { supernodeLimit: LIMIT });
    // o1 is the person's earliest identifier, so its part keeps the OneID.
    await identity.ingest(
      { identifiers: [{ ...opens[0]!, seenAt: '2023-12-01T00:00:00' }], links: [] },
      'test',
    );
    for (const [i, o] of opens.slice(0, LIMIT).entries()) {
      await identity.ingest({ identifiers: [], links: [link(o, DEV, 0.9, day(i + 1))] }, 'test');
    }
    const fused = await personsOf(db, [DEV, ...opens.slice(0, LIMIT)]);
    expect(new Set(fused).size).toBe(1);
    expect((await identityStats(db)).quarantined).toBe(0);

    const result = await identity.ingest(
      { identifiers: [], links: [link(opens[3]!, DEV, 0.9, day(4))] },
      'test',
    );
    expect(result.quarantined).toEqual(['device_id:SHARED']);
    const [o1, ...others] = await personsOf(db, [opens[0]!, DEV, opens[1]!, opens[2]!, opens[3]!]);
    expect(o1).toBe(fused[0]);
    expect(new Set([o1, ...others]).size).toBe(5);

    const state = await readGraph(db);
    expectSound(state);
    await expectRedirects(db, state);
    const ref = cluster(
      [...state.identifiers.values()].map((i) => ({
        key: i.key,
        type: i.key.split(':')[0] as string,
        quarantined: i.key === 'device_id:SHARED',
      })),
      [...state.links.values()],
      rules,
    );
    expect(partitionOf(state)).toEqual(ref.components);
    // The device and o2, o3 split off the fused person; o4 was never part of it.
    const splitFrom = (key: string) => state.persons.get(pidOf(state, key) as number)?.splitFrom;
    for (const key of ['device_id:SHARED', 'open_id:o2', 'open_id:o3']) {
      expect(splitFrom(key), key).toEqual([pidOf(state, 'open_id:o1')]);
    }
    expect(splitFrom('open_id:o4')).toEqual([]);

    const stats = await identityStats(db);
    expect(stats).toMatchObject({
      persons: 5,
      retired: 0,
      identifiers: 5,
      links: 4,
      conflicts: 0,
      quarantined: 1,
      clusterSizes: [{ size: 1, persons: 5 }],
    });
    expect(stats.quarantinedIdentifiers).toEqual([
      {
        key: 'device_id:SHARED',
        reason: `linked to 4 identifiers (limit ${LIMIT})`,
        at: expect.any(String),
      },
    ]);

    // A quarantined identifier links nothing any more.
    await identity.ingest({ identifiers: [], links: [link(opens[4]!, DEV, 1, day(5))] }, 'test');
    const [dev, o5] = await personsOf(db, [DEV, opens[4]!]);
    expect(dev).not.toBe(o5);
    expect((await identityStats(db)).persons).toBe(6);
  });

  it('a conflict through a device that becomes a supernode is no longer listed', async () => {
    const identity = identityService(db, { supernodeLimit: LIMIT });
    const [m1, m2] = [id('member_id', 'M1'), id('member_id', 'M2')];
    await identity.ingest(
      { identifiers: [], links: [link(m1, DEV, 0.9, day(1)), link(m2, DEV, 0.9, day(2))] },
      'test',
    );
    expect((await listConflicts(db, 0, 10)).map((c) => [c.from, c.to].sort())).toEqual([
      ['device_id:SHARED', 'member_id:M2'],
    ]);
    await identity.ingest(
      {
        identifiers: [],
        links: [link(opens[0]!, DEV, 0.9, day(3)), link(opens[1]!, DEV, 0.9, day(3))],
      },
      'test',
    );
    expect((await identityStats(db)).quarantined).toBe(1);
    expect(await listConflicts(db, 0, 10)).toEqual([]);
    expect((await identityStats(db)).conflicts).toBe(0);
    const state = await readGraph(db);
    expectSound(state);
    expect(partitionOf(state)).toHaveLength(5);
  });

  it('re-activating a weak link counts towards the limit: the identifier is quarantined', async () => {
    const identity = identityService(db, { supernodeLimit: LIMIT });
    // a weak link (below the threshold) is counted while active, merges nothing
    await identity.ingest({ identifiers: [], links: [link(opens[0]!, DEV, 0.5, day(1))] }, 'test');
    const unlinked = await identity.setLinkActive(opens[0]!, DEV, false, 'test');
    expect(unlinked.found).toBe(true);
    for (const o of opens.slice(1, LIMIT + 1))
      await identity.ingest({ identifiers: [], links: [link(o, DEV, 0.9, day(2))] }, 'test');
    expect((await identityStats(db)).quarantined).toBe(0);

    // the weak link observed again: active once more, so the device has LIMIT + 1 active links
    const result = await identity.ingest(
      { identifiers: [], links: [link(opens[0]!, DEV, 0.5, day(3))] },
      'test',
    );
    expect(result.quarantined).toEqual(['device_id:SHARED']);
    const state = await readGraph(db);
    expectSound(state);
    expect(partitionOf(state)).toHaveLength(LIMIT + 2);
  });
});
