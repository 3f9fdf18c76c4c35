import { InputError } from '../errors.js';
import { cellText } from './cell-text.js';
import { readCsvChunks } from '../rows/csv-chunks.js';
import { readCsvRecords } from '../rows/csv-records.js';
import type { ReadMeter } from '../rows/read-meter.js';
import type { RetailRowResult, RowError } from './retail-line.js';
import { detectColumns, type RetailColumns } from './retail-columns.js';
import type { RawCell, RecordPosition, SourceRecord } from '../rows/source-record.js';
import { toRetailLine } from './to-retail-line.js';
import { readXlsxRecords } from './xlsx-records.js';

export interface ReadRetailOptions {
  /** Name reported as `file` in row errors; defaults to `path` as given. */
  readonly label?: string;
  /** Counts the bytes read of the file. */
  readonly meter?: ReadMeter;
  /**
   * `csv-parse`: every CSV record through csv-parse (readCsvRecords), the reader before the
   * line splitter of readCsvChunks; the same results, slower. For side-by-side benches.
   */
  readonly csvReader?: 'lines' | 'csv-parse';
}

/** Source records are handed on in arrays of at most this many (XLSX, csv-parse). */
const CHUNK = 10_000;
/** Bytes per CSV read: about 800 lines of Online Retail II, a few milliseconds of parsing. */
const CSV_CHUNK_BYTES = 1 << 16;

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
  for await (const chunk of readRetailChunks(path, options)) yield* chunk;
}

/** The results of readRetailLines in file order, in arrays (one per read chunk). */
export async function* readRetailChunks(
  path: string,
  options: ReadRetailOptions = {},
): AsyncGenerator<RetailRowResult[]> {
  const file = options.label ?? path;
  let columns: RetailColumns | undefined;
  const cells: RawCell[] = [];
  for await (const records of openRecords(path, options)) {
    const results: RetailRowResult[] = [];
    for (const record of records) {
      if (record.kind === 'header') {
        columns = headerColumns(file, record.at, record.cells.map(cellText));
      } else if (record.kind === 'broken') {
        results.push({ ok: false, error: rowError(file, record.at, record.reason) });
      } else if (columns !== undefined) {
        const { index, names } = columns;
        for (let i = 0; i < index.length; i++) cells[i] = record.cells[index[i] ?? -1] ?? null;
        const line = toRetailLine(cells, names);
        results.push(
          typeof line === 'string'
            ? { ok: false, error: rowError(file, record.at, line) }
            : { ok: true, line },
        );
      }
    }
    if (results.length > 0) yield results;
  }
}

function openRecords(path: string, options: ReadRetailOptions): AsyncIterable<SourceRecord[]> {
  const { meter } = options;
  const name = path.toLowerCase();
  const generic = options.csvReader === 'csv-parse';
  if (name.endsWith('.xlsx')) return chunked(readXlsxRecords(path, meter));
  if (name.endsWith('.gz'))
    return generic
      ? chunked(readCsvRecords(path, true, meter))
      : readCsvChunks(path, true, meter, CSV_CHUNK_BYTES);
  if (name.endsWith('.csv'))
    return generic
      ? chunked(readCsvRecords(path, false, meter))
      : readCsvChunks(path, false, meter);
  throw new InputError(
    `unsupported retail file type: ${path} (expected .csv, .csv.gz or .xlsx)`,
    'path',
    { path },
  );
}

async function* chunked(records: AsyncIterable<SourceRecord>): AsyncGenerator<SourceRecord[]> {
  let chunk: SourceRecord[] = [];
  for await (const record of records) {
    chunk.push(record);
    // a header is handed on at once: a missing column fails before more rows are read
    if (chunk.length >= CHUNK || record.kind === 'header') {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
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
