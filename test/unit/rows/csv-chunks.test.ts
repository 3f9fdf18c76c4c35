import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvChunks } from '../../../src/rows/csv-chunks.js';
import { csvLineFields } from '../../../src/rows/csv-line-fields.js';
import { readCsvRecords } from '../../../src/rows/csv-records.js';
import type { SourceRecord } from '../../../src/rows/source-record.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'csv-chunks-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function viaCsvParse(path: string, gzip: boolean): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const record of readCsvRecords(path, gzip)) out.push(record);
  return out;
}

async function viaChunks(path: string, gzip: boolean, chunkSize?: number) {
  const out: SourceRecord[] = [];
  let chunks = 0;
  for await (const chunk of readCsvChunks(path, gzip, undefined, chunkSize)) {
    chunks += 1;
    out.push(...chunk);
  }
  return { records: out, chunks };
}

/** Text made of the characters CSV parsing turns on, in runs, plus plain words. */
const csvText = fc
  .array(
    fc.constantFrom(
      'a',
      'bc',
      ',',
      ',',
      '"',
      '""',
      '\n',
      '\n',
      '\r\n',
      '\r',
      ' ',
      'é',
      '€',
      '\uFEFF',
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

/** Rows of 3 fields, some quoted with commas and doubled quotes, so most lines are plain. */
const plainishText = fc
  .array(
    fc.tuple(
      fc.constantFrom('x', '', 'A B', '"q,1"', '"say ""hi"""', '"a\nb"', 'é', 'o"k'),
      fc.constantFrom('1', '', '"2"', ' 3 '),
      fc.constantFrom('z', '', '"c, d"'),
    ),
    { maxLength: 30 },
  )
  .chain((rows) =>
    fc.constantFrom('\n', '\r\n').map((eol) => rows.map((r) => r.join(',')).join(eol) + eol),
  )
  .map((body) => `h1,h2,h3\n${body}`);

describe('readCsvChunks gives what readCsvRecords (csv-parse) gives', () => {
  it('for any text of quotes, commas, CR, LF, BOM and multi-byte characters', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(csvText, plainishText),
        fc.constantFrom(3, 7, 64, 1 << 20),
        async (text, chunkSize) => {
          const path = join(dir, `t${n++}.csv`);
          writeFileSync(path, text);
          const { records } = await viaChunks(path, false, chunkSize);
          expect(records).toEqual(await viaCsvParse(path, false));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('for gzipped files read in small chunks', async () => {
    const text = [
      '\uFEFFInvoice,Description,Price',
      '1,"CAKE, STAND",1.5',
      '',
      '2,"RECORD FRAME 7"" SIZE ",2',
      '3,café €,3',
      '4,short',
      '5,"TWO',
      'LINES",5',
      '6,after,6',
    ].join('\n');
    const path = join(dir, 'file.csv.gz');
    writeFileSync(path, gzipSync(text));
    const expected = await viaCsvParse(path, true);
    for (const size of [5, 16, 1 << 20]) {
      expect((await viaChunks(path, true, size)).records).toEqual(expected);
    }
    expect(expected.map((r) => [r.kind, r.at.line])).toEqual([
      ['header', 1],
      ['row', 2],
      ['row', 4],
      ['row', 5],
      ['broken', 6],
      ['row', 7],
      ['row', 9],
    ]);
  });

  it('hands on records in arrays, not one by one', async () => {
    const path = join(dir, 'many.csv');
    writeFileSync(path, 'a,b\n' + Array.from({ length: 5000 }, (_, i) => `${i},x`).join('\n'));
    const { records, chunks } = await viaChunks(path, false);
    expect(records).toHaveLength(5001);
    expect(chunks).toBeLessThanOrEqual(2);
  });

  it('throws on a file that is not gzip', async () => {
    const path = join(dir, 'not.csv.gz');
    writeFileSync(path, 'plain text');
    await expect(viaChunks(path, true)).rejects.toThrow(/incorrect header check/);
  });
});

describe('csvLineFields', () => {
  it('splits plain lines and RFC 4180 quoted fields', () => {
    expect(csvLineFields('a,,b c,')).toEqual(['a', '', 'b c', '']);
    expect(csvLineFields('"a,b","say ""hi""",""')).toEqual(['a,b', 'say "hi"', '']);
  });

  it('leaves to csv-parse what is not plain', () => {
    for (const line of ['a"b,c', '"open', '"a"b', 'x\r', ' "a"']) {
      expect(csvLineFields(line), line).toBeNull();
    }
  });
});
