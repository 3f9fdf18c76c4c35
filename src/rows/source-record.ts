/**
 * A cell as the format readers deliver it: CSV gives strings; XLSX also gives numbers and
 * dates (a Date from XLSX carries the naive wall-clock time in its UTC fields).
 */
export type RawCell = string | number | Date | null;

/** Where a record is: a CSV line, or a worksheet row (`sheet` set). */
export interface RecordPosition {
  readonly line: number;
  readonly sheet?: string;
}

/**
 * The format-neutral stream between a file reader and the retail line parser. Each CSV file
 * and each XLSX worksheet starts with one `header`; `broken` is a record the format reader
 * itself could not split into fields.
 */
export type SourceRecord =
  | {
      readonly kind: 'header' | 'row';
      readonly at: RecordPosition;
      readonly cells: readonly RawCell[];
    }
  | { readonly kind: 'broken'; readonly at: RecordPosition; readonly reason: string };
