import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/identity/normalize.js';
import type { CdcIngest } from '../../../src/ingest/cdc/cdc-ingest.js';
import { BinlogPositionStore, LeaseLostError } from '../../../src/ingest/cdc/binlog-position.js';
import { Lease } from '../../../src/ingest/lease/lease.js';
import { LeaseHolding, waitForLease } from '../../../src/ingest/lease/lease-holding.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { freshDatabase } from '../../support/db.js';
import { memberFacts } from '../../support/graph-facts.js';
import { cdcRunner, crmClient, eventually, streamServices } from '../../support/stream-app.js';
import type { StreamServices } from '../../support/streams.js';

const short = { ttlMs: 2_000, renewMs: 300 };
let db: Gateway;
let run = 0;
/** A lease of its own per test: the tests share one database. */
const leaseName = () => `test-lease-${Date.now()}-${++run}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  db = await freshDatabase();
  // the first run of each query is planned (seconds on a busy machine): not inside a TTL
  const warm = new Lease(db, 'test-lease-warm-up', 'replica-w', short);
  const { token } = await warm.acquire();
  await warm.renew(token);
  await warm.read();
  await new BinlogPositionStore(db, 'test-lease-warm-up').save(
    { file: 'bin.000001', position: 4 },
    { lease: 'test-lease-warm-up', holder: 'replica-w', token },
  );
  await warm.release(token);
});
afterAll(async () => {
  await db?.close();
});

describe('a lease kept in Neo4j', () => {
  it('has one holder: another replica stands by while it is held and renewed', async () => {
    const name = leaseName();
    const a = new Lease(db, name, 'replica-a', short);
    const b = new Lease(db, name, 'replica-b', short);
    const first = await a.acquire();
    expect(first).toEqual({ acquired: true, holder: 'replica-a', token: 1 });
    expect(await b.acquire()).toEqual({ acquired: false, holder: 'replica-a', token: 1 });
    // renewed past its first TTL, it is still A's
    for (let i = 0; i < 5; i++) {
      await sleep(500);
      expect(await a.renew(first.token)).toBe(true);
    }
    expect(await b.acquire()).toMatchObject({ acquired: false, holder: 'replica-a' });
    // acquiring again as the holder extends the holding, same token
    expect(await a.acquire()).toEqual({ acquired: true, holder: 'replica-a', token: 1 });
    expect((await a.read())?.remainingMs).toBeGreaterThan(0);
  });

  it('is taken over once it expires, with the next token; the old holder can renew no more', async () => {
    const name = leaseName();
    const a = new Lease(db, name, 'replica-a', short);
    const b = new Lease(db, name, 'replica-b', short);
    const held = await a.acquire();
    await sleep(short.ttlMs + 100);
    expect((await a.read())?.remainingMs).toBeLessThanOrEqual(0);
    const taken = await b.acquire();
    expect(taken).toEqual({ acquired: true, holder: 'replica-b', token: held.token + 1 });
    expect(await a.renew(held.token)).toBe(false);
    expect(await a.acquire()).toMatchObject({ acquired: false, holder: 'replica-b' });
  });

  it('an expired holding nobody took is still its holder’s to renew', async () => {
    const name = leaseName();
    const a = new Lease(db, name, 'replica-a', short);
    const held = await a.acquire();
    await sleep(short.ttlMs + 100);
    expect(await a.renew(held.token)).toBe(true);
    expect(await new Lease(db, name, 'replica-b', short).acquire()).toMatchObject({
      acquired: false,
    });
  });

  it('is free at once when released, and a stale token releases nothing', async () => {
    const name = leaseName();
    const a = new Lease(db, name, 'replica-a', { ttlMs: 60_000, renewMs: 1_000 });
    const b = new Lease(db, name, 'replica-b', { ttlMs: 60_000, renewMs: 1_000 });
    const held = await a.acquire();
    await a.release(held.token + 7);
    expect(await b.acquire()).toMatchObject({ acquired: false });
    await a.release(held.token);
    expect((await a.read())?.holder).toBeNull();
    expect(await b.acquire()).toEqual({
      acquired: true,
      holder: 'replica-b',
      token: held.token + 1,
    });
  });

  it('gives a free lease to exactly one of many replicas racing for it', async () => {
    for (let round = 0; round < 4; round++) {
      const name = leaseName();
      // the node exists and is free (released): creating it would serialize the racers
      const first = new Lease(db, name, 'racer-first', short);
      await first.release((await first.acquire()).token);
      const attempts = await Promise.all(
        Array.from({ length: 8 }, (_, i) => new Lease(db, name, `racer-${i}`, short).acquire()),
      );
      const winners = attempts.filter((a) => a.acquired);
      expect(winners).toHaveLength(1);
      // every loser saw the winner as the holder
      for (const a of attempts) expect(a.holder).toBe(winners[0]?.holder);
    }
  });

  it('fences the binlog position: a stale holder cannot move it back', async () => {
    const name = leaseName();
    const store = new BinlogPositionStore(db, name);
    const a = new Lease(db, name, 'replica-a', short);
    const b = new Lease(db, name, 'replica-b', short);
    const heldA = await a.acquire();
    const fenceA = { lease: name, holder: 'replica-a', token: heldA.token };
    await store.save({ file: 'bin.000001', position: 400 }, fenceA);
    expect(await store.load()).toEqual({ file: 'bin.000001', position: 400 });
    // A stalls past its TTL; B takes over and moves on
    await sleep(short.ttlMs + 100);
    const heldB = await b.acquire();
    expect(heldB.acquired).toBe(true);
    await store.save(
      { file: 'bin.000001', position: 900 },
      { lease: name, holder: 'replica-b', token: heldB.token },
    );
    // A wakes up and saves what it had read: refused, the position stays B's
    await expect(store.save({ file: 'bin.000001', position: 500 }, fenceA)).rejects.toThrow(
      LeaseLostError,
    );
    // a holder name with another holding's token is refused too
    await expect(
      store.save(
        { file: 'bin.000001', position: 500 },
        { lease: name, holder: 'replica-b', token: heldA.token },
      ),
    ).rejects.toThrow(LeaseLostError);
    expect(await store.load()).toEqual({ file: 'bin.000001', position: 900 });
  });

  it('a holding notices that it was taken over; a standby takes the lease when it is freed', async () => {
    const name = leaseName();
    const a = new Lease(db, name, 'replica-a', short);
    const b = new Lease(db, name, 'replica-b', short);
    const held = await a.acquire();
    const holding = new LeaseHolding(a, held.token, () => undefined);
    // renewed in the background: B stands by well past the TTL
    const standby: string[] = [];
    const abort = new AbortController();
    const waiting = waitForLease(b, abort.signal, (holder) => standby.push(holder));
    await sleep(short.ttlMs * 1.5);
    expect(holding.lost.aborted).toBe(false);
    expect(standby.length).toBeGreaterThan(2);
    expect(new Set(standby)).toEqual(new Set(['replica-a']));
    await holding.release();
    expect(await waiting).toBe(held.token + 1);
    abort.abort();

    // A second holding of the same lease by A's name with the old token: taken over, lost
    const stale = new LeaseHolding(a, held.token, () => undefined);
    await eventually(
      async () => (stale.lost.aborted ? true : undefined),
      5_000,
      'the stale holding to be lost',
    );
    expect(String(stale.lost.reason)).toMatch(/taken over/);
    stale.stop();
  });
});

describe('two CDC runners on one graph', () => {
  let services: StreamServices;
  let crm: Connection;
  const runners: CdcIngest[] = [];

  beforeAll(async () => {
    services = await streamServices();
    crm = await crmClient(services);
    await crm.query('DELETE FROM members');
  });
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await crm?.end();
  });

  it('one follows the binlog, the other stands by and takes over when it stops', async () => {
    const env = { ONEID_CDC_LEASE_TTL_MS: '2000', ONEID_CDC_LEASE_RENEW_MS: '300' };
    const a = cdcRunner(db, services, { env: { ...env, ONEID_REPLICA_ID: 'runner-a' } });
    runners.push(a);
    a.start();
    await eventually(
      async () => (a.status().state === 'running' ? true : undefined),
      30_000,
      'runner A to follow the binlog',
    );
    const b = cdcRunner(db, services, { env: { ...env, ONEID_REPLICA_ID: 'runner-b' } });
    runners.push(b);
    b.start();
    await eventually(
      async () => (b.status().state === 'standby' ? true : undefined),
      10_000,
      'runner B on standby',
    );
    expect(b.status()).toMatchObject({ state: 'standby', leaseHolder: 'runner-a' });
    expect(a.status()).toMatchObject({ state: 'running', leaseHolder: 'runner-a' });

    const insert = (id: string) =>
      crm.query(
        `INSERT INTO members (member_id, mobile_hash, email_hash, real_name, gender, birthday, register_date, channel, level, total_points, updated_at)
         VALUES (?, ?, NULL, 'Lease Test', 'F', '1990-05-12', '2020-01-15', 'offline', 'gold', 1, '2024-11-01 10:00:00')`,
        [id, sha256Hex(`lease ${id}`)],
      );
    await insert('MBRLEASEA');
    await eventually(() => memberFacts(db, 'MBRLEASEA'), 30_000, 'A to apply its change');
    // a clean stop releases the lease: B takes over without waiting for the TTL
    const stopped = Date.now();
    await a.stop();
    await insert('MBRLEASEB');
    await eventually(() => memberFacts(db, 'MBRLEASEB'), 30_000, 'B to apply the next change');
    expect(b.status()).toMatchObject({ state: 'running', leaseHolder: 'runner-b' });
    expect(Date.now() - stopped).toBeLessThan(30_000);
    expect(a.status().state).toBe('stopped');
  });
});
