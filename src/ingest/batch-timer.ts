import type { SourceKind } from './load-summary.js';

/** The `source` label of an ingest batch: a closed list. */
export type IngestBatchSource = 'kafka' | 'cdc' | 'cdc_snapshot' | `file_${SourceKind}`;

/**
 * Times one ingest batch (the app's `ServiceMetrics.timeBatch` satisfies it); resolves or
 * rejects as `run` does.
 */
export interface BatchTimer {
  timeBatch<T>(source: IngestBatchSource, run: () => Promise<T>): Promise<T>;
}

/** No timing: for loads and streams built without metrics (tools, tests). */
export const untimed: BatchTimer = { timeBatch: (_source, run) => run() };
