import { readCsvRecords } from './csv-records.js';
import type { ReadMeter } from './read-meter.js';
import type { RecordResult } from './record-result.js';

/**
 * Streams a CSV file with a header (gunzipped when the name ends in `.gz`) as records keyed
 * by column name, each value trimmed. Lines are counted as readCsvRecords counts them. A
 * header that lacks a `required` column is reported on its line and ends the stream; a record
 * with the wrong number of fields is reported and skipped.
 */
export async function* readCsvTable(
  path: string,
  required: readonly string[],
  meter?: ReadMeter,
): AsyncGenerator<RecordResult<Record<string, string>>> {
  let header: string[] | undefined;
  for await (const record of readCsvRecords(path, path.endsWith('.gz'), meter)) {
    const line = record.at.line;
    if (record.kind === 'broken') {
      yield { ok: false, error: { file: path, line, reason: record.reason } };
    } else if (record.kind === 'header') {
      header = record.cells.map((cell) => String(cell).trim());
      const missing = required.filter((column) => !header?.includes(column));
      if (missing.length > 0) {
        const names = missing.map((name) => `"${name}"`).join(', ');
        yield {
          ok: false,
          error: { file: path, line, reason: `missing column ${names} in the header` },
        };
        return;
      }
    } else if (header !== undefined) {
      const value: Record<string, string> = {};
      header.forEach((name, i) => (value[name] = String(record.cells[i] ?? '').trim()));
      yield { ok: true, line, value };
    }
  }
}
