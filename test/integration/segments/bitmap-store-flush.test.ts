import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { BitmapStore } from '../../../src/segments/bitmap-store.js';
import { RoaringBitmap32 } from '../../../src/segments/roaring.js';
import { freshDatabase } from '../../support/db.js';

/** Storing bitmaps while another replica is ahead, against the real Neo4j. */

let db: Gateway;
const basis = (generation: number) => ({ asOf: '2026-06-06', generation, settings: '[]' });

beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('BitmapStore.flush', () => {
  it('forgets a tag dropped while a refused write was in flight', async () => {
    const behind = new BitmapStore(db);
    await behind.replace(new Map([['A', [1, 2]]]), basis(5));
    // another replica stored a later sequence: this one's writes are refused until it gets there
    await new BitmapStore(db).replace(new Map([['A', [1, 2]]]), basis(100));

    behind.set('X', new RoaringBitmap32([3]));
    behind.commit(6);
    const refused = behind.flush();
    behind.drop('X'); // the segment is deleted while the write is in flight
    await refused;

    await expect(behind.flush()).resolves.toBeUndefined();
    const stored = await db.readQuery<{ tag: string | null }>('segments/load-bitmaps');
    expect(stored.map((r) => r.tag).sort()).toEqual(['A']);
  });
});
