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

function fakeGateway(queries: number[][]): Gateway {
  return {
    readQuery: async (_name: string, params: { pids: number[] }) => {
      queries.push(params.pids);
      const lines = params.pids.map((pid) => {
        const p = persons.get(currentOf.get(pid) ?? -1);
        return p ? [p.oneId, p.mobile ?? '', p.email ?? ''].join('\u001f') : '';
      });
      const moved = params.pids
        .filter((pid) => currentOf.has(pid) && currentOf.get(pid) !== pid)
        .map((pid) => [pid, currentOf.get(pid)]);
      return [{ lines, moved }];
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

async function exportAll(members: number[], chunk: number) {
  const queries: number[][] = [];
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
  for await (const part of exportRows(fakeGateway(queries), rfm, pkg, chunk)) rows.push(...part);
  return { rows, queries };
}

describe('audience package export rows', () => {
  it('gives one row per current person: merged members as their survivor, once', async () => {
    for (const chunk of [1, 2, 3, 100]) {
      const { rows, queries } = await exportAll([1, 2, 3, 4, 6, 7, 8], chunk);
      expect(queries.flat()).toEqual([1, 2, 3, 4, 6, 7, 8]);
      expect(queries.every((q) => q.length <= chunk)).toBe(true);
      expect(rows).toEqual([
        { oneId: 'OID1', segment: 'Champions', mobileHash: 'm1', emailHash: 'e1' },
        { oneId: 'OID2', segment: null, mobileHash: null, emailHash: null },
        { oneId: 'OID9', segment: 'At Risk', mobileHash: null, emailHash: 'e9' },
        { oneId: 'OID5', segment: null, mobileHash: 'm5', emailHash: null },
      ]);
    }
  });

  it('writes a survivor that is a member itself in its own row only', async () => {
    const { rows } = await exportAll([4, 9], 1);
    expect(rows.map((r) => r.oneId)).toEqual(['OID9']);
  });

  it('formats CSV with quoting where a field needs it', () => {
    expect(
      toCsv([{ oneId: 'OID1', segment: 'At Risk, "big"', mobileHash: null, emailHash: 'e' }]),
    ).toBe('OID1,"At Risk, ""big""",,e\n');
  });
});
