import { describe, expect, it } from 'vitest';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import type { RfmService } from '../../../src/rfm/rfm-service.js';
import { exportRows, toCsv, type ExportRow } from '../../../src/segments/package-export.js';
import { RoaringBitmap32 } from '../../../src/segments/roaring.js';

/**
 * The graph as `segments/export-rows` sees it: each pid's current person (itself, a survivor,
 * or none), and each active person's OneID and contacts.
 */
const persons = new Map<number, { oneId: string; mobile?: string; email?: string }>([
  [1, { oneId: 'OID1', mobile: 'm1', email: 'e1' }],
  [2, { oneId: 'OID2' }],
  [5, { oneId: 'OID5', mobile: 'm5' }],
  [9, { oneId: 'OID9', email: 'e9' }],
]);
const currentOf = new Map([
  [1, 1],
  [2, 2],
  [5, 5],
  [9, 9],
  [3, 1], // merged into member 1
  [4, 9], // merged into 9, not a member
  [6, 9], // merged into 9 too
  [7, 5], // merged into 5, not a member
  // 8 no longer exists
]);

const lineOf = (pid: number) => {
  const p = persons.get(currentOf.get(pid) ?? -1);
  return p ? [p.oneId, p.mobile ?? '', p.email ?? ''].join('\u001f') : '';
};

/** Records the pids each query asked for: a lookup per member, or a scan of a pid range. */
interface Queries {
  lookups: number[][];
  ranges: [number, number][];
}

function fakeGateway(queries: Queries): Gateway {
  return {
    readQuery: async (name: string, params: { pids: number[]; lo: number; hi: number }) => {
      if (name === 'segments/export-range') {
        queries.ranges.push([params.lo, params.hi]);
        const pids = [...currentOf.keys()]
          .filter((pid) => params.lo <= pid && pid <= params.hi)
          .sort((x, y) => x - y);
        return [
          { pids, lines: pids.map((pid) => (currentOf.get(pid) === pid ? lineOf(pid) : '')) },
        ];
      }
      queries.lookups.push(params.pids);
      const moved = params.pids
        .filter((pid) => currentOf.has(pid) && currentOf.get(pid) !== pid)
        .map((pid) => [pid, currentOf.get(pid)]);
      return [{ lines: params.pids.map(lineOf), moved }];
    },
  } as unknown as Gateway;
}

const rfm = {
  view: async () => ({
    entries: new Map([
      [1, { segment: 'Champions' }],
      [9, { segment: 'At Risk' }],
    ]),
  }),
} as unknown as RfmService;

async function exportAll(members: number[], chunk: number, rangeDensity = 2) {
  const queries: Queries = { lookups: [], ranges: [] };
  const pkg = {
    id: 'P',
    name: 'p',
    expression: 'x',
    asOf: '2026-06-06',
    createdAt: '2026-06-06T00:00:00',
    count: members.length,
    members: new RoaringBitmap32(members),
  };
  const rows: ExportRow[] = [];
  for await (const part of exportRows(fakeGateway(queries), rfm, pkg, { chunk, rangeDensity }))
    rows.push(...part);
  return { rows, queries };
}

/** The rows of members [1, 2, 3, 4, 6, 7, 8], whichever way they are read. */
const ROWS = [
  { oneId: 'OID1', segment: 'Champions', mobileHash: 'm1', emailHash: 'e1' },
  { oneId: 'OID2', segment: null, mobileHash: null, emailHash: null },
  { oneId: 'OID9', segment: 'At Risk', mobileHash: null, emailHash: 'e9' },
  { oneId: 'OID5', segment: null, mobileHash: 'm5', emailHash: null },
];

describe('audience package export rows', () => {
  it('gives one row per current person: merged members as their survivor, once', async () => {
    for (const chunk of [1, 2, 3, 100]) {
      const { rows, queries } = await exportAll([1, 2, 3, 4, 6, 7, 8], chunk);
      expect(queries.lookups.flat()).toEqual([1, 2, 3, 4, 6, 7, 8]);
      expect(queries.lookups.every((q) => q.length <= chunk)).toBe(true);
      expect(rows).toEqual(ROWS);
    }
  });

  it('scans the pid range of a dense chunk and looks up only its retired members', async () => {
    const { rows, queries } = await exportAll([1, 2, 3, 4, 6, 7, 8], 100, 0.5);
    expect(queries.ranges).toEqual([[1, 8]]);
    expect(queries.lookups).toEqual([[3, 4, 6, 7]]);
    expect(rows).toEqual(ROWS);
  });

  it('looks up each member of a chunk sparser than the density asked for', async () => {
    const { queries } = await exportAll([1, 8], 100, 0.5);
    expect(queries).toEqual({ lookups: [[1, 8]], ranges: [] });
    expect((await exportAll([1, 8], 100, 0.25)).queries.ranges).toEqual([[1, 8]]);
  });

  it('gives the same rows whichever way each chunk is read', async () => {
    for (const chunk of [1, 2, 3, 100])
      for (const rangeDensity of [0, 0.5, 2])
        expect((await exportAll([1, 2, 3, 4, 6, 7, 8], chunk, rangeDensity)).rows).toEqual(ROWS);
  });

  it('writes a survivor that is a member itself in its own row only', async () => {
    for (const rangeDensity of [0, 2]) {
      const { rows } = await exportAll([4, 9], 1, rangeDensity);
      expect(rows.map((r) => r.oneId)).toEqual(['OID9']);
    }
  });

  it('formats CSV with quoting where a field needs it', () => {
    expect(
      toCsv([{ oneId: 'OID1', segment: 'At Risk, "big"', mobileHash: null, emailHash: 'e' }]),
    ).toBe('OID1,"At Risk, ""big""",,e\n');
  });
});
