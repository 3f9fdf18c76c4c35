import { parse, type CsvError } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { pipeline, type Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ReadMeter } from './read-meter.js';
import type { SourceRecord } from './source-record.js';

const READ_CHUNK = 1 << 20;

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
export async function* readCsvRecords(
  path: string,
  gzip: boolean,
  meter?: ReadMeter,
): AsyncGenerator<SourceRecord> {
  const skipped: CsvError[] = [];
  const parser = parse({
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    // With the relax options above, the only record error left is a quote still open at the
    // end of input (CSV_QUOTE_NOT_CLOSED); it is skipped and reported after the last record.
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error !== undefined) skipped.push(error);
    },
  });
  const stages: Transform[] = gzip ? [createGunzip({ chunkSize: READ_CHUNK }), parser] : [parser];
  const input = createReadStream(path, { highWaterMark: READ_CHUNK });
  pipeline([meter?.watch(input) ?? input, ...stages], () => {});

  let line = 1;
  let width = -1;
  for await (const fields of parser as AsyncIterable<string[]>) {
    const start = line;
    line += 1 + lineBreaks(fields);
    if (fields.length === 1 && (fields[0] ?? '').trim() === '') continue;
    const at = { line: start };
    if (width === -1) {
      width = fields.length;
      yield { kind: 'header', at, cells: fields };
    } else if (fields.length !== width) {
      const span =
        line - start > 1 ? ` (one record over lines ${start}-${line - 1}: unbalanced quote?)` : '';
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
