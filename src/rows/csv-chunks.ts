import { createReadStream } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Readable, pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { csvLineFields } from './csv-line-fields.js';
import { parseCsvRecords, READ_CHUNK } from './csv-records.js';
import type { ReadMeter } from './read-meter.js';
import type { SourceRecord } from './source-record.js';

/**
 * The records readCsvRecords yields for the same file (header, rows, broken records, the same
 * line numbers, blank lines skipped), in arrays of about one read chunk, at a fraction of
 * csv-parse's cost: lines are split on LF and plain lines (see csvLineFields) are split here.
 * From the first line that is not plain (a CR, a quote csv-parse reads with its relaxed rules,
 * a quoted line break), the rest of the file goes through csv-parse, with the line count and
 * header carried on, so every file yields exactly what readCsvRecords yields.
 *
 * Between chunks the reader lets the event loop turn (pending I/O runs first), so a reader
 * working ahead of a database writer (readAhead) holds the loop for one chunk at most: with
 * `chunkSize` 64 KiB, a few milliseconds, not the hundreds a 1 MiB gunzip burst takes.
 */
export async function* readCsvChunks(
  path: string,
  gzip: boolean,
  meter?: ReadMeter,
  /** Bytes per read (and per gunzipped chunk). */
  chunkSize = READ_CHUNK,
): AsyncGenerator<SourceRecord[]> {
  const file = createReadStream(path, { highWaterMark: chunkSize });
  const watched = meter?.watch(file) ?? file;
  let input: Readable = watched;
  if (gzip) {
    const gunzip = createGunzip({ chunkSize: Math.max(64, chunkSize) });
    pipeline(watched, gunzip, () => {});
    input = gunzip;
  }
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const decoder = new StringDecoder('utf8');
  const state = { line: 1, width: -1 };
  let carry = '';
  let first = true;
  let bom = '';
  try {
    for (;;) {
      const next = await chunks.next();
      await nextTurn();
      let text = carry + (next.done === true ? decoder.end() : decoder.write(next.value));
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) {
          bom = '\uFEFF';
          text = text.slice(1);
        }
      }
      const records: SourceRecord[] = [];
      const taken = takeLines(text, next.done === true, state, records);
      if (records.length > 0) yield records;
      if (taken === -1) {
        carry = '';
        if (next.done === true) return;
        continue;
      }
      if (typeof taken === 'number') {
        carry = text.slice(taken);
        continue;
      }
      // Not plain from here on: csv-parse reads the rest of the file (all of it, BOM
      // included, when the first line is not plain).
      const head = (state.line === 1 ? bom : '') + taken.rest;
      const rest = Readable.from(remaining(head, chunks, decoder, next.done === true));
      let batch: SourceRecord[] = [];
      for await (const record of parseCsvRecords(rest, [], {
        ...state,
        ...(state.line > 1 ? { recordDelimiter: '\n' } : {}),
      })) {
        batch.push(record);
        if (batch.length >= 10_000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      return;
    }
  } finally {
    await chunks.return?.();
  }
}

/**
 * Splits the complete lines of `text` (all of it when `last`) into records. Returns where the
 * unfinished last line starts, -1 when everything was taken, or the text from the first line
 * that is not plain.
 */
function takeLines(
  text: string,
  last: boolean,
  state: { line: number; width: number },
  records: SourceRecord[],
): number | { rest: string } {
  let at = 0;
  for (;;) {
    const newline = text.indexOf('\n', at);
    if (newline === -1 && !(last && at < text.length)) return last ? -1 : at;
    const end = newline === -1 ? text.length : newline;
    const fields = csvLineFields(text.slice(at, end));
    if (fields === null) return { rest: text.slice(at) };
    const line = state.line;
    state.line += 1;
    at = end + 1;
    if (fields.length === 1 && (fields[0] ?? '').trim() === '') continue;
    if (state.width === -1) {
      state.width = fields.length;
      records.push({ kind: 'header', at: { line }, cells: fields });
    } else if (fields.length !== state.width) {
      const reason = `wrong number of fields: expected ${state.width}, found ${fields.length}`;
      records.push({ kind: 'broken', at: { line }, reason });
    } else {
      records.push({ kind: 'row', at: { line }, cells: fields });
    }
  }
}

async function* remaining(
  head: string,
  chunks: AsyncIterator<Buffer>,
  decoder: StringDecoder,
  done: boolean,
): AsyncGenerator<string> {
  if (head !== '') yield head;
  if (done) return;
  for (;;) {
    const next = await chunks.next();
    if (next.done === true) {
      const tail = decoder.end();
      if (tail !== '') yield tail;
      return;
    }
    const text = decoder.write(next.value);
    if (text !== '') yield text;
  }
}
