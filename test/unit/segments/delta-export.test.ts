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

function fakeGateway(asked: number[][]): Gateway {
  return {
    readQuery: async (name: string, params: { pids: number[] }) => {
      await Promise.resolve();
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

async function collect(d: AudienceDelta, chunk: number) {
  const asked: number[][] = [];
  const chunks: DeltaRow[][] = [];
  for await (const rows of deltaRows(fakeGateway(asked), rfm, d, { chunk })) chunks.push(rows);
  return { asked, chunks };
}

describe('delta rows', () => {
  it('streams the enters, then the leaves, a read per chunk, a person gone left out', async () => {
    const { asked, chunks } = await collect(delta([5, 1, 8], [3, 2]), 2);
    expect(asked).toEqual([[1, 5], [8], [2, 3]]);
    expect(chunks.map((c) => c.map((r) => `${r.change}:${r.oneId}`))).toEqual([
      ['enter:OID1', 'enter:OID5'],
      [],
      ['leave:OID2', 'leave:OID3'],
    ]);
    expect(chunks[0]?.[0]).toEqual({
      oneId: 'OID1',
      segment: 'Champions',
      mobileHash: 'm1',
      emailHash: null,
      change: 'enter',
    });
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
