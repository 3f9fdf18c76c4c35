import { RowRejected, type RowError } from '../rows/row-error.js';
import type { RecordResult } from '../rows/record-result.js';

export interface RecordLoadStats {
  rows: number;
  loaded: number;
  rejected: RowError[];
}

/**
 * Parses each record and writes the valid ones in batches. A row that fails `parse` is
 * reported with its file and line and skipped; the batch writes go on. Writers are
 * idempotent, so re-running a load after a crash repairs it without duplicates.
 */
export async function loadRecords<R, T>(
  file: string,
  records: AsyncIterable<RecordResult<R>>,
  parse: (record: R) => T,
  write: (batch: T[]) => Promise<number>,
  batchSize: number,
  onProgress?: (stats: RecordLoadStats) => void,
): Promise<RecordLoadStats> {
  const stats: RecordLoadStats = { rows: 0, loaded: 0, rejected: [] };
  let batch: T[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    stats.loaded += await write(batch);
    batch = [];
    onProgress?.(stats);
  };
  for await (const record of records) {
    if (!record.ok) {
      stats.rows++;
      stats.rejected.push(record.error);
      continue;
    }
    stats.rows++;
    try {
      batch.push(parse(record.value));
    } catch (error) {
      if (!(error instanceof RowRejected)) throw error;
      stats.rejected.push({ file, line: record.line, reason: error.message });
      continue;
    }
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return stats;
}
