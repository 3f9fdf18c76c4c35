import { describe, expect, it } from 'vitest';
import { detectColumns } from '../../../src/purchases/retail-columns.js';

describe('detectColumns', () => {
  it('recognizes the seed layout', () => {
    expect(
      detectColumns([
        'invoice',
        'stock_code',
        'description',
        'quantity',
        'invoice_date',
        'price',
        'customer_id',
        'country',
      ]),
    ).toEqual({
      ok: true,
      columns: {
        layout: 'seed',
        index: [0, 1, 2, 3, 4, 5, 6, 7],
        names: [
          'invoice',
          'stock_code',
          'description',
          'quantity',
          'invoice_date',
          'price',
          'customer_id',
          'country',
        ],
      },
    });
  });

  it('recognizes the Online Retail II layout in any case, spacing and order', () => {
    const result = detectColumns([
      'COUNTRY',
      ' customer id ',
      'Price',
      'Invoice Date',
      'quantity',
      'Description',
      'Stock Code',
      'invoice',
      'Extra',
    ]);
    expect(result).toEqual({
      ok: true,
      columns: {
        layout: 'online_retail_ii',
        index: [7, 6, 5, 4, 3, 2, 1, 0],
        names: [
          'invoice',
          'Stock Code',
          'Description',
          'quantity',
          'Invoice Date',
          'Price',
          'customer id',
          'COUNTRY',
        ],
      },
    });
  });

  it('names the missing columns of the closest layout', () => {
    expect(
      detectColumns([
        'Invoice',
        'StockCode',
        'Description',
        'Quantity',
        'InvoiceDate',
        'Customer ID',
        'Country',
      ]),
    ).toEqual({
      ok: false,
      missing: ['Price'],
    });
    expect(
      detectColumns([
        'invoice',
        'stock_code',
        'description',
        'quantity',
        'invoice_date',
        'price',
        'country',
      ]),
    ).toEqual({
      ok: false,
      missing: ['customer_id'],
    });
  });
});
