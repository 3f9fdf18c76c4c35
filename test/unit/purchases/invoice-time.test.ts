import { describe, expect, it } from 'vitest';
import { parseInvoiceTime } from '../../../src/purchases/invoice-time.js';

describe('parseInvoiceTime', () => {
  it.each([
    ['2009-12-01 07:45:00', '2009-12-01T07:45:00'],
    ['2009-12-01T07:45:00', '2009-12-01T07:45:00'],
    ['2009-12-01 07:45', '2009-12-01T07:45:00'],
    ['2009-12-01 07:45:00.000', '2009-12-01T07:45:00'],
    ['2009-12-01', '2009-12-01T00:00:00'],
    [' 2011-12-09 12:50:00 ', '2011-12-09T12:50:00'],
    ['12/1/2009 7:45', '2009-12-01T07:45:00'],
    ['1/13/2011 16:05', '2011-01-13T16:05:00'],
    ['12/9/2011 12:50:30', '2011-12-09T12:50:30'],
    ['2/29/2012 0:00', '2012-02-29T00:00:00'],
  ])('text %j', (text, expected) => {
    expect(parseInvoiceTime(text)).toBe(expected);
  });

  it.each([
    '2010-13-45',
    '2010-13-45 09:00:00',
    '2010-02-29 12:00:00',
    '2009-12-01 24:00:00',
    '2009-12-01 07:60:00',
    '13/1/2010 7:45',
    '1/32/2010 7:45',
    'yesterday',
    '',
  ])('rejects %j', (text) => {
    expect(parseInvoiceTime(text)).toBeNull();
  });

  it('reads an XLSX Date cell from its UTC fields, rounded to the second', () => {
    expect(parseInvoiceTime(new Date(Date.UTC(2009, 11, 1, 7, 44, 59, 999)))).toBe(
      '2009-12-01T07:45:00',
    );
    expect(parseInvoiceTime(new Date(Date.UTC(2010, 0, 5, 23, 59, 59, 400)))).toBe(
      '2010-01-05T23:59:59',
    );
    expect(parseInvoiceTime(new Date(Number.NaN))).toBeNull();
  });

  it('reads a number as an Excel 1900 serial', () => {
    // 40148 is 2009-12-01 in Excel; 0.3125 of a day is 07:30.
    expect(parseInvoiceTime(40148.3125)).toBe('2009-12-01T07:30:00');
    expect(parseInvoiceTime(40148 + (7 * 60 + 45) / 1440)).toBe('2009-12-01T07:45:00');
  });

  it('gives the same answer when the same text repeats or alternates', () => {
    expect(parseInvoiceTime('2010-13-45')).toBeNull();
    expect(parseInvoiceTime('2010-13-45')).toBeNull();
    expect(parseInvoiceTime('2010-01-05 10:15:00')).toBe('2010-01-05T10:15:00');
    expect(parseInvoiceTime('2010-01-05 10:15:00')).toBe('2010-01-05T10:15:00');
    expect(parseInvoiceTime('2010-13-45')).toBeNull();
  });
});
