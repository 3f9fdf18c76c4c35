import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { MAX_EVENT_BYTES } from '../input-limits.js';
import type { ReadMeter } from '../rows/read-meter.js';
import type { RecordResult } from '../rows/record-result.js';

function open(path: string, meter?: ReadMeter) {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const raw = meter?.watch(file) ?? file;
  return path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
}

/** Streams a JSON-lines file; a line that is not a JSON object is reported and skipped. */
export async function* readJsonLines(
  path: string,
  meter?: ReadMeter,
): AsyncGenerator<RecordResult<Record<string, unknown>>> {
  const lines = createInterface({ input: open(path, meter), crlfDelay: Infinity });
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
