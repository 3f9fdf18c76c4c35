import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { readRetailLines } from '../../../src/purchases/read-retail-lines.js';
import { readXlsxRecords } from '../../../src/purchases/xlsx-records.js';
import { collect, errorsOf, fixture, linesOf } from './fixtures.js';

const HEADER = [
  'Invoice',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'Price',
  'Customer ID',
  'Country',
];

let dir = '';
let workbookPath = '';

/**
 * Two sheets as in the Kaggle export: the first with real Excel dates and numeric cells, the
 * second with `M/D/YYYY H:MM` text dates, rich text, a formula, a blank row and bad rows.
 */
async function writeWorkbook(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const first = workbook.addWorksheet('Year 2009-2010');
  first.addRow(HEADER);
  first.addRow([
    489434,
    85048,
    '15CM CHRISTMAS GLASS BALL 20 LIGHTS',
    12,
    new Date(Date.UTC(2009, 11, 1, 7, 45)),
    6.95,
    13085,
    'United Kingdom',
  ]);
  first.addRow([
    'C489449',
    '22087',
    'PAPER BUNTING WHITE LACE',
    -12,
    new Date(Date.UTC(2009, 11, 1, 10, 33)),
    2.95,
    16321,
    'Australia',
  ]);
  first.addRow([
    494914,
    'PADS',
    'PADS TO MATCH ALL CUSHIONS',
    1,
    new Date(Date.UTC(2010, 0, 19, 17, 4)),
    0.001,
    16705,
    'United Kingdom',
  ]);
  const second = workbook.addWorksheet('Year 2010-2011');
  second.addRow(HEADER);
  second.addRow([
    '536365',
    '85123A',
    'WHITE HANGING HEART T-LIGHT HOLDER',
    6,
    '12/1/2010 8:26',
    2.55,
    17850,
    'United Kingdom',
  ]);
  second.addRow([' ', null, '']);
  second.addRow([
    '536366',
    '22633',
    { richText: [{ text: 'HAND WARMER ' }, { text: 'UNION JACK' }] },
    { formula: '3*2', result: 6 },
    '12/1/2010 8:28',
    1.85,
    null,
    'United Kingdom',
  ]);
  second.addRow([
    '536367',
    '84879',
    'ASSORTED COLOUR BIRD ORNAMENT',
    'many',
    '12/1/2010 8:34',
    1.69,
    13047,
    'United Kingdom',
  ]);
  second.addRow([
    '536368',
    '22960',
    'JAM MAKING SET WITH JARS',
    6,
    '13/1/2010 8:34',
    4.25,
    13047,
    'United Kingdom',
  ]);
  await workbook.xlsx.writeFile(path);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'retail-xlsx-'));
  workbookPath = join(dir, 'online_retail_II.xlsx');
  await writeWorkbook(workbookPath);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readRetailLines on XLSX', () => {
  it('reads both sheets in order, with Excel dates and M/D/YYYY text dates', async () => {
    const lines = linesOf(await collect(readRetailLines(workbookPath)));
    expect(
      lines.map((l) => [
        l.invoice,
        l.stockCode,
        l.description,
        l.quantity,
        l.invoiceTime,
        l.price,
        l.revenueCents,
        l.customerId,
        l.cancelled,
      ]),
    ).toEqual([
      [
        '489434',
        '85048',
        '15CM CHRISTMAS GLASS BALL 20 LIGHTS',
        12,
        '2009-12-01T07:45:00',
        '6.95',
        8340,
        '13085',
        false,
      ],
      [
        'C489449',
        '22087',
        'PAPER BUNTING WHITE LACE',
        -12,
        '2009-12-01T10:33:00',
        '2.95',
        -3540,
        '16321',
        true,
      ],
      [
        '494914',
        'PADS',
        'PADS TO MATCH ALL CUSHIONS',
        1,
        '2010-01-19T17:04:00',
        '0.001',
        0,
        '16705',
        false,
      ],
      [
        '536365',
        '85123A',
        'WHITE HANGING HEART T-LIGHT HOLDER',
        6,
        '2010-12-01T08:26:00',
        '2.55',
        1530,
        '17850',
        false,
      ],
      [
        '536366',
        '22633',
        'HAND WARMER UNION JACK',
        6,
        '2010-12-01T08:28:00',
        '1.85',
        1110,
        null,
        false,
      ],
    ]);
  });

  it('delivers date-formatted cells as Date, one header per sheet, and skips blank rows', async () => {
    const records = await collect(readXlsxRecords(workbookPath));
    expect(records.map((r) => [r.kind, r.at.sheet, r.at.line])).toEqual([
      ['header', 'Year 2009-2010', 1],
      ['row', 'Year 2009-2010', 2],
      ['row', 'Year 2009-2010', 3],
      ['row', 'Year 2009-2010', 4],
      ['header', 'Year 2010-2011', 1],
      ['row', 'Year 2010-2011', 2],
      ['row', 'Year 2010-2011', 4],
      ['row', 'Year 2010-2011', 5],
      ['row', 'Year 2010-2011', 6],
    ]);
    const second = records[1];
    expect(second?.kind === 'row' ? second.cells[4] : undefined).toBeInstanceOf(Date);
  });

  it('reports bad rows by sheet name and row number', async () => {
    const errors = errorsOf(await collect(readRetailLines(workbookPath, { label: 'retail.xlsx' })));
    expect(errors).toEqual([
      {
        file: 'retail.xlsx',
        sheet: 'Year 2010-2011',
        line: 5,
        reason: 'malformed number "many" in Quantity',
      },
      {
        file: 'retail.xlsx',
        sheet: 'Year 2010-2011',
        line: 6,
        reason: 'malformed date "13/1/2010 8:34" in InvoiceDate',
      },
    ]);
  });

  it('gives a line the same key as the same line read from CSV', async () => {
    const fromXlsx = linesOf(await collect(readRetailLines(workbookPath)));
    const fromCsv = linesOf(await collect(readRetailLines(fixture('kaggle-sample.csv'))));
    expect(fromXlsx[0]).toEqual(fromCsv[0]);
    expect(fromXlsx[1]?.lineKey).toBe(fromCsv[4]?.lineKey);
    expect(fromXlsx[2]?.lineKey).toBe(fromCsv[6]?.lineKey);
  });

  it('throws InputError when a sheet header lacks a column', async () => {
    const path = join(dir, 'bad-header.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['Invoice', 'StockCode', 'Quantity']);
    await workbook.xlsx.writeFile(path);
    await expect(collect(readRetailLines(path, { label: 'b.xlsx' }))).rejects.toBeInstanceOf(
      InputError,
    );
    await expect(collect(readRetailLines(path, { label: 'b.xlsx' }))).rejects.toThrow(
      'b.xlsx [Notes]:1: missing columns "Description", "InvoiceDate", "Price", "Customer ID", "Country"',
    );
  });
});
