import { cellText } from './cell-text.js';
import { normalizeCustomerId } from './customer-id.js';
import { formatDecimal, parseDecimal } from '../rows/decimal.js';
import { parseInvoiceTime } from './invoice-time.js';
import { lineKey } from './line-key.js';
import type { RetailLine } from './retail-line.js';
import { revenueCents } from '../rows/revenue-cents.js';
import type { RawCell } from '../rows/source-record.js';

/** Cancellation invoices start with C. */
const CANCELLED = /^c/i;
/** A whole quantity, possibly written as a float (`12.0`); at most 15 digits. */
const QUANTITY = /^[+-]?\d{1,15}(?:\.0*)?$/;

/**
 * Validates and normalizes one row. `cells` and `names` (the file's column names) are in
 * RETAIL_FIELDS order. Returns the line, or the reason it was rejected. Invoice, Quantity,
 * InvoiceDate and Price are required; the other fields may be empty.
 */
export function toRetailLine(
  cells: readonly RawCell[],
  names: readonly string[],
): RetailLine | string {
  const [
    invoiceCell,
    stockCell,
    descriptionCell,
    quantityCell,
    dateCell,
    priceCell,
    customerCell,
    countryCell,
  ] = cells;
  const [, , , quantityName, dateName, priceName] = names;

  const invoice = cellText(invoiceCell ?? null);
  if (invoice === '') return `missing value in ${names[0]}`;

  const quantityText = cellText(quantityCell ?? null);
  if (quantityText === '') return `missing value in ${quantityName}`;
  const quantity = QUANTITY.test(quantityText) ? Math.trunc(Number(quantityText)) : Number.NaN;
  if (!Number.isSafeInteger(quantity))
    return `malformed number ${JSON.stringify(quantityText)} in ${quantityName}`;

  const dateText = cellText(dateCell ?? null);
  if (dateText === '') return `missing value in ${dateName}`;
  const invoiceTime = parseInvoiceTime(dateCell ?? null);
  if (invoiceTime === null) return `malformed date ${JSON.stringify(dateText)} in ${dateName}`;

  const priceText = cellText(priceCell ?? null);
  if (priceText === '') return `missing value in ${priceName}`;
  const decimal = parseDecimal(priceText);
  if (decimal === null) return `malformed number ${JSON.stringify(priceText)} in ${priceName}`;
  const cents = revenueCents(quantity, decimal);
  if (cents === null) return `revenue out of range: ${quantityText} × ${priceText}`;

  const stockCode = cellText(stockCell ?? null);
  const description = cellText(descriptionCell ?? null);
  const price = formatDecimal(decimal);
  const customerId = normalizeCustomerId(cellText(customerCell ?? null));
  const country = cellText(countryCell ?? null);
  return {
    invoice,
    stockCode,
    description,
    quantity: quantity === 0 ? 0 : quantity,
    invoiceTime,
    day: invoiceTime.slice(0, 10),
    price,
    revenueCents: cents,
    customerId,
    country,
    cancelled: CANCELLED.test(invoice),
    lineKey: lineKey([
      invoice,
      stockCode,
      description,
      String(quantity),
      invoiceTime,
      price,
      customerId ?? '',
      country,
    ]),
  };
}
