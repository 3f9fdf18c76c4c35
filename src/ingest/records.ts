import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { MAX_EVENT_BYTES } from '../input-limits.js';
import type { RowError } from './row-error.js';

export type RecordResult<T> = { ok: true; line: number; value: T } | { ok: false; error: RowError };

function open(path: string) {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  return path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
}

/**
 * Streams a CSV file with a header as string records keyed by column name. A row with the
 * wrong number of fields or broken quoting is reported with its line and skipped.
 */
export async function* readCsvRecords(
  path: string,
  required: readonly string[],
): AsyncGenerator<RecordResult<Record<string, string>>> {
  const parser = open(path).pipe(
    parse({
      columns: false,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      info: true,
      trim: true,
    }),
  );
  let header: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = info.lines;
      if (!header) {
        header = record.map((h) => h.trim());
        const missing = required.filter((c) => !header?.includes(c));
        if (missing.length > 0) {
          yield {
            ok: false,
            error: {
              file: path,
              line,
              reason: `missing column ${missing.map((m) => `"${m}"`).join(', ')} in the header`,
            },
          };
          return;
        }
        continue;
      }
      if (record.length !== header.length) {
        yield {
          ok: false,
          error: {
            file: path,
            line,
            reason: `wrong number of fields: expected ${header.length}, found ${record.length}`,
          },
        };
        continue;
      }
      const value: Record<string, string> = {};
      header.forEach((h, i) => (value[h] = record[i] ?? ''));
      yield { ok: true, line, value };
    }
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    yield {
      ok: false,
      error: {
        file: path,
        line: e.lines ?? 0,
        reason: `unreadable CSV: ${e.message ?? String(error)}`,
      },
    };
  }
}

/** Streams a JSON-lines file; a line that is not a JSON object is reported and skipped. */
export async function* readJsonLines(
  path: string,
): AsyncGenerator<RecordResult<Record<string, unknown>>> {
  const lines = createInterface({ input: open(path), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    if (Buffer.byteLength(text, 'utf8') > MAX_EVENT_BYTES) {
      yield {
        ok: false,
        error: { file: path, line, reason: `line longer than ${MAX_EVENT_BYTES} bytes` },
      };
      continue;
    }
    try {
      const value: unknown = JSON.parse(text);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        yield { ok: false, error: { file: path, line, reason: 'not a JSON object' } };
      } else {
        yield { ok: true, line, value: value as Record<string, unknown> };
      }
    } catch (error) {
      yield {
        ok: false,
        error: { file: path, line, reason: `not JSON: ${(error as Error).message}` },
      };
    }
  }
}

/** Groups a stream into arrays of at most `size`. */
export async function* batches<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
