import { describe, expect, it } from 'vitest';
import { normalizeCustomerId } from '../../../src/purchases/customer-id.js';
import type { RetailLine } from '../../../src/purchases/retail-line.js';
import type { RawCell } from '../../../src/rows/source-record.js';
import { toRetailLine } from '../../../src/purchases/to-retail-line.js';

const NAMES = [
  'Invoice',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'Price',
  'Customer ID',
  'Country',
];
const ROW: RawCell[] = [
  '489434',
  '85048',
  ' GLASS BALL ',
  '12',
  '2009-12-01 07:45:00',
  '6.95',
  '13085.0',
  'United Kingdom',
];

function read(changes: Record<number, RawCell>): RetailLine | string {
  return toRetailLine(
    ROW.map((cell, i) => (i in changes ? (changes[i] ?? null) : cell)),
    NAMES,
  );
}

function line(changes: Record<number, RawCell>): RetailLine {
  const result = read(changes);
  if (typeof result === 'string') throw new Error(result);
  return result;
}

describe('normalizeCustomerId', () => {
  it.each([
    ['13085.0', '13085'],
    ['13085.00', '13085'],
    ['13085.', '13085'],
    ['13085', '13085'],
    ['CUS013085', 'CUS013085'],
    ['13085.5', '13085.5'],
    ['', null],
  ])('%j → %j', (text, id) => {
    expect(normalizeCustomerId(text)).toBe(id);
  });
});

describe('toRetailLine', () => {
  it('trims text, drops the float fraction of the customer id and keys the line', () => {
    expect(line({})).toEqual({
      invoice: '489434',
      stockCode: '85048',
      description: 'GLASS BALL',
      quantity: 12,
      invoiceTime: '2009-12-01T07:45:00',
      day: '2009-12-01',
      price: '6.95',
      revenueCents: 8340,
      customerId: '13085',
      country: 'United Kingdom',
      cancelled: false,
      lineKey: line({ 6: '13085', 2: 'GLASS BALL', 5: '6.950' }).lineKey,
    });
  });

  it('marks C and c invoices as cancelled, and no other', () => {
    expect(line({ 0: 'C489449', 3: '-12' })).toMatchObject({
      cancelled: true,
      revenueCents: -8340,
    });
    expect(line({ 0: 'c489449' }).cancelled).toBe(true);
    expect(line({ 0: 'A563185' }).cancelled).toBe(false);
  });

  it('treats an empty customer id as a guest', () => {
    expect(line({ 6: '  ' }).customerId).toBeNull();
    expect(line({ 6: null }).customerId).toBeNull();
  });

  it('accepts XLSX cell types', () => {
    const fromCells = line({
      0: 489434,
      1: 85048,
      3: 12,
      4: new Date(Date.UTC(2009, 11, 1, 7, 45)),
      5: 6.95,
      6: 13085,
    });
    expect(fromCells).toEqual(line({ 6: '13085' }));
    expect(line({ 3: '12.0' }).quantity).toBe(12);
  });

  it('changes the key when any of the eight fields changes', () => {
    const base = line({}).lineKey;
    const variants: Record<number, RawCell>[] = [
      { 0: '489435' },
      { 1: '85049' },
      { 2: 'GLASS BALLS' },
      { 3: '13' },
      { 4: '2009-12-01 07:46:00' },
      { 5: '6.96' },
      { 6: '13086' },
      { 7: 'France' },
    ];
    const keys = variants.map((v) => line(v).lineKey);
    expect(new Set([base, ...keys]).size).toBe(9);
  });

  it.each([
    [{ 0: ' ' }, 'missing value in Invoice'],
    [{ 3: '' }, 'missing value in Quantity'],
    [{ 3: 'abc' }, 'malformed number "abc" in Quantity'],
    [{ 3: '1.5' }, 'malformed number "1.5" in Quantity'],
    [{ 3: '1e3' }, 'malformed number "1e3" in Quantity'],
    [{ 4: null }, 'missing value in InvoiceDate'],
    [{ 4: '2010-13-45' }, 'malformed date "2010-13-45" in InvoiceDate'],
    [{ 5: '' }, 'missing value in Price'],
    [{ 5: '6,95' }, 'malformed number "6,95" in Price'],
    [{ 3: '999999999999999', 5: '99999999' }, 'revenue out of range: 999999999999999 × 99999999'],
  ] as [Record<number, RawCell>, string][])('rejects %j: %s', (changes, reason) => {
    expect(read(changes)).toBe(reason);
  });
});
