import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it, inject } from 'vitest';
import { defaultIdentifierTypes, IdentifierTypes } from '../../../src/identity/identifier-types.js';
import { IdentityService } from '../../../src/identity/identity-service.js';
import { parseKey } from '../../../src/identity/ids.js';
import { resolveIds } from '../../../src/identity/resolve-id.js';
import { loadQueries } from '../../../src/neo4j/connect.js';
import { createGateway, type Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';
import { expectModel, expectRedirects, expectSound } from './graph-checks.js';
import { readGraph } from './graph-state.js';
import { IdentityModel } from './identity-model.js';
import { linkOp, POOL, type Op } from './identity-ops.js';

/**
 * Concurrent writers on one graph, through separate services over several gateways (so
 * separate driver pools and sessions). Locks must serialize what overlaps: one person per
 * new identifier, and no merge lost.
 */

const THRESHOLD = 0.8;
const seen = '2024-01-01T00:00:00';

let db: Gateway;
const extra: Gateway[] = [];
beforeEach(async () => {
  await db?.close();
  db = await freshDatabase();
});
afterAll(async () => {
  await Promise.all([db, ...extra].map((g) => g?.close()));
});

function gateways(n: number): Gateway[] {
  const { uri, user, password } = inject('neo4j');
  while (extra.length < n - 1) {
    extra.push(
      createGateway({
        uri,
        user,
        password,
        database: 'neo4j',
        queries: loadQueries(),
        app: 'test',
      }),
    );
  }
  return [db, ...extra.slice(0, n - 1)];
}

/** `n` services spread over four gateways. */
function services(n: number, types: IdentifierTypes): IdentityService[] {
  const pool = gateways(4);
  return Array.from(
    { length: n },
    (_, i) =>
      new IdentityService(pool[i % pool.length] as Gateway, {
        types,
        threshold: THRESHOLD,
        supernodeLimit: 100,
      }),
  );
}

/** Default types with room for many open_ids and devices in one person. */
const roomy = new IdentifierTypes(
  defaultIdentifierTypes.map((t) =>
    t.name === 'open_id' || t.name === 'device_id' ? { ...t, maxPerPerson: 100 } : t,
  ),
);
/** Small caps, as in properties.test.ts: conflicts are frequent. */
const tight = new IdentifierTypes(
  defaultIdentifierTypes.map((t) =>
    ['mobile_hash', 'open_id', 'device_id', 'ext_one_id'].includes(t.name)
      ? { ...t, maxPerPerson: 2 }
      : t,
  ),
);
const rulesOf = (types: IdentifierTypes) => ({
  threshold: THRESHOLD,
  priority: (t: string) => types.priority(t),
  cap: (t: string) => types.maxPerPerson(t),
});

const link = (a: string, b: string, confidence = 1, firstSeen = seen) => ({
  a: parseKey(a),
  b: parseKey(b),
  source: 'test',
  confidence,
  firstSeen,
  lastSeen: firstSeen,
});

async function expectMatchesModel(model: IdentityModel) {
  const state = await readGraph(db);
  expectSound(state);
  expectModel(state, model);
  await expectRedirects(db, state);
  return state;
}

describe('concurrent identity writes', () => {
  it('20 concurrent resolveId calls for one new identifier create exactly one person', async () => {
    const results = await Promise.all(
      services(20, roomy).map((s) => resolveIds(s, [{ type: 'open_id', value: 'NEW1' }])),
    );
    expect(new Set(results.map((r) => r[0]?.oneId)).size).toBe(1);
    expect(results.filter((r) => r[0]?.created)).toHaveLength(1);
    expect(results.filter((r) => r[0]?.matchedBy === 'NEW')).toHaveLength(1);
    // Without links nothing is joined "through links": every other caller found it existing.
    expect(results.filter((r) => r[0]?.matchedBy === 'EXISTING')).toHaveLength(19);
    const state = await readGraph(db);
    expectSound(state);
    expect(state.persons.size).toBe(1);
    expect(state.identifiers.size).toBe(1);
  });

  it('20 concurrent resolveId calls linking one new identifier to different ones merge all', async () => {
    const members = Array.from({ length: 20 }, (_, i) => `open_id:L${i}`);
    const results = await Promise.all(
      services(20, roomy).map((s, i) =>
        resolveIds(s, [
          { type: 'union_id', value: 'HUB', links: [parseKey(members[i] as string)] },
        ]),
      ),
    );
    const state = await readGraph(db);
    expectSound(state);
    const active = [...state.persons.values()].filter((p) => p.status === 'active');
    expect(active).toHaveLength(1);
    expect(active[0]?.keys).toHaveLength(21);
    // Each answer was true when given; all of them now redirect to the one active person.
    const redirect = await expectRedirects(db, state);
    for (const r of results) expect(redirect.get(r[0]?.oneId as string)).toBe(active[0]?.pid);
  });

  it('10 parallel ingests linking a hub to existing persons lose no merge', async () => {
    const [first] = services(1, roomy);
    const hub = 'open_id:HUB';
    const members = Array.from({ length: 10 }, (_, i) => `device_id:DEV${i}`);
    for (const key of [hub, ...members])
      await resolveIds(first as IdentityService, [parseKey(key)]);
    await Promise.all(
      services(10, roomy).map((s, i) =>
        s.ingest({ identifiers: [], links: [link(hub, members[i] as string)] }, 'test'),
      ),
    );
    const model = new IdentityModel(rulesOf(roomy));
    for (const key of [hub, ...members]) model.ingest([{ key, seenAt: '2099-01-01T00:00:00' }], []);
    model.ingest(
      [],
      members.map((m) => ({
        a: hub,
        b: m,
        confidence: 1,
        firstSeen: seen,
        active: true,
        mode: 'observe',
      })),
    );
    const state = await expectMatchesModel(model);
    expect([...state.persons.values()].filter((p) => p.status === 'merged')).toHaveLength(10);
  });

  it('10 parallel ingests each linking one step of a chain build one person', async () => {
    const chain = Array.from({ length: 11 }, (_, i) => `open_id:C${i}`);
    const [first] = services(1, roomy);
    for (const key of chain) await resolveIds(first as IdentityService, [parseKey(key)]);
    await Promise.all(
      services(10, roomy).map((s, i) =>
        s.ingest(
          { identifiers: [], links: [link(chain[i] as string, chain[i + 1] as string)] },
          'test',
        ),
      ),
    );
    const state = await readGraph(db);
    expectSound(state);
    expect([...state.persons.values()].filter((p) => p.status === 'active')).toHaveLength(1);
    expect([...state.persons.values()].filter((p) => p.status === 'merged')).toHaveLength(10);
    await expectRedirects(db, state);
  });

  it('parallel links from different members of one person compete for a capped slot: one wins', async () => {
    // Disjoint seeds ({O_i, U_i}) whose closures share the hub's person: only its lock
    // serializes them. The link written first takes the one union_id slot, whatever the
    // dates in the data; the others are conflicts.
    const [first] = services(1, roomy);
    const opens = Array.from({ length: 10 }, (_, i) => `open_id:O${i}`);
    const unions = opens.map((_, i) => `union_id:U${i}`);
    const day = (i: number) => `2024-02-${String(i + 1).padStart(2, '0')}T00:00:00`;
    await (first as IdentityService).ingest(
      { identifiers: [], links: opens.map((o) => link('open_id:HUB', o)) },
      'test',
    );
    await Promise.all(
      services(10, roomy).map((s, i) =>
        s.ingest(
          { identifiers: [], links: [link(opens[i] as string, unions[i] as string, 1, day(i))] },
          'test',
        ),
      ),
    );
    const model = new IdentityModel(rulesOf(roomy));
    model.ingest(
      [],
      opens.map((o) => ({
        a: 'open_id:HUB',
        b: o,
        confidence: 1,
        firstSeen: seen,
        active: true,
        mode: 'observe',
      })),
    );
    model.ingest(
      [],
      opens.map((o, i) => ({
        a: o,
        b: unions[i] as string,
        confidence: 1,
        firstSeen: day(i),
        active: true,
        mode: 'observe',
      })),
    );
    const written = await readGraph(db);
    model.adoptWriteOrder((pair) => written.links.get(pair)?.seq);
    const state = await expectMatchesModel(model);
    const hub = state.persons.get(state.identifiers.get('open_id:HUB')?.pids[0] as number);
    const seqOf = (i: number) =>
      written.links.get([opens[i], unions[i]].sort().join('\u0000'))?.seq ?? Infinity;
    const firstWritten = opens.map((_, i) => i).sort((x, y) => seqOf(x) - seqOf(y))[0] as number;
    expect(hub?.keys.filter((k) => k.startsWith('union_id:'))).toEqual([unions[firstWritten]]);
  });

  it('random concurrent links, unlinks and resolves end where the model says, whatever their order', async () => {
    // Links on distinct pairs, unlinks of other pairs and resolves: whatever the interleaving,
    // the persons must be the model's for the write order the links got.
    const scenario = fc.record({
      base: fc.array(linkOp, { maxLength: 8 }),
      concurrent: fc.array(
        fc.oneof(
          { arbitrary: linkOp, weight: 4 },
          {
            arbitrary: fc.record({
              kind: fc.constant('unlink' as const),
              pick: fc.nat(50),
              conflict: fc.constant(false),
            }),
            weight: 2,
          },
          {
            arbitrary: fc.record({
              kind: fc.constant('resolve' as const),
              key: fc.constantFrom(...POOL),
            }),
            weight: 1,
          },
        ),
        { minLength: 2, maxLength: 12 },
      ),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ base, concurrent }) => {
        if (run++ > 0) {
          await db.close();
          db = await freshDatabase();
        }
        const model = new IdentityModel(rulesOf(tight));
        const [first] = services(1, tight);
        for (const op of base) {
          if (op.kind !== 'link') continue;
          await (first as IdentityService).ingest(
            { identifiers: [], links: [link(op.a, op.b, op.confidence, op.firstSeen)] },
            'test',
          );
          model.ingest([], [{ ...op, active: true, mode: 'observe' }]);
        }
        const pairs = new Set<string>();
        const claim = (a: string, b: string) => {
          const pair = [a, b].sort().join(' ');
          if (pairs.has(pair)) return false;
          pairs.add(pair);
          return true;
        };
        const baseLinks = [...model.links.values()];
        const work: ((s: IdentityService) => Promise<unknown>)[] = [];
        for (const op of concurrent as Op[]) {
          if (op.kind === 'link' && claim(op.a, op.b)) {
            work.push((s) =>
              s.ingest(
                { identifiers: [], links: [link(op.a, op.b, op.confidence, op.firstSeen)] },
                'test',
              ),
            );
            model.ingest(
              [],
              [
                {
                  a: op.a,
                  b: op.b,
                  confidence: op.confidence,
                  firstSeen: op.firstSeen,
                  active: true,
                  mode: 'observe',
                },
              ],
            );
          } else if (op.kind === 'unlink' && baseLinks.length > 0) {
            const target = baseLinks[op.pick % baseLinks.length] as { a: string; b: string };
            if (!claim(target.a, target.b)) continue;
            work.push((s) =>
              s.setLinkActive(parseKey(target.a), parseKey(target.b), false, 'test'),
            );
            model.unlink(target.a, target.b);
          } else if (op.kind === 'resolve') {
            // The first sighting of an identifier created here is "now": later than any link's.
            work.push((s) => resolveIds(s, [parseKey(op.key)]));
            if (!model.identifiers.has(op.key)) model.ingest([{ key: op.key, seenAt: 'now' }], []);
          }
        }
        const writers = services(work.length, tight);
        await Promise.all(work.map((w, i) => w(writers[i] as IdentityService)));
        // firstSeen of identifiers created by resolve is the wall clock: compare the rest.
        const state = await readGraph(db);
        for (const id of model.identifiers.values()) {
          if (id.firstSeen === 'now')
            id.firstSeen = state.identifiers.get(id.key)?.firstSeen ?? 'missing';
        }
        // Concurrent writers take their place in the write order as they reach the link
        // counter: the persons must be what that order gives.
        model.adoptWriteOrder((pair) => state.links.get(pair)?.seq);
        expectSound(state);
        expectModel(state, model);
        await expectRedirects(db, state);
      }),
      { numRuns: 12, endOnFailure: true },
    );
  });
});
