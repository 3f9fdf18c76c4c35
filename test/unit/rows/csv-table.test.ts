import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/paths.js';
import { readCsvTable } from '../../../src/rows/csv-table.js';

const BAD_CRM = join(projectRoot, 'test', 'fixtures', 'bad-crm.csv');

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'csv-table-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readCsvTable', () => {
  it('keys each row by column on its physical line and reports a short row', async () => {
    const results = await collect(readCsvTable(BAD_CRM, ['member_id', 'birthday']));
    expect(results.map((r) => (r.ok ? [r.line, r.value['member_id']] : [r.error.line]))).toEqual([
      [2, 'MBRX01'],
      [3, 'MBRX02'],
      [4, 'MBRX03'],
      [5],
      [6, ''],
      [7, 'MBRX06'],
    ]);
    expect(results[3]).toEqual({
      ok: false,
      error: { file: BAD_CRM, line: 5, reason: 'wrong number of fields: expected 11, found 3' },
    });
  });

  it('counts CRLF, blank lines and quoted line breaks, trims values, reads .gz alike', async () => {
    const path = join(dir, 't.csv');
    const text = '\uFEFFa,b\r\n"x\r\ny", 1 \r\n\r\nz,2\r\n';
    writeFileSync(path, text);
    const plain = await collect(readCsvTable(path, ['a']));
    expect(plain).toEqual([
      { ok: true, line: 2, value: { a: 'x\r\ny', b: '1' } },
      { ok: true, line: 5, value: { a: 'z', b: '2' } },
    ]);
    const gz = join(dir, 't.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(path)));
    expect(await collect(readCsvTable(gz, ['a']))).toEqual(plain);
  });

  it('reports a header without a required column and reads no further', async () => {
    const path = join(dir, 'h.csv');
    writeFileSync(path, '\na,b\n1,2\n');
    expect(await collect(readCsvTable(path, ['a', 'c', 'd']))).toEqual([
      {
        ok: false,
        error: { file: path, line: 2, reason: 'missing column "c", "d" in the header' },
      },
    ]);
  });
});
