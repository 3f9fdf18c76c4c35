import { RETAIL_FIELDS, RETAIL_LAYOUTS, type RetailLayout } from './retail-layout.js';

/** Where each field sits in a header, in RETAIL_FIELDS order. */
export interface RetailColumns {
  readonly layout: RetailLayout['name'];
  /** Index of each field's column in the record. */
  readonly index: readonly number[];
  /** Each field's column name as the file writes it, for error reasons. */
  readonly names: readonly string[];
}

export type ColumnsResult =
  | { readonly ok: true; readonly columns: RetailColumns }
  | { readonly ok: false; readonly missing: readonly string[] };

/**
 * Matches a header row against the known layouts, ignoring case and whitespace
 * (`Customer ID` = `customerid`); column order is free and extra columns are ignored. On
 * failure, names the missing columns of the closest layout.
 */
export function detectColumns(header: readonly string[]): ColumnsResult {
  const position = new Map<string, number>();
  header.forEach((name, i) => {
    const key = fold(name);
    if (!position.has(key)) position.set(key, i);
  });
  let closest: readonly string[] | undefined;
  for (const layout of RETAIL_LAYOUTS) {
    const index = RETAIL_FIELDS.map((field) => position.get(fold(layout.columns[field])) ?? -1);
    const missing = RETAIL_FIELDS.filter((_, i) => index[i] === -1).map(
      (field) => layout.columns[field],
    );
    if (missing.length === 0) {
      const names = index.map((i) => header[i]?.trim() ?? '');
      return { ok: true, columns: { layout: layout.name, index, names } };
    }
    if (closest === undefined || missing.length < closest.length) closest = missing;
  }
  return { ok: false, missing: closest ?? [] };
}

function fold(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}
