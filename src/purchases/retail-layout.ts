/** The eight fields of a retail line, in this order everywhere below. */
export const RETAIL_FIELDS = [
  'invoice',
  'stockCode',
  'description',
  'quantity',
  'invoiceDate',
  'price',
  'customerId',
  'country',
] as const;

export type RetailField = (typeof RETAIL_FIELDS)[number];

/** A known header spelling: column names per field. */
export interface RetailLayout {
  readonly name: 'seed' | 'online_retail_ii';
  readonly columns: Readonly<Record<RetailField, string>>;
}

export const RETAIL_LAYOUTS: readonly RetailLayout[] = [
  {
    name: 'online_retail_ii',
    columns: {
      invoice: 'Invoice',
      stockCode: 'StockCode',
      description: 'Description',
      quantity: 'Quantity',
      invoiceDate: 'InvoiceDate',
      price: 'Price',
      customerId: 'Customer ID',
      country: 'Country',
    },
  },
  {
    name: 'seed',
    columns: {
      invoice: 'invoice',
      stockCode: 'stock_code',
      description: 'description',
      quantity: 'quantity',
      invoiceDate: 'invoice_date',
      price: 'price',
      customerId: 'customer_id',
      country: 'country',
    },
  },
];
