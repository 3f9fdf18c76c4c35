import { parse, type CsvError } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ReadMeter } from './read-meter.js';
import type { SourceRecord } from './source-record.js';

export const READ_CHUNK = 1 << 20;

/** Where a csv-parse pass starts: the physical line and the header's width (-1: none yet). */
export interface CsvStart {
  readonly line: number;
  readonly width: number;
  /** The record delimiter already seen before this point (`\n`); detected when absent. */
  readonly recordDelimiter?: string;
}

/**
 * Streams a CSV file (gunzipped on the fly when `gzip`) as source records: the first non-blank
 * record is the header, blank lines are skipped. Line numbers are physical lines counted here
 * (a quoted line break inside a field counts, CRLF counts once), not csv-parse's `info`, which
 * costs an object per record.
 *
 * Malformed quoting never stops the stream. With `relax_quotes`, a quote inside a field is
 * kept as a character. A quote left open swallows the following lines up to the next quote;
 * that record then has the wrong number of fields and is reported as `broken` with the lines
 * it spans; the lines inside it are not read. A quote still open at the end of the file is
 * reported the same way. A file that cannot be read or decompressed throws.
 */
export function readCsvRecords(
  path: string,
  gzip: boolean,
  meter?: ReadMeter,
): AsyncGenerator<SourceRecord> {
  const input = createReadStream(path, { highWaterMark: READ_CHUNK });
  return parseCsvRecords(
    meter?.watch(input) ?? input,
    gzip ? [createGunzip({ chunkSize: READ_CHUNK })] : [],
    { line: 1, width: -1 },
  );
}

/**
 * The records of the CSV text `input` gives through `transforms` (bytes or strings), as
 * readCsvRecords describes, from `start` on: a reader that took the first lines itself hands
 * the rest of a file over here and gets the records csv-parse gives for the whole file. An
 * error of any stage ends the stream with that error.
 */
export async function* parseCsvRecords(
  input: Readable,
  transforms: readonly Transform[],
  start: CsvStart,
): AsyncGenerator<SourceRecord> {
  const skipped: CsvError[] = [];
  const parser = parse({
    bom: start.line === 1,
    relax_quotes: true,
    relax_column_count: true,
    ...(start.recordDelimiter === undefined ? {} : { record_delimiter: start.recordDelimiter }),
    // With the relax options above, the only record error left is a quote still open at the
    // end of input (CSV_QUOTE_NOT_CLOSED); it is skipped and reported after the last record.
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error !== undefined) skipped.push(error);
    },
  });
  pipeline([input, ...transforms, parser], () => {});

  let line = start.line;
  let width = start.width;
  for await (const fields of parser as AsyncIterable<string[]>) {
    const first = line;
    line += 1 + lineBreaks(fields);
    if (fields.length === 1 && (fields[0] ?? '').trim() === '') continue;
    const at = { line: first };
    if (width === -1) {
      width = fields.length;
      yield { kind: 'header', at, cells: fields };
    } else if (fields.length !== width) {
      const span =
        line - first > 1 ? ` (one record over lines ${first}-${line - 1}: unbalanced quote?)` : '';
      yield {
        kind: 'broken',
        at,
        reason: `wrong number of fields: expected ${width}, found ${fields.length}${span}`,
      };
    } else {
      yield { kind: 'row', at, cells: fields };
    }
  }
  for (const error of skipped) {
    const reason =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'unclosed quote: the record starting here runs to the end of the file'
        : `unreadable record: ${error.message}`;
    yield { kind: 'broken', at: { line }, reason };
  }
}

/** Line breaks inside the fields of one record (CRLF, LF and CR each count once). */
function lineBreaks(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    if (field.length === 0 || (field.indexOf('\n') === -1 && field.indexOf('\r') === -1)) continue;
    count += field.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return count;
}
