import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { readRetailLines } from '../../../src/purchases/read-retail-lines.js';
import { collect, errorsOf, fixture, linesOf, SEED_CSV } from './fixtures.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'retail-csv-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readRetailLines on the seed file', () => {
  it('reads 30 lines, 16 customers, 1628.64 in total, CUS013085 = 294.90', async () => {
    const results = await collect(readRetailLines(SEED_CSV));
    const lines = linesOf(results);
    expect(results).toHaveLength(30);
    expect(errorsOf(results)).toEqual([]);
    expect(new Set(lines.map((l) => l.customerId)).size).toBe(16);
    expect(lines.reduce((sum, l) => sum + l.revenueCents, 0)).toBe(162_864);
    const cus013085 = lines.filter((l) => l.customerId === 'CUS013085');
    expect(cus013085.map((l) => l.invoice)).toEqual(['489434', '489434', '490100', '490100']);
    expect(cus013085.reduce((sum, l) => sum + l.revenueCents, 0)).toBe(29_490);
  });

  it('normalizes each field of a line', async () => {
    const [first] = linesOf(await collect(readRetailLines(SEED_CSV)));
    expect(first).toEqual({
      invoice: '489434',
      stockCode: '85048',
      description: '15CM CHRISTMAS GLASS BALL 20 LIGHTS',
      quantity: 12,
      invoiceTime: '2009-12-01T07:45:00',
      day: '2009-12-01',
      price: '6.95',
      revenueCents: 8340,
      customerId: 'CUS013085',
      country: 'United Kingdom',
      cancelled: false,
      lineKey: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });
});

describe('readRetailLines on the Online Retail II layout', () => {
  it('drops the float fraction of customer ids, flags cancellations, keeps guests as null', async () => {
    const lines = linesOf(await collect(readRetailLines(fixture('kaggle-sample.csv'))));
    expect(lines.map((l) => [l.invoice, l.customerId, l.cancelled, l.revenueCents])).toEqual([
      ['489434', '13085', false, 8340],
      ['489434', '13085', false, 8100],
      ['489434', '13085', false, 10080],
      ['489435', '13085', false, 4500],
      ['C489449', '16321', true, -3540],
      ['489464', null, false, 0],
      ['494914', '16705', false, 0],
      ['494914', '16705', false, 0],
      ['489434', '13085', false, 8340],
    ]);
    expect(lines[1]?.description).toBe('WHITE CHERRY LIGHTS');
    expect(lines[2]?.description).toBe('RECORD FRAME 7" SINGLE SIZE');
    expect(lines[3]?.description).toBe('DOG BOWL , CHASING BALL DESIGN');
    expect(lines[6]?.price).toBe('0.001');
  });

  it('gives identical rows the same key, whether the id is written 13085.0 or 13085', async () => {
    const lines = linesOf(await collect(readRetailLines(fixture('kaggle-sample.csv'))));
    const keys = lines.map((l) => l.lineKey);
    expect(keys[8]).toBe(keys[0]);
    expect(keys[7]).toBe(keys[6]);
    expect(new Set(keys).size).toBe(7);
  });

  it('reads a .csv.gz exactly like the plain file', async () => {
    const gz = join(dir, 'sample.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('kaggle-sample.csv'))));
    const plain = await collect(readRetailLines(fixture('kaggle-sample.csv')));
    expect(await collect(readRetailLines(gz))).toEqual(plain);
    expect(plain).toHaveLength(9);
  });

  it('detects the layout from a header in any case, spacing and column order', async () => {
    const path = join(dir, 'shuffled.csv');
    writeFileSync(
      path,
      'country,CUSTOMER ID, price ,invoicedate,Quantity,description,Stock Code,INVOICE,extra\n' +
        'France,12682.0,3.75,2009-12-01 12:30:00,4,ALARM CLOCK BAKELIKE PINK,22728,489447,x\n',
    );
    const lines = linesOf(await collect(readRetailLines(path)));
    expect(
      lines.map((l) => [l.invoice, l.stockCode, l.quantity, l.price, l.customerId, l.country]),
    ).toEqual([['489447', '22728', 4, '3.75', '12682', 'France']]);
  });
});

describe('readRetailLines on bad rows', () => {
  it('reports file, line and reason for each bad row and keeps reading', async () => {
    const path = fixture('bad-rows.csv');
    const results = await collect(readRetailLines(path, { label: 'bad-rows.csv' }));
    expect(errorsOf(results)).toEqual([
      { file: 'bad-rows.csv', line: 3, reason: 'wrong number of fields: expected 8, found 7' },
      { file: 'bad-rows.csv', line: 4, reason: 'malformed number "abc" in Quantity' },
      {
        file: 'bad-rows.csv',
        line: 5,
        reason: 'malformed date "2010-13-45 09:00:00" in InvoiceDate',
      },
      { file: 'bad-rows.csv', line: 6, reason: 'missing value in Price' },
      {
        file: 'bad-rows.csv',
        line: 8,
        reason:
          'wrong number of fields: expected 8, found 9 (one record over lines 8-9: unbalanced quote?)',
      },
      { file: 'bad-rows.csv', line: 14, reason: 'malformed number "1.2.3" in Price' },
      {
        file: 'bad-rows.csv',
        line: 15,
        reason: 'malformed date "2010-02-29 12:00:00" in InvoiceDate',
      },
      { file: 'bad-rows.csv', line: 16, reason: 'malformed number "1.5" in Quantity' },
    ]);
    expect(linesOf(results).map((l) => [l.invoice, l.description])).toEqual([
      ['489434', '15CM CHRISTMAS GLASS BALL 20 LIGHTS'],
      ['489437', 'REGENCY CAKESTAND, 3 TIER'],
      ['489441', 'HOME BUILDING BLOCK WORD'],
      ['489442', 'GREEN "REGENCY" TEACUP'],
      // A quote inside an unquoted field is kept as a character (relax_quotes).
      ['489443', 'WHITE "HANGING" HEART'],
      ['489447', 'ALARM CLOCK BAKELIKE PINK'],
    ]);
    expect(results).toHaveLength(14);
  });

  it('reports a quote left open to the end of the file and keeps the rows before it', async () => {
    const results = await collect(
      readRetailLines(fixture('unclosed-at-end.csv'), { label: 'u.csv' }),
    );
    expect(linesOf(results).map((l) => l.invoice)).toEqual(['489434']);
    expect(errorsOf(results)).toEqual([
      {
        file: 'u.csv',
        line: 3,
        reason: 'unclosed quote: the record starting here runs to the end of the file',
      },
    ]);
  });

  it('counts physical lines with CRLF endings, a BOM, blank lines and quoted line breaks', async () => {
    const path = join(dir, 'crlf.csv');
    const rows = [
      '\uFEFFInvoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country',
      '489434,85048,"THREE\r\nLINES\r\nHERE",12,2009-12-01 07:45:00,6.95,13085.0,United Kingdom',
      '',
      '489435,22111,BOTTLE,x,2009-12-01 07:45:00,3.45,13748.0,United Kingdom',
      '489436,48173C,MAT,10,2009-12-01 09:00:00,5.95,,United Kingdom',
    ];
    writeFileSync(path, rows.join('\r\n') + '\r\n');
    const results = await collect(readRetailLines(path, { label: 'crlf.csv' }));
    expect(errorsOf(results)).toEqual([
      { file: 'crlf.csv', line: 6, reason: 'malformed number "x" in Quantity' },
    ]);
    expect(linesOf(results).map((l) => [l.invoice, l.description])).toEqual([
      ['489434', 'THREE\r\nLINES\r\nHERE'],
      ['489436', 'MAT'],
    ]);
  });

  it('throws InputError naming a column missing from the header', async () => {
    const read = collect(readRetailLines(fixture('missing-price.csv'), { label: 'm.csv' }));
    await expect(read).rejects.toBeInstanceOf(InputError);
    await expect(
      collect(readRetailLines(fixture('missing-price.csv'), { label: 'm.csv' })),
    ).rejects.toThrow('m.csv:1: missing column "Price"');
  });

  it('throws for an unsupported extension and for a missing file', async () => {
    await expect(collect(readRetailLines(join(dir, 'x.json')))).rejects.toBeInstanceOf(InputError);
    await expect(collect(readRetailLines(join(dir, 'absent.csv')))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('stops reading when the consumer stops', async () => {
    const first: string[] = [];
    for await (const result of readRetailLines(SEED_CSV)) {
      if (result.ok) first.push(result.line.invoice);
      if (first.length === 2) break;
    }
    expect(first).toEqual(['489434', '489434']);
  });
});
