import { InputError } from '../errors.js';
import { cellText } from './cell-text.js';
import { readCsvRecords } from '../rows/csv-records.js';
import type { ReadMeter } from '../rows/read-meter.js';
import type { RetailRowResult, RowError } from './retail-line.js';
import { detectColumns, type RetailColumns } from './retail-columns.js';
import type { RecordPosition, SourceRecord } from '../rows/source-record.js';
import { toRetailLine } from './to-retail-line.js';
import { readXlsxRecords } from './xlsx-records.js';

export interface ReadRetailOptions {
  /** Name reported as `file` in row errors; defaults to `path` as given. */
  readonly label?: string;
  /** Counts the bytes read of the file. */
  readonly meter?: ReadMeter;
}

/**
 * Streams a retail transactions file (`.csv`, `.csv.gz` / `.gz`, `.xlsx`; every worksheet in
 * order) and yields one result per data row, in file order. The layout (seed or Online Retail
 * II) is detected from each header, ignoring case and spacing. Row problems are yielded as
 * errors and reading goes on.
 *
 * Throws InputError for an unsupported file extension and for a header (of the CSV, or of any
 * worksheet) that lacks a required column: `missing column "Price"`. I/O and decompression
 * errors are thrown as they are.
 */
export async function* readRetailLines(
  path: string,
  options: ReadRetailOptions = {},
): AsyncGenerator<RetailRowResult> {
  const file = options.label ?? path;
  let columns: RetailColumns | undefined;
  for await (const record of openRecords(path, options.meter)) {
    if (record.kind === 'header') {
      columns = headerColumns(file, record.at, record.cells.map(cellText));
    } else if (record.kind === 'broken') {
      yield { ok: false, error: rowError(file, record.at, record.reason) };
    } else if (columns !== undefined) {
      const { index, names } = columns;
      const line = toRetailLine(
        index.map((i) => record.cells[i] ?? null),
        names,
      );
      yield typeof line === 'string'
        ? { ok: false, error: rowError(file, record.at, line) }
        : { ok: true, line };
    }
  }
}

function openRecords(path: string, meter?: ReadMeter): AsyncGenerator<SourceRecord> {
  const name = path.toLowerCase();
  if (name.endsWith('.xlsx')) return readXlsxRecords(path, meter);
  if (name.endsWith('.gz')) return readCsvRecords(path, true, meter);
  if (name.endsWith('.csv')) return readCsvRecords(path, false, meter);
  throw new InputError(
    `unsupported retail file type: ${path} (expected .csv, .csv.gz or .xlsx)`,
    'path',
    { path },
  );
}

function headerColumns(file: string, at: RecordPosition, header: readonly string[]): RetailColumns {
  const result = detectColumns(header);
  if (result.ok) return result.columns;
  const reason = `missing column${result.missing.length > 1 ? 's' : ''} ${result.missing.map((name) => JSON.stringify(name)).join(', ')}`;
  const where = at.sheet === undefined ? `${file}:${at.line}` : `${file} [${at.sheet}]:${at.line}`;
  throw new InputError(`${where}: ${reason}`, 'path', { ...rowError(file, at, reason) });
}

function rowError(file: string, at: RecordPosition, reason: string): RowError {
  return at.sheet === undefined
    ? { file, line: at.line, reason }
    : { file, sheet: at.sheet, line: at.line, reason };
}
