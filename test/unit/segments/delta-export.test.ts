import { describe, expect, it } from 'vitest';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import type { RfmService } from '../../../src/rfm/rfm-service.js';
import type { AudienceDelta } from '../../../src/segments/audience-delta.js';
import { consentedSets } from '../../../src/segments/consent.js';
import {
  DELTA_CSV_HEADER,
  deltaCsv,
  deltaJsonLines,
  deltaRows,
  type DeltaRow,
} from '../../../src/segments/delta-export.js';
import { RoaringBitmap32 } from '../../../src/segments/roaring.js';
import { TagCatalog } from '../../../src/segments/tag-catalog.js';

/** Each pid's own person, retired ones included; pid 8 does not exist. */
const lineOf = (pid: number) =>
  pid === 8 ? '' : [`OID${pid}`, pid % 2 ? `m${pid}` : '', pid === 3 ? 'e,"3"' : ''].join('\u001f');

/** Records each read: the pids of a seek each, or `lo-hi` for a range scan. */
function fakeGateway(asked: (number[] | string)[]): Gateway {
  return {
    readQuery: async (name: string, params: { pids: number[]; lo: number; hi: number }) => {
      await Promise.resolve();
      if (name === 'segments/person-range') {
        asked.push(`${params.lo}-${params.hi}`);
        const pids: number[] = [];
        for (let pid = params.lo; pid <= params.hi; pid++) if (pid !== 8) pids.push(pid);
        return [{ pids, lines: pids.map(lineOf) }];
      }
      if (name !== 'segments/person-rows') throw new Error(`unexpected query ${name}`);
      asked.push(params.pids);
      return [{ lines: params.pids.map(lineOf) }];
    },
  } as unknown as Gateway;
}

const rfm = {
  view: async () => ({ entries: new Map([[1, { segment: 'Champions' }]]) }),
} as unknown as RfmService;

const delta = (entered: number[], left: number[]): AudienceDelta => ({
  id: 'P',
  purpose: 'ads',
  fromVersion: 1,
  toVersion: 2,
  asOf: '2026-06-06',
  entered: new RoaringBitmap32(entered),
  left: new RoaringBitmap32(left),
  leftOutWithoutConsent: 0,
});

async function collect(d: AudienceDelta, chunk: number, rangeDensity = 2) {
  const asked: (number[] | string)[] = [];
  const chunks: DeltaRow[][] = [];
  for await (const rows of deltaRows(fakeGateway(asked), rfm, d, { chunk, rangeDensity }))
    chunks.push(rows);
  return { asked, chunks };
}

describe('delta rows', () => {
  it('streams enters and leaves in pid order, a read per chunk, a person gone left out', async () => {
    const { asked, chunks } = await collect(delta([5, 1, 8], [3, 20]), 2);
    expect(asked).toEqual([[1, 3], [5, 8], [20]]);
    expect(chunks.map((c) => c.map((r) => `${r.change}:${r.oneId}`))).toEqual([
      ['enter:OID1', 'leave:OID3'],
      ['enter:OID5'],
      ['leave:OID20'],
    ]);
    expect(chunks[0]?.[0]).toEqual({
      oneId: 'OID1',
      segment: 'Champions',
      mobileHash: 'm1',
      emailHash: null,
      change: 'enter',
    });
  });

  it('reads a dense chunk by one range scan, a sparse one by seeks, with the same rows', async () => {
    const d = delta([1, 2, 3, 8, 9], [4, 30]);
    const scanned = await collect(d, 5, 0.5);
    expect(scanned.asked).toEqual(['1-8', [9, 30]]);
    const sought = await collect(d, 5, 2);
    expect(sought.asked).toEqual([
      [1, 2, 3, 4, 8],
      [9, 30],
    ]);
    expect(scanned.chunks).toEqual(sought.chunks);
    expect(scanned.chunks.flat().map((r) => r.oneId)).toEqual([
      'OID1',
      'OID2',
      'OID3',
      'OID4',
      'OID9',
      'OID30',
    ]);
  });

  it('an empty delta reads nothing', async () => {
    expect(await collect(delta([], []), 10)).toEqual({ asked: [], chunks: [] });
  });

  it('writes CSV with a change column (quoted where needed) and JSON lines with `change`', async () => {
    const rows = (await collect(delta([1], [3]), 10)).chunks.flat();
    expect(DELTA_CSV_HEADER + deltaCsv(rows)).toBe(
      'one_id,segment,mobile_hash,email_hash,change\nOID1,Champions,m1,,enter\nOID3,,m3,"e,""3""",leave\n',
    );
    expect(
      deltaJsonLines(rows)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      {
        one_id: 'OID1',
        segment: 'Champions',
        mobile_hash: 'm1',
        email_hash: null,
        change: 'enter',
      },
      { one_id: 'OID3', segment: null, mobile_hash: 'm3', email_hash: 'e,"3"', change: 'leave' },
    ]);
  });
});

describe('consented sets', () => {
  it('are the members in each consent_<purpose> tag; a missing tag is nobody', () => {
    const catalog = new TagCatalog([['consent_ads', new RoaringBitmap32([1, 2, 9])]]);
    const sets = consentedSets(new RoaringBitmap32([1, 3, 9]), catalog);
    expect(sets.ads.toArray()).toEqual([1, 9]);
    expect(sets.email.toArray()).toEqual([]);
  });
});
